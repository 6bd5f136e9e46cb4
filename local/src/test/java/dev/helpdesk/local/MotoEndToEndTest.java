package dev.helpdesk.local;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The same functions against another AWS emulator by configuration alone (R-LOCAL, issue 18): moto_server keeps
 * DynamoDB (the tables, their stream) and S3 (the inbound-mail bucket), the local cloud started with
 * {@code --aws-endpoint} keeps the HTTP API, the bus, the schedules and the Bedrock stand-in. The local cloud runs as
 * its own JVM, exactly as a developer starts it ({@code LocalCloud.main}): it configures the functions JVM-wide, so it
 * cannot share this test JVM with {@link SharedCloud}. Skipped only where moto_server is not on the PATH
 * ({@code pip install 'moto[server]'}; .ci/run tries that).
 */
class MotoEndToEndTest {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Pattern READY = Pattern.compile(Pattern.quote(LocalCloud.READY) + "(http://127\\.0\\.0\\.1:\\d+)");
    private static final String TWILIO_TOKEN = "moto-test-twilio-token";
    private static final String TABLE = "helpdesk-local";

    private static Process moto;
    private static Process cloud;
    private static final ConcurrentLinkedQueue<String> motoOutput = new ConcurrentLinkedQueue<>();
    private static final ConcurrentLinkedQueue<String> cloudOutput = new ConcurrentLinkedQueue<>();
    private static URI motoUrl;
    private static URI baseUrl;
    private static DynamoDbClient motoDynamo;
    private static S3Client motoS3;

    private static final String ABSENT = "moto_server is not on the PATH (pip install 'moto[server]'): the moto end-to-end test is skipped";

