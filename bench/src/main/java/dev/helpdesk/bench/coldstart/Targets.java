package dev.helpdesk.bench.coldstart;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.helpdesk.bench.coldstart.baseline.NoopHandler;
import dev.helpdesk.bench.coldstart.baseline.PlainJavaHandler;
import dev.helpdesk.local.S3Notifications;
import dev.helpdesk.local.Template;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What is measured: each function of template.yaml that has a workload here (its deployable jar, its handler,
 * its environment, and a first event that makes it do its real work against the offline cloud), the plain-Java
 * baseline doing ingest's kind of work without Micronaut, and a no-op handler (the JVM + RIC floor).
 */
final class Targets {
    static final String AGENT = "bench-ann";
    static final String SECOND_AGENT = "bench-bo";

    /** One measured deployable: a jar and a handler class, started as Lambda starts it. */
    record Target(String name, String functionName, String handler, Path jar, Map<String, String> environment,
                  Workload workload) {
    }

    /** The first (and only) invocation of one cold start, and how to tell it did its work. */
    record Invocation(String event, Check check) {
    }

    interface Check {
        /** Null when the response (the runtime's POST body) shows the work was done; else what is wrong. */
        String verify(String response) throws Exception;
    }

    interface Workload {
        /** Seeds, before any measurement, what {@code count} invocations will act on. */
        default void prepare(int count) throws Exception {
        }

        /** The {@code index}-th invocation's event (called before its cold start is timed). */
        Invocation invocation(int index) throws Exception;
    }

    private final OfflineCloud cloud;
    private final Path baselineJar;
    private final String tag = Long.toString(System.currentTimeMillis(), 36);
    private final List<String> unmeasured = new ArrayList<>();

    Targets(OfflineCloud cloud, Path baselineJar) {
        this.cloud = cloud;
        this.baselineJar = baselineJar;
    }

    /** Every target, functions in template order, then the baseline and the no-op floor. */
    List<Target> all() throws Exception {
        Template template = cloud.template();
        Map<String, Workload> workloads = new LinkedHashMap<>();
        workloads.put("IngestFunction", new Ingest());
        workloads.put("ClassifyFunction", new Classify());
        workloads.put("RoutingFunction", new Routing());
        workloads.put("TimersFunction", new Timers());
        workloads.put("AgentApiFunction", new AgentApi());
        workloads.put("HistoryFunction", new History());
        workloads.put("InboundMailFunction", new InboundMail());
        workloads.put("DeliveryFunction", new Delivery());
        workloads.put("ChangeFeedFunction", new ChangeFeed());
        List<Target> targets = new ArrayList<>();
        Template.Function ingest = null;
        for (Template.Function function : template.functions()) {
            Workload workload = workloads.get(function.logicalId());
            if (function.logicalId().equals("IngestFunction")) {
                ingest = function;
            }
            if (workload == null) {
                unmeasured.add(function.logicalId());
                continue; // reported as not measured: it needs a workload here
            }
            Map<String, Object> properties = template.properties(function.logicalId());
            String functionName = template.resolve(properties.get("FunctionName"));
            Path jar = cloud.repository().resolve(template.resolve(properties.get("CodeUri"))).normalize();
            targets.add(new Target(shortName(functionName), functionName, function.handler(), jar,
                    environment(function, functionName), workload));
        }
        if (ingest == null) {
            throw new IllegalStateException("template.yaml has no IngestFunction: the baseline copies its environment");
        }
        targets.add(new Target("baseline", "helpdesk-local-bench-baseline", PlainJavaHandler.class.getName(), baselineJar,
                environment(ingest, "helpdesk-local-bench-baseline"), new Baseline()));
        targets.add(new Target("noop", "helpdesk-local-bench-noop", NoopHandler.class.getName(), baselineJar,
                environment(ingest, "helpdesk-local-bench-noop"), index -> new Invocation("{}",
                        response -> response.strip().equals("\"ok\"") ? null : "expected \"ok\", got " + response)));
        return targets;
    }

