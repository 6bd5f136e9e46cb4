package dev.helpdesk.bench.coldstart;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.helpdesk.bench.coldstart.baseline.NoopHandler;
import dev.helpdesk.local.LocalCloud;
import dev.helpdesk.local.Template;
import dev.helpdesk.store.ChangeRecords;
import dev.helpdesk.store.TableDesign;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The offline cloud the measured functions talk to, started in the benchmark's JVM from {@code template.yaml}
 * <em>without its EventBridge rules</em>: the bus still accepts and logs every event a measured function
 * publishes, but delivers none to the functions the local cloud runs in this JVM, so no classification or
 * routing runs here, competing for the CPU, while a measured JVM starts. Schedules are off for the same reason, and
 * the function that S3 notifies (inbound mail) is a no-op here, so that the measured one reads the stored mail first.
 * The HTTP API stays, and seeds the data the measured invocations act on (agents, settings, tickets).
 */
final class OfflineCloud implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();

    private final LocalCloud cloud;
    private final Template template;
    private final Path repository;
    private final HttpClient http = HttpClient.newHttpClient();
    private final Path workDir;

    private OfflineCloud(LocalCloud cloud, Template template, Path repository, Path workDir) {
        this.cloud = cloud;
        this.template = template;
        this.repository = repository;
        this.workDir = workDir;
    }

    static OfflineCloud start(Path repository, Path workDir) throws Exception {
        Path original = repository.resolve("template.yaml");
        Template full = Template.load(original, Map.of("Stage", "local"));
        String ruleless = withoutEventBridgeRules(Files.readString(original));
        // A stored object notifies the bucket's function in this JVM at once; the measured JVM is to do that work.
        List<String> s3Functions = full.events("S3").stream().map(Template.Event::functionId).distinct().toList();
        for (String functionId : s3Functions) {
            String handler = full.function(functionId).orElseThrow().handler();
            ruleless = ruleless.replace("Handler: " + handler + "\n", "Handler: " + NoopHandler.class.getName() + "\n");
        }
        Template template = Template.parse(ruleless, Map.of("Stage", "local"));
        boolean ok = template.events("EventBridgeRule").isEmpty() && template.functions().size() == full.functions().size()
                && full.events("HttpApi").size() == template.events("HttpApi").size();
        for (Template.Function function : template.functions()) {
            boolean notified = s3Functions.contains(function.logicalId());
            String originalHandler = full.function(function.logicalId()).orElseThrow().handler();
            ok &= notified ? function.handler().equals(NoopHandler.class.getName()) : function.handler().equals(originalHandler);
        }
        if (!ok) {
            throw new IllegalStateException("could not derive a template without EventBridge rules from " + original);
        }
        Path derived = workDir.resolve("template-without-rules.yaml");
        Files.writeString(derived, ruleless);
        LocalCloud cloud = LocalCloud.start(new LocalCloud.Options(0, null, false, false, derived, Map.of()));
        return new OfflineCloud(cloud, full, repository, workDir);
    }

    /**
     * template.yaml minus every {@code Type: EventBridgeRule} event (the event's name line and its indented body).
     * The result is checked by parsing it (see {@link #start}).
     */
    static String withoutEventBridgeRules(String yaml) {
        String[] lines = yaml.split("\n", -1);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (i + 1 < lines.length && lines[i + 1].strip().equals("Type: EventBridgeRule")
                    && line.strip().endsWith(":") && indent(lines[i + 1]) == indent(line) + 2) {
                int eventIndent = indent(line);
                i++;
                while (i + 1 < lines.length && (lines[i + 1].isBlank() || indent(lines[i + 1]) > eventIndent)) {
                    i++;
                }
                continue;
            }
            out.append(line);
            if (i < lines.length - 1) {
                out.append('\n');
            }
        }
        return out.toString();
    }

    private static int indent(String line) {
        int n = 0;
        while (n < line.length() && line.charAt(n) == ' ') {
            n++;
        }
        return n;
    }

    Template template() {
        return template;
    }

    Path repository() {
        return repository;
    }

    Path workDir() {
        return workDir;
    }

    URI baseUrl() {
        return cloud.baseUrl();
    }

    Map<String, String> endpoints() {
        return cloud.endpoints();
    }

    Map<String, String> secrets() {
        return cloud.secrets();
    }

    String region() {
        return System.getProperty("aws.region", "us-east-1");
    }

    /** A token from the local JWT issuer. */
    String token(String sub, String role) throws Exception {
        return api("POST", "/local/token", null, "{\"sub\":\"" + sub + "\",\"role\":\"" + role + "\"}").path("token").asText();
    }

    /** Calls the local cloud's HTTP API and returns the JSON answer; anything but 200 is an error. */
    JsonNode api(String method, String path, String token, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(cloud.baseUrl().resolve(path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(response.body());
    }

    /** A chat message through the offline cloud's own ingest (seeding); returns the ticket id. */
    String chat(String conversationId, String messageId, String customerName, String email, String text) throws Exception {
        byte[] body = chatBody(conversationId, messageId, customerName, email, text).getBytes(StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(cloud.baseUrl().resolve("/webhooks/chat"))
                .header("Content-Type", "application/json")
                .header("X-Helpdesk-Signature", sign(secrets().get("CHAT_WEBHOOK_SECRET"), body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("seeding chat " + conversationId + " answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body()).path("ticketId").asText();
    }

    static String chatBody(String conversationId, String messageId, String customerName, String email, String text) {
        var node = JSON.createObjectNode();
        node.put("conversationId", conversationId);
        node.put("messageId", messageId);
        node.putObject("customer").put("name", customerName).put("email", email);
        node.put("text", text);
        node.put("handoff", false);
        return node.toString();
    }

    /** The chat widget's signature header value: {@code sha256=<hex HMAC-SHA256 of the body>}. */
    static String sign(String secret, byte[] body) {
        return dev.helpdesk.http.Signatures.sha256Header(secret, body);
    }

    /** Stores an object in the offline cloud's S3 (path-style PUT, as the SDK sends it). */
    void putObject(String bucket, String key, byte[] bytes) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(endpoints().get("s3") + "/" + bucket + "/" + key))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes)).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("PUT s3://" + bucket + "/" + key + " answered " + response.statusCode() + ": " + response.body());
        }
    }

    /** The items of a ticket's partition that carry a change: what the table's stream hands the change feed. */
    List<Map<String, AttributeValue>> changedItems(String ticketId) {
        try (DynamoDbClient dynamo = DynamoDbClient.builder().endpointOverride(URI.create(endpoints().get("dynamodb")))
                .region(Region.of(region())).httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"))).build()) {
            return dynamo.queryPaginator(q -> q.tableName(cloud.setting("HELPDESK_TABLE")).consistentRead(true)
                            .keyConditionExpression("PK = :pk")
                            .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(TableDesign.ticketPk(ticketId)))))
                    .items().stream().filter(item -> item.containsKey(ChangeRecords.ATTRIBUTE)).toList();
        }
    }

    /** How many events of this detail-type for this ticket the bus has accepted. */
    long busCount(String ticketId, String detailType) throws Exception {
        return busEvents().stream().filter(envelope -> ticketId.equals(envelope.path("detail").path("ticketId").asText())
                && detailType.equals(envelope.path("detail-type").asText())).count();
    }

    /** Every event the bus has accepted so far (envelopes). */
    List<JsonNode> busEvents() throws Exception {
        // Events reach the bus from the table's stream, through the change feed function running here: wait for it.
        if (!cloud.awaitIdle(60_000)) {
            throw new IllegalStateException("the offline cloud's stream and bus did not go idle");
        }
        List<JsonNode> out = new ArrayList<>();
        api("GET", "/local/events", null, null).path("items").forEach(item -> out.add(item.path("envelope")));
        return out;
    }

    /** Whether the bus holds an event of this detail-type whose detail has this field value. */
    boolean busHas(String detailType, String field, String value) throws Exception {
        for (JsonNode envelope : busEvents()) {
            if (detailType.equals(envelope.path("detail-type").asText()) && value.equals(envelope.path("detail").path(field).asText())) {
                return true;
            }
        }
        return false;
    }

    /** Whether the bus holds an event of one of these detail-types for this ticket; returns the one found. */
    String busEventFor(String ticketId, String... detailTypes) throws Exception {
        for (JsonNode envelope : busEvents()) {
            if (ticketId.equals(envelope.path("detail").path("ticketId").asText())) {
                for (String type : detailTypes) {
                    if (type.equals(envelope.path("detail-type").asText())) {
                        return type;
                    }
                }
            }
        }
        return null;
    }

    @Override
    public void close() throws IOException {
        cloud.close();
    }
}