    @BeforeAll
    static void start() throws Exception {
        Optional<Path> motoServer = onPath("moto_server");
        if (motoServer.isEmpty()) {
            // Each test is then skipped with this reason (a skip in @BeforeAll would leave no trace in the report).
            System.err.println(ABSENT);
            return;
        }
        int motoPort = freePort();
        motoUrl = URI.create("http://127.0.0.1:" + motoPort);
        moto = new ProcessBuilder(motoServer.get().toString(), "-H", "127.0.0.1", "-p", Integer.toString(motoPort))
                .redirectErrorStream(true).start();
        drain(moto, motoOutput, null);
        awaitPort(moto, motoPort, motoOutput);

        StaticCredentialsProvider credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));
        motoDynamo = DynamoDbClient.builder().endpointOverride(motoUrl).region(Region.US_EAST_1).credentialsProvider(credentials)
                .httpClientBuilder(UrlConnectionHttpClient.builder()).build();
        motoS3 = S3Client.builder().endpointOverride(motoUrl).forcePathStyle(true).region(Region.US_EAST_1)
                .credentialsProvider(credentials).httpClientBuilder(UrlConnectionHttpClient.builder()).build();

        // The local cloud as a developer runs it, on this test's class path (the modules' classes and their jars).
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-Xss4m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                LocalCloud.class.getName(), "--port", "0", "--no-schedules", "--template", Path.of("../template.yaml").toAbsolutePath().toString(),
                "--aws-endpoint", motoUrl.toString()).redirectErrorStream(true);
        // Nothing from this machine's AWS setup: the option alone says where DynamoDB and S3 are.
        builder.environment().keySet().removeIf(name -> name.startsWith("AWS_") || name.equals("PUBLIC_BASE_URL"));
        builder.environment().put("DDB_LOCAL_TELEMETRY", "0");
        builder.environment().put("TWILIO_AUTH_TOKEN", TWILIO_TOKEN);
        cloud = builder.start();
        CompletableFuture<String> ready = new CompletableFuture<>();
        drain(cloud, cloudOutput, line -> {
            Matcher m = READY.matcher(line);
            if (m.lookingAt()) {
                ready.complete(m.group(1));
            }
        });
        cloud.onExit().thenRun(() -> ready.completeExceptionally(new IllegalStateException("the local cloud exited")));
        try {
            baseUrl = URI.create(ready.get(120, TimeUnit.SECONDS));
        } catch (Exception e) {
            fail("the local cloud did not start against moto: " + e + "\n" + String.join("\n", cloudOutput));
        }
    }

    @BeforeEach
    void motoIsThere() {
        Assumptions.assumeTrue(moto != null, ABSENT);
    }

    @AfterAll
    static void stop() throws Exception {
        if (motoDynamo != null) {
            motoDynamo.close();
        }
        if (motoS3 != null) {
            motoS3.close();
        }
        stop(cloud);
        stop(moto);
    }

    @Test
    @DisplayName("R-LOCAL --aws-endpoint: the tables and the inbound-mail bucket are moto's, DynamoDB Local is not started")
    void storesAreMotos() throws Exception {
        JsonNode endpoints = json(call("GET", "/local/endpoints", null, null));
        assertEquals(motoUrl.toString(), endpoints.path("dynamodb").asText(), "the endpoint it serves for DynamoDB is moto's");
        assertEquals(motoUrl.toString(), endpoints.path("s3").asText());
        assertEquals(200, call("GET", "/api/tickets?view=all", token("admin-" + UUID.randomUUID(), "admin"), null).statusCode());
        assertTrue(motoDynamo.listTables().tableNames().contains(TABLE), "template.yaml's table was created in moto");
        assertNotNull(motoDynamo.describeTable(b -> b.tableName(TABLE)).table().latestStreamArn(), "with its stream");
        assertTrue(motoS3.listBuckets().buckets().stream().anyMatch(b -> b.name().startsWith("helpdesk-local-inbound-mail-")),
                "the inbound-mail bucket was created in moto");
        HttpResponse<String> s3Fault = call("PUT", "/local/faults/s3", null, "{\"mode\":\"error\"}");
        assertEquals(409, s3Fault.statusCode(), "an S3 fault the local S3 could not inject is refused: " + s3Fault.body());
    }

    @Test
    @DisplayName("R-LOCAL R-INGEST-1 R-ASSIGN a Twilio SMS becomes a ticket in moto; its changes reach the in-process bus from moto's stream and routing assigns it")
    void smsTicketLivesInMotoAndFlowsThroughItsStream() throws Exception {
        String tag = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        String agent = "moto-agent-" + tag;
        String admin = token("admin-" + tag, "admin");
        ok(call("PUT", "/api/agents/" + agent, admin, "{\"name\":\"Moto Agent\",\"role\":\"support\"}"));
        ok(call("PUT", "/api/agents/me/availability", token(agent, "support"), "{\"online\":true}"));
        ok(call("PUT", "/api/settings/assignment", admin, "{\"roundRobin\":true}"));
        ok(call("PUT", "/api/settings/office-hours", admin, allWeek()));

        // The provider's own payload (events/sms), as a new message from a new number.
        String text = "Hej! Mitt paket har inte kommit fram " + tag;
        String form = Files.readString(Path.of("../events/sms/twilio-inbound.txt")).strip()
                .replace("SM9c1f6d2a0b8e4f0a9c3b2d1e0f9a8b7c", "SM" + tag + "00000000000000000000")
                .replace("From=%2B46701234567", "From=%2B4670" + (1_000_000 + Math.abs(tag.hashCode() % 8_999_999)))
                .replaceFirst("Body=[^&]*", "Body=" + URLEncoder.encode(text, StandardCharsets.UTF_8));
        HttpResponse<String> sms = HTTP.send(HttpRequest.newBuilder(baseUrl.resolve("/webhooks/sms/twilio"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-Twilio-Signature", ProviderSigner.twilio(TWILIO_TOKEN, baseUrl + "/webhooks/sms/twilio", form))
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, sms.statusCode(), sms.body());
        assertTrue(sms.body().contains("<Response></Response>"), sms.body());

        // "Ticket Received" comes from the change feed, which reads the table's stream: moto's, here.
        JsonNode received = awaitEvent("Ticket Received", d -> text.equals(d.path("subject").asText()));
        assertEquals("sms", received.path("channel").asText());
        String ticketId = received.path("ticketId").asText();
        awaitEvent("Ticket Created", d -> ticketId.equals(d.path("ticketId").asText()));
        JsonNode assigned = awaitEvent("Ticket Assigned", d -> ticketId.equals(d.path("ticketId").asText()));
        assertEquals(agent, assigned.path("assigneeId").asText(), assigned.toString());

        JsonNode ticket = json(call("GET", "/api/tickets/" + ticketId, token("analyst-" + tag, "analyst"), null));
        assertEquals("sms", ticket.path("channel").asText());
        assertEquals(agent, ticket.path("assigneeId").asText());
        assertEquals(text, ticket.path("messages").get(0).path("text").asText());

        var item = motoDynamo.getItem(b -> b.tableName(TABLE).consistentRead(true)
                .key(Map.of("PK", AttributeValue.fromS("TICKET#" + ticketId), "SK", AttributeValue.fromS("TICKET"))));
        assertTrue(item.hasItem() && !item.item().isEmpty(), "the ticket is an item in moto's table");
    }

    @Test
    @DisplayName("R-LOCAL R-INGEST-1 SES's S3 action: the raw mail is stored in moto's S3 and becomes a ticket, by the S3 event and by SNS")
    void sesMailStoredInMotoS3BecomesATicket() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        byte[] raw = ("From: Moto Sender <moto-" + tag + "@example.com>\r\nTo: support@shop.example.com\r\nSubject: stored in moto "
                + tag + "\r\nMessage-ID: <moto-" + tag + "@example.com>\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n"
                + "Mitt paket är försenat.\r\n").getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> stored = HTTP.send(HttpRequest.newBuilder(baseUrl.resolve("/local/ses/inbound?via=s3"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(raw)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(202, stored.statusCode(), stored.body());
        JsonNode location = Exchanges.JSON.readTree(stored.body());
        assertArrayEquals(raw, motoS3.getObjectAsBytes(b -> b.bucket(location.path("bucket").asText()).key(location.path("key").asText()))
                .asByteArray(), "the raw mail is moto's object");

        JsonNode received = awaitEvent("Ticket Received", d -> ("stored in moto " + tag).equals(d.path("subject").asText()));
        assertEquals("email", received.path("channel").asText());
        JsonNode ticket = json(call("GET", "/api/tickets/" + received.path("ticketId").asText(), token("analyst-" + tag, "analyst"), null));
        assertEquals("stored in moto " + tag, ticket.path("subject").asText());
        assertEquals("Mitt paket är försenat.", ticket.path("messages").get(0).path("text").asText().strip());

        byte[] announced = ("From: moto-" + tag + "@example.com\r\nSubject: announced " + tag + "\r\nMessage-ID: <sns-" + tag
                + "@example.com>\r\n\r\nbody").getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> viaSns = HTTP.send(HttpRequest.newBuilder(baseUrl.resolve("/local/ses/inbound?via=s3-sns"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(announced)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, viaSns.statusCode(), viaSns.body());
        assertEquals("announced " + tag, json(call("GET", "/api/tickets/" + Exchanges.JSON.readTree(viaSns.body()).path("ticketId").asText(),
                token("analyst-" + tag, "analyst"), null)).path("subject").asText());
    }

    /** The detail of the first event of this type the bus took whose detail matches, waited for (30 s). */
    private static JsonNode awaitEvent(String detailType, Predicate<JsonNode> detail) throws Exception {
        long deadline = System.currentTimeMillis() + 30_000;
        JsonNode events = null;
        while (System.currentTimeMillis() < deadline) {
            events = json(call("GET", "/local/events", null, null)).path("items");
            for (JsonNode e : events) {
                JsonNode envelope = e.path("envelope");
                if (detailType.equals(envelope.path("detail-type").asText()) && detail.test(envelope.path("detail"))) {
                    return envelope.path("detail");
                }
            }
            Thread.sleep(100);
        }
        return fail("no '" + detailType + "' event came; the bus took: " + events + "\nlocal cloud output:\n" + tail(cloudOutput));
    }

    private static String token(String sub, String role) throws Exception {
        return json(call("POST", "/local/token", null, "{\"sub\":\"" + sub + "\",\"role\":\"" + role + "\"}")).path("token").asText();
    }

    private static HttpResponse<String> call(String method, String path, String token, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(baseUrl.resolve(path)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> response) throws IOException {
        return Exchanges.JSON.readTree(ok(response).body());
    }

    private static HttpResponse<String> ok(HttpResponse<String> response) {
        assertTrue(response.statusCode() / 100 == 2, response.request().method() + " " + response.request().uri() + " → "
                + response.statusCode() + " " + response.body() + "\nlocal cloud output:\n" + tail(cloudOutput));
        return response;
    }

    private static String allWeek() {
        StringBuilder weekly = new StringBuilder();
        for (String day : List.of("MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN")) {
            weekly.append(weekly.isEmpty() ? "" : ",").append("\"").append(day).append("\":[[\"00:00\",\"24:00\"]]");
        }
        return "{\"timeZone\":\"UTC\",\"weekly\":{" + weekly + "},\"holidays\":[]}";
    }

    /** An executable of this name in a PATH directory. */
    private static Optional<Path> onPath(String name) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = dir.isEmpty() ? null : Path.of(dir, name);
            if (candidate != null && Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** Reads the process's output on a daemon thread, keeping it for failure messages and showing each line to {@code onLine}. */
    private static void drain(Process process, ConcurrentLinkedQueue<String> kept, java.util.function.Consumer<String> onLine) {
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    kept.add(line);
                    while (kept.size() > 400) {
                        kept.poll();
                    }
                    if (onLine != null) {
                        onLine.accept(line);
                    }
                }
            } catch (IOException closed) {
                // the process ended
            }
        }, "moto-test-output-" + process.pid());
        reader.setDaemon(true);
        reader.start();
    }

    private static void awaitPort(Process process, int port, ConcurrentLinkedQueue<String> output) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < deadline) {
            if (!process.isAlive()) {
                fail("moto_server exited (" + process.exitValue() + "):\n" + String.join("\n", output));
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
                return;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        fail("moto_server did not listen on " + port + " within 60 s:\n" + String.join("\n", output));
    }

    private static void stop(Process process) throws InterruptedException {
        if (process == null) {
            return;
        }
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        if (!process.waitFor(15, TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }

    private static String tail(ConcurrentLinkedQueue<String> output) {
        List<String> lines = List.copyOf(output);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