    /** Functions of template.yaml that {@link #all()} found no workload for (the report names them). */
    List<String> unmeasured() {
        return List.copyOf(unmeasured);
    }

    private static String shortName(String functionName) {
        return functionName.startsWith("helpdesk-local-") ? functionName.substring("helpdesk-local-".length()) : functionName;
    }

    /**
     * The environment Lambda would give the function: its reserved variables, the template's variables (Globals,
     * then the function's; SSM parameter names and JAVA_TOOL_OPTIONS left out: the secrets come directly, as the
     * offline cloud gives them, and the JVM flags are the benchmark's), and the offline cloud's endpoints.
     */
    private Map<String, String> environment(Template.Function function, String functionName) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PATH", "/usr/local/bin:/usr/bin:/bin");
        env.put("LANG", "en_US.UTF-8");
        env.put("TZ", ":UTC");
        env.put("AWS_EXECUTION_ENV", "AWS_Lambda_java21");
        env.put("AWS_LAMBDA_FUNCTION_NAME", functionName);
        env.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
        env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "1024"); // Globals.Function.MemorySize
        env.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/" + functionName);
        env.put("AWS_LAMBDA_LOG_STREAM_NAME", "bench/[$LATEST]0000");
        env.put("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand");
        env.put("AWS_REGION", cloud.region());
        env.put("AWS_DEFAULT_REGION", cloud.region());
        env.put("AWS_ACCESS_KEY_ID", "local");
        env.put("AWS_SECRET_ACCESS_KEY", "local");
        env.put("AWS_SESSION_TOKEN", "local");
        function.environment().forEach((name, value) -> {
            if (!name.endsWith("_PARAMETER") && !name.equals("JAVA_TOOL_OPTIONS")) {
                env.put(name, cloud.template().resolve(value));
            }
        });
        env.putAll(cloud.secrets());
        env.put("PUBLIC_BASE_URL", cloud.baseUrl().toString());
        env.put("SNS_CERT_URL_PREFIX", cloud.baseUrl() + "/local/sns/");
        env.put("AWS_ENDPOINT_URL_DYNAMODB", cloud.endpoints().get("dynamodb"));
        env.put("AWS_ENDPOINT_URL_EVENTBRIDGE", cloud.endpoints().get("eventbridge"));
        env.put("AWS_ENDPOINT_URL_BEDROCK_RUNTIME", cloud.endpoints().get("bedrock-runtime"));
        env.put("AWS_ENDPOINT_URL_S3", cloud.endpoints().get("s3"));
        env.put("AWS_ENDPOINT_URL_SESV2", cloud.endpoints().get("sesv2"));
        // Replies go to the offline cloud's recording providers, as its own functions' do.
        env.put("CHAT_REPLY_URL", cloud.baseUrl() + "/local/outbound/chat");
        env.put("TWILIO_API_BASE", cloud.baseUrl() + "/local/outbound/twilio");
        env.put("META_GRAPH_BASE", cloud.baseUrl() + "/local/outbound/meta");
        env.put("POSTMARK_API_BASE", cloud.baseUrl() + "/local/outbound/postmark");
        return env;
    }

    /** Agents, office hours and round robin, so routing assigns (its full path) and agents may reply. */
    void seedWorkspace() throws Exception {
        String admin = cloud.token("bench-admin", "admin");
        for (String agent : List.of(AGENT, SECOND_AGENT)) {
            cloud.api("PUT", "/api/agents/" + agent, admin,
                    "{\"name\":\"" + agent + "\",\"role\":\"support\",\"email\":\"" + agent + "@brand.example\"}");
        }
        heartbeat();
        StringBuilder weekly = new StringBuilder();
        for (String day : List.of("MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN")) {
            weekly.append(weekly.isEmpty() ? "" : ",").append('"').append(day).append("\":[[\"00:00\",\"24:00\"]]");
        }
        cloud.api("PUT", "/api/settings/office-hours", admin, "{\"timeZone\":\"UTC\",\"weekly\":{" + weekly + "},\"holidays\":[]}");
        cloud.api("PUT", "/api/settings/assignment", admin, "{\"roundRobin\":true}");
    }

    /** Keeps the agents Online (presence lapses without a heartbeat). */
    private void heartbeat() throws Exception {
        for (String agent : List.of(AGENT, SECOND_AGENT)) {
            cloud.api("PUT", "/api/agents/me/availability", cloud.token(agent, "support"), "{\"online\":true}");
        }
    }

    private List<String> seedTickets(String purpose, int count) throws Exception {
        List<String> tickets = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String conversation = "bench-" + tag + "-" + purpose + "-" + i;
            tickets.add(cloud.chat(conversation, "m-1", "Bench Customer " + purpose + " " + i,
                    "bench-" + purpose + "-" + i + "@example.com",
                    "Hi! My order #" + (4400 + i) + " was supposed to arrive on Monday and the tracking has not moved. Can you help?"));
        }
        return tickets;
    }

    private static JsonNode httpResponse(String response) throws Exception {
        return OfflineCloud.JSON.readTree(response);
    }

    /** Null if the runtime's response is an API Gateway answer with a 2xx status, else why not. */
    private static String expect2xx(JsonNode response) {
        int status = response.path("statusCode").asInt(-1);
        return status >= 200 && status < 300 ? null : "HTTP API response status " + status + ": " + response.path("body").asText(response.toString());
    }

    private Invocation signedChat(String conversation, Check check) {
        String body = OfflineCloud.chatBody(conversation, "m-1", "Bench Customer", conversation + "@example.com",
                "Hi! My order #4411 was supposed to arrive on Monday and the delivery tracking has not moved since. Can you help?");
        String event = Events.http("POST", "/webhooks/chat", "/webhooks/chat", Map.of(),
                Map.of("content-type", "application/json",
                        "x-helpdesk-signature", OfflineCloud.sign(cloud.secrets().get("CHAT_WEBHOOK_SECRET"), body.getBytes(StandardCharsets.UTF_8))),
                body, null);
        return new Invocation(event, check);
    }

    /** A signed chat webhook starting a new conversation: a new customer and ticket, stored and announced. */
    private final class Ingest implements Workload {
        @Override
        public Invocation invocation(int index) {
            return signedChat("bench-" + tag + "-ingest-" + index, response -> {
                JsonNode answer = httpResponse(response);
                String problem = expect2xx(answer);
                if (problem != null) {
                    return problem;
                }
                JsonNode body = OfflineCloud.JSON.readTree(answer.path("body").asText());
                String ticketId = body.path("ticketId").asText("");
                if (ticketId.isEmpty() || body.path("duplicate").asBoolean(true)) {
                    return "expected a new ticket, got " + body;
                }
                return cloud.busEventFor(ticketId, "Ticket Received") != null ? null : "no \"Ticket Received\" for " + ticketId + " on the bus";
            });
        }
    }

    /** "Ticket Received" for a new, unclassified ticket: read it, ask Bedrock (the stand-in), store, announce. */
    private final class Classify implements Workload {
        private List<String> tickets = List.of();

        @Override
        public void prepare(int count) throws Exception {
            tickets = seedTickets("classify", count);
        }

        @Override
        public Invocation invocation(int index) {
            String ticketId = tickets.get(index);
            ObjectNode detail = Events.detail(ticketId).put("channel", "chat").put("status", "New").put("handoff", false);
            return new Invocation(Events.bus("Ticket Received", detail), response ->
                    cloud.busEventFor(ticketId, "Ticket Created") != null ? null : "no \"Ticket Created\" for " + ticketId + " on the bus");
        }
    }

    /** "Ticket Created" for an unassigned ticket, round robin on, office open, agents Online: a claim. */
    private final class Routing implements Workload {
        private List<String> tickets = List.of();

        @Override
        public void prepare(int count) throws Exception {
            tickets = seedTickets("routing", count);
        }

        @Override
        public Invocation invocation(int index) throws Exception {
            heartbeat();
            String ticketId = tickets.get(index);
            ObjectNode detail = Events.detail(ticketId).put("channel", "chat").put("status", "New");
            detail.putNull("sentiment");
            detail.putArray("labels");
            return new Invocation(Events.bus("Ticket Created", detail), response -> {
                String found = cloud.busEventFor(ticketId, "Ticket Assigned", "Ticket Left Unassigned");
                if ("Ticket Assigned".equals(found)) {
                    return null;
                }
                return found == null ? "no routing decision for " + ticketId + " on the bus" : "ticket " + ticketId + " was left unassigned";
            });
        }
    }

    /** The every-minute schedule: presence, postponed wake-ups, overdue reassignment, SLA. */
    private final class Timers implements Workload {
        @Override
        public Invocation invocation(int index) {
            return new Invocation(Events.scheduled("helpdesk-local-due-work-tick"), response -> null);
        }
    }

    /** An agent's reply: the ticket read, a transaction (message, status, timeline, SLA timer), an event. */
    private final class AgentApi implements Workload {
        private List<String> tickets = List.of();

        @Override
        public void prepare(int count) throws Exception {
            tickets = seedTickets("reply", count);
        }

        @Override
        public Invocation invocation(int index) {
            String ticketId = tickets.get(index);
            String event = Events.http("POST", "/api/tickets/{ticketId}/replies", "/api/tickets/" + ticketId + "/replies",
                    Map.of("ticketId", ticketId), Map.of("content-type", "application/json"),
                    "{\"text\":\"Sorry about the delay! Your parcel left our warehouse this morning.\"}",
                    Events.agentClaims(AGENT, "support"));
            return new Invocation(event, response -> {
                String problem = expect2xx(httpResponse(response));
                if (problem != null) {
                    return problem;
                }
                return cloud.busEventFor(ticketId, "Agent Replied") != null ? null : "no \"Agent Replied\" for " + ticketId + " on the bus";
            });
        }
    }

    /** "Agent Replied": the reply read, claimed, sent to the chat back end (recording provider), recorded, announced. */
    private final class Delivery implements Workload {
        private final List<String[]> replies = new ArrayList<>();

        @Override
        public void prepare(int count) throws Exception {
            String token = cloud.token(AGENT, "support");
            for (String ticketId : seedTickets("delivery", count)) {
                cloud.api("POST", "/api/tickets/" + ticketId + "/replies", token, "{\"text\":\"Your parcel left our warehouse this morning.\"}");
                String messageId = null;
                for (JsonNode envelope : cloud.busEvents()) {
                    if (ticketId.equals(envelope.path("detail").path("ticketId").asText())
                            && "Agent Replied".equals(envelope.path("detail-type").asText())) {
                        messageId = envelope.path("detail").path("messageId").asText();
                    }
                }
                if (messageId == null) {
                    throw new IllegalStateException("no \"Agent Replied\" for " + ticketId);
                }
                replies.add(new String[] {ticketId, messageId});
            }
        }

        @Override
        public Invocation invocation(int index) {
            String ticketId = replies.get(index)[0];
            ObjectNode detail = Events.detail(ticketId).put("channel", "chat").put("messageId", replies.get(index)[1])
                    .put("authorId", AGENT).put("text", "Your parcel left our warehouse this morning.");
            return new Invocation(Events.bus("Agent Replied", detail), response ->
                    cloud.busEventFor(ticketId, "Reply Delivered") != null ? null : "no \"Reply Delivered\" for " + ticketId + " on the bus");
        }
    }

    /** Ticket detail for an agent: the ticket's partition (transcript, notes, timeline) and its agent names. */
    private final class History implements Workload {
        private String ticketId;

        @Override
        public void prepare(int count) throws Exception {
            ticketId = seedTickets("history", 1).get(0);
        }

        @Override
        public Invocation invocation(int index) {
            String event = Events.http("GET", "/api/tickets/{ticketId}", "/api/tickets/" + ticketId,
                    Map.of("ticketId", ticketId), Map.of(), null, Events.agentClaims(AGENT, "support"));
            return new Invocation(event, response -> {
                JsonNode answer = httpResponse(response);
                String problem = expect2xx(answer);
                if (problem != null) {
                    return problem;
                }
                return answer.path("body").asText().contains(ticketId) ? null : "the ticket detail does not name " + ticketId;
            });
        }
    }

    /** SES's S3 action stored a raw email (quoted-printable, ISO-8859-1, HTML part): read, parse, ingest, announce. */
    private final class InboundMail implements Workload {
        private static final String SAMPLE = "events/email/ses-alternative-quoted-printable.eml";

        @Override
        public Invocation invocation(int index) throws Exception {
            String bucket = cloud.template().resolve(cloud.template().events("S3").get(0).properties().get("Bucket"));
            String key = "inbound/bench-" + tag + "-" + index;
            String subject = "Bench mail " + tag + " " + index;
            String mail = Files.readString(cloud.repository().resolve(SAMPLE), StandardCharsets.ISO_8859_1)
                    .replaceFirst("(?m)^Message-ID: .*$", "Message-ID: <bench-" + tag + "-" + index + "@mail.example.se>")
                    .replaceFirst("(?m)^Subject: .*$", "Subject: " + subject);
            byte[] bytes = mail.getBytes(StandardCharsets.ISO_8859_1);
            cloud.putObject(bucket, key, bytes);
            return new Invocation(S3Notifications.objectCreated(bucket, key, bytes).toString(), response ->
                    cloud.busHas("Ticket Received", "subject", subject) ? null : "no \"Ticket Received\" for the mail at " + key + " on the bus");
        }
    }

    /**
     * The table's stream hands the change feed a new ticket's items as DynamoDB wrote them (a chat's first message,
     * carrying the change with "Ticket Received"): it copies the timeline entries out, arms the timers and publishes the
     * events again (subscribers de-duplicate by eventId, as they do on the stream's own redeliveries).
     */
    private final class ChangeFeed implements Workload {
        private List<String> tickets = List.of();

        @Override
        public void prepare(int count) throws Exception {
            tickets = seedTickets("changes", count);
        }

        @Override
        public Invocation invocation(int index) throws Exception {
            String ticketId = tickets.get(index);
            List<Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue>> items = cloud.changedItems(ticketId);
            if (items.isEmpty()) {
                throw new IllegalStateException("ticket " + ticketId + " has no item carrying a change");
            }
            long before = cloud.busCount(ticketId, "Ticket Received");
            return new Invocation(Events.streamInserts(items, cloud.region()), response -> {
                JsonNode answer = OfflineCloud.JSON.readTree(response);
                if (!answer.path("batchItemFailures").isEmpty()) {
                    return "the change feed reported failures: " + answer;
                }
                long after = cloud.busCount(ticketId, "Ticket Received");
                return after > before ? null : "no new \"Ticket Received\" for " + ticketId + " on the bus (" + before + " before, " + after + " after)";
            });
        }
    }

    /** The baseline gets what ingest gets: a signed chat webhook for a new conversation. */
    private final class Baseline implements Workload {
        @Override
        public Invocation invocation(int index) {
            return signedChat("bench-" + tag + "-baseline-" + index, response -> {
                JsonNode answer = httpResponse(response);
                String problem = expect2xx(answer);
                if (problem != null) {
                    return problem;
                }
                JsonNode body = OfflineCloud.JSON.readTree(answer.path("body").asText());
                if (body.path("duplicate").asBoolean(true)) {
                    return "expected a new conversation, got " + body;
                }
                return cloud.busHas(PlainJavaHandler.DETAIL_TYPE, "messageId", body.path("messageId").asText())
                        ? null : "no \"" + PlainJavaHandler.DETAIL_TYPE + "\" event on the bus";
            });
        }
    }

    static boolean exists(Path jar) {
        return Files.isRegularFile(jar);
    }
}
