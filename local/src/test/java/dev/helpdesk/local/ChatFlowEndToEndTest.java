package dev.helpdesk.local;

import org.junit.jupiter.api.parallel.Isolated;
import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ConversationRole;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;

/**
 * The foundation's proof, from outside, over the local cloud's real HTTP port: a signed chat webhook becomes a
 * New ticket, "Ticket Received" goes over the bus to the function whose rule matches, and the ticket is visible
 * through the agent API with a token. Bad input is refused with the contract's errors and stores nothing.
 */
@Isolated // counts every item in the table around refused requests
class ChatFlowEndToEndTest {
    private static LocalCloud cloud;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        cloud = SharedCloud.get();
    }

    @Test
    @DisplayName("R-LOCAL a signed chat message becomes a New ticket whose 'Ticket Received' reaches the classify function")
    void chatMessageBecomesATicketAndItsEventReachesTheSubscribedFunction() throws Exception {
        String conversation = "conv-" + UUID.randomUUID();
        HttpResponse<String> posted = postChat(chat(conversation, "m-1", "Where is my order? The delivery is late."));
        assertEquals(200, posted.statusCode(), posted.body());
        JsonNode answer = json(posted.body());
        String ticketId = answer.path("ticketId").asText();
        assertFalse(ticketId.isEmpty());
        assertFalse(answer.path("messageId").asText().isEmpty());
        assertTrue(cloud.awaitIdle(30_000), "bus deliveries did not finish");

        JsonNode received = eventFor("Ticket Received", ticketId);
        assertEquals("helpdesk", received.path("envelope").path("source").asText());
        assertEquals("1", received.path("envelope").path("detail").path("version").asText());
        JsonNode delivery = received.path("deliveries").get(0);
        assertEquals("ClassifyFunction", delivery.path("functionId").asText());
        assertEquals("delivered", delivery.path("outcome").asText());
        // The classify function ran for real: it read the ticket, asked the Bedrock stand-in, and announced it.
        assertEquals("RoutingFunction", eventFor("Ticket Created", ticketId).path("deliveries").get(0).path("functionId").asText());

        HttpResponse<String> got = get("/api/tickets/" + ticketId, token("agent-1", "support"));
        assertEquals(200, got.statusCode(), got.body());
        JsonNode ticket = json(got.body());
        assertEquals(ticketId, ticket.path("ticketId").asText());
        assertEquals("New", ticket.path("status").asText());
        assertEquals("chat", ticket.path("channel").asText());
        assertTrue(ticket.path("number").asLong() > 0);
        assertTrue(ticket.path("assigneeId").isNull());
        for (String field : List.of("subject", "customStatus", "priority", "customerId", "teamId", "sentiment", "labels",
                "createdAt", "updatedAt", "lastInteractionAt", "closedAt")) {
            assertTrue(ticket.has(field), "ticket lacks " + field);
        }
        assertEquals(1, ticket.path("messages").size());
        assertEquals("Where is my order? The delivery is late.", ticket.path("messages").get(0).path("text").asText());
        assertEquals("Neutral", ticket.path("sentiment").path("label").asText());
        assertTrue(ticket.path("labels").toString().contains("delivery"), ticket.path("labels").toString());
        List<String> timeline = new ArrayList<>();
        ticket.path("timeline").forEach(e -> timeline.add(e.path("type").asText()));
        assertEquals(List.of("created", "message", "classified", "left unassigned"), timeline);

        HttpResponse<String> history = get("/api/customers/" + ticket.path("customerId").asText() + "/tickets",
                token("agent-2", "analyst"));
        assertEquals(200, history.statusCode(), history.body());
        assertEquals(ticketId, json(history.body()).path("items").get(0).path("ticketId").asText());
    }

    @Test
    @DisplayName("R-INGEST-4 the same chat message delivered twice is stored once")
    void redeliveryIsStoredOnce() throws Exception {
        String conversation = "conv-" + UUID.randomUUID();
        String body = chat(conversation, "m-1", "Hello twice");
        JsonNode first = json(postChat(body).body());
        HttpResponse<String> again = postChat(body);
        assertEquals(200, again.statusCode());
        assertEquals(first.path("ticketId").asText(), json(again.body()).path("ticketId").asText());
        assertEquals(first.path("messageId").asText(), json(again.body()).path("messageId").asText());
        assertTrue(json(again.body()).path("duplicate").asBoolean());
        JsonNode ticket = json(get("/api/tickets/" + first.path("ticketId").asText(), token("a", "owner")).body());
        assertEquals(1, ticket.path("messages").size());
    }

    @Test
    @DisplayName("R-INGEST-6 a bad signature is 401 and stores nothing")
    void badSignatureIsRefusedAndStoresNothing() throws Exception {
        long before = itemCount();
        String conversation = "conv-" + UUID.randomUUID();
        String body = chat(conversation, "m-1", "forged");
        HttpResponse<String> forged = send(HttpRequest.newBuilder(url("/webhooks/chat"))
                .header("Content-Type", "application/json")
                .header("X-Helpdesk-Signature", ProviderSigner.sha256Header("wrong-secret", body.getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
        assertError(forged, 401, "unauthorized");
        HttpResponse<String> unsigned = send(HttpRequest.newBuilder(url("/webhooks/chat"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build());
        assertError(unsigned, 401, "unauthorized");
        assertEquals(before, itemCount());
    }

    @Test
    @DisplayName("R-INGEST-6 malformed JSON or a missing field is 400 with a JSON error and stores nothing")
    void malformedBodyIsRefusedAndStoresNothing() throws Exception {
        long before = itemCount();
        assertError(postChat("{not json"), 400, "malformed_json");
        assertError(postChat("[1,2]"), 400, "malformed_json");
        assertError(postChat("{\"conversationId\":\"c\",\"messageId\":\"m\",\"text\":\"\"}"), 400, "invalid_payload");
        assertError(postChat("{\"conversationId\":\"c\",\"text\":\"hi\"}"), 400, "invalid_payload");
        assertError(postChat("{\"conversationId\":\"c\",\"messageId\":\"m\",\"text\":\"hi\",\"handoff\":\"yes\"}"), 400, "invalid_payload");
        assertEquals(before, itemCount());
    }

    @Test
    @DisplayName("R-INGEST-6 an oversize chat body is 413 and stores nothing")
    void oversizeBodyIsRefused() throws Exception {
        long before = itemCount();
        String body = chat("conv-big", "m-1", "x".repeat(70_000));
        assertError(postChat(body), 413, "payload_too_large");
        assertEquals(before, itemCount());
    }

    @Test
    @DisplayName("R-SEC the agent API needs a valid token: none, garbage or tampered is 401")
    void agentApiRequiresAValidToken() throws Exception {
        assertError(get("/api/tickets/anything", null), 401, "unauthorized");
        assertError(get("/api/tickets/anything", "not.a.jwt"), 401, "unauthorized");
        String valid = token("agent-1", "support");
        String[] parts = valid.split("\\.");
        String forgedClaims = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                "{\"sub\":\"agent-1\",\"role\":\"owner\",\"iss\":\"https://helpdesk.local/issuer\",\"aud\":\"helpdesk-local\",\"exp\":9999999999}"
                        .getBytes(StandardCharsets.UTF_8));
        assertError(get("/api/tickets/anything", parts[0] + "." + forgedClaims + "." + parts[2]), 401, "unauthorized");
        assertError(get("/api/tickets/" + UUID.randomUUID(), valid), 404, "not_found");
    }

    @Test
    @DisplayName("unknown routes are 404 with a JSON error; bad token requests are 400")
    void unknownRouteIsA404Json() throws Exception {
        assertError(get("/no/such/route", null), 404, "not_found");
        assertError(send(HttpRequest.newBuilder(url("/webhooks/chat")).GET().build()), 404, "not_found");
        assertError(send(HttpRequest.newBuilder(url("/local/token")).POST(HttpRequest.BodyPublishers.ofString("{\"sub\":\"x\",\"role\":\"king\"}")).build()),
                400, "invalid_payload");
    }

    @Test
    @DisplayName("R-HIST a tampered history cursor is 400, not 500")
    void tamperedCursorIsA400() throws Exception {
        assertError(get("/api/customers/c-1/tickets?cursor=not-base64%21%21", token("a", "support")), 400, "invalid_cursor");
        String otherCustomers = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                "{\"PK\":\"TICKET#x\",\"SK\":\"TICKET\",\"GSI1PK\":\"CUSTOMER#c-2\",\"GSI1SK\":\"x\"}".getBytes(StandardCharsets.UTF_8));
        assertError(get("/api/customers/c-1/tickets?cursor=" + otherCustomers, token("a", "support")), 400, "invalid_cursor");
        assertError(get("/api/customers/c-1/tickets?limit=0", token("a", "support")), 400, "invalid_parameter");
    }

    @Test
    @DisplayName("R-LOCAL the AWS endpoints speak the real wire protocols to the real SDK clients")
    void awsEndpointsServeTheRealSdkClients() throws Exception {
        JsonNode endpoints = json(get("/local/endpoints", null).body());
        var credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("any", "any"));
        try (EventBridgeClient events = EventBridgeClient.builder().region(Region.US_EAST_1).credentialsProvider(credentials)
                .endpointOverride(URI.create(endpoints.path("eventbridge").asText()))
                .httpClientBuilder(UrlConnectionHttpClient.builder()).build()) {
            PutEventsResponse ok = events.putEvents(b -> b.entries(e -> e.eventBusName(cloud.busName()).source("tests")
                    .detailType("Something Else").detail("{\"a\":1}")));
            assertEquals(0, ok.failedEntryCount());
            assertFalse(ok.entries().get(0).eventId().isEmpty());
            PutEventsResponse wrongBus = events.putEvents(b -> b.entries(e -> e.eventBusName("no-such-bus").source("tests")
                    .detailType("X").detail("{}")));
            assertEquals(1, wrongBus.failedEntryCount());
        }
        try (BedrockRuntimeClient bedrock = BedrockRuntimeClient.builder().region(Region.US_EAST_1).credentialsProvider(credentials)
                .endpointOverride(URI.create(endpoints.path("bedrock-runtime").asText()))
                .httpClientBuilder(UrlConnectionHttpClient.builder()).build()) {
            var response = bedrock.converse(b -> b.modelId("amazon.nova-micro-v1:0")
                    .messages(m -> m.role(ConversationRole.USER).content(ContentBlock.fromText("This is URGENT, refund me"))));
            JsonNode answer = json(response.output().message().content().get(0).text());
            assertEquals("Urgent", answer.path("label").asText());
            assertTrue(answer.path("labels").toString().contains("refund"));
            assertTrue(response.usage().inputTokens() > 0);
        }
        try (DynamoDbClient dynamo = dynamo()) {
            assertTrue(dynamo.listTables().tableNames().contains(cloud.setting("HELPDESK_TABLE")));
        }
        assertNotNull(SdkBytes.fromUtf8String("ok"));
    }

    @Test
    @DisplayName("R-LOCAL an event put without a bus name (the default bus, as boto3 and the CLI do) reaches the rules")
    void defaultBusReachesTheRules() throws Exception {
        String agentId = "default-bus-" + java.util.UUID.randomUUID();
        try (software.amazon.awssdk.services.eventbridge.EventBridgeClient events = software.amazon.awssdk.services.eventbridge.EventBridgeClient.builder()
                .region(Region.US_EAST_1).endpointOverride(java.net.URI.create(cloud.endpoints().get("eventbridge")))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("x", "x")))
                .httpClientBuilder(UrlConnectionHttpClient.builder()).build()) {
            var response = events.putEvents(b -> b.entries(e -> e.source("helpdesk").detailType("Agent Availability Changed")
                    .detail("{\"version\":\"1\",\"eventId\":\"" + agentId + "\",\"agentId\":\"" + agentId + "\",\"online\":false}")));
            assertEquals(0, response.failedEntryCount(), response.toString());
        }
        assertTrue(cloud.awaitIdle(30_000));
        JsonNode delivered = null;
        for (JsonNode e : json(get("/local/events", null).body()).path("items")) {
            if (agentId.equals(e.path("envelope").path("detail").path("agentId").asText())) {
                delivered = e;
            }
        }
        assertNotNull(delivered, "the event is on the log");
        assertEquals("RoutingFunction", delivered.path("deliveries").get(0).path("functionId").asText(), "the routing rule matched it");
    }

    @Test
    @DisplayName("R-LOCAL a schedule from the template fires its function on demand")
    void scheduleFiresItsFunction() throws Exception {
        HttpResponse<String> fired = send(HttpRequest.newBuilder(url("/local/schedules/RoutingFunction.OfficeHoursTick"))
                .POST(HttpRequest.BodyPublishers.noBody()).build());
        assertEquals(202, fired.statusCode(), fired.body());
        assertTrue(cloud.awaitIdle(30_000));
        JsonNode log = json(get("/local/events", null).body()).path("items");
        JsonNode last = null;
        for (JsonNode e : log) {
            if ("Scheduled Event".equals(e.path("envelope").path("detail-type").asText())) {
                last = e;
            }
        }
        assertNotNull(last, "no scheduled event on the log");
        assertEquals("delivered", last.path("deliveries").get(0).path("outcome").asText());
        // What EventBridge Scheduler sends: the target's Input from the template, nothing fabricated.
        assertEquals("helpdesk.scheduler", last.path("envelope").path("source").asText());
        assertEquals("office-hours-tick", last.path("envelope").path("detail").path("schedule").asText());
        assertError(send(HttpRequest.newBuilder(url("/local/schedules/Nope")).POST(HttpRequest.BodyPublishers.noBody()).build()),
                404, "not_found");
    }

    // ---- helpers -------------------------------------------------------------------------------------------

    private static String chat(String conversationId, String messageId, String text) throws Exception {
        return Exchanges.JSON.writeValueAsString(Map.of("conversationId", conversationId, "messageId", messageId,
                "customer", Map.of("name", "Test Customer", "email", conversationId + "@example.com"),
                "text", text, "handoff", false));
    }

    private static HttpResponse<String> postChat(String body) throws Exception {
        String secret = cloud.secrets().get("CHAT_WEBHOOK_SECRET");
        return send(HttpRequest.newBuilder(url("/webhooks/chat"))
                .header("Content-Type", "application/json")
                .header("X-Helpdesk-Signature", ProviderSigner.sha256Header(secret, body.getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private static String token(String sub, String role) throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(url("/local/token"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"sub\":\"" + sub + "\",\"role\":\"" + role + "\"}")).build());
        assertEquals(200, response.statusCode(), response.body());
        return json(response.body()).path("token").asText();
    }

    private static HttpResponse<String> get(String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(url(path)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request.build());
    }

    private static HttpResponse<String> send(HttpRequest request) throws Exception {
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static URI url(String path) {
        return URI.create(cloud.baseUrl() + path);
    }

    private static JsonNode json(String body) throws Exception {
        return Exchanges.JSON.readTree(body);
    }

    private static void assertError(HttpResponse<String> response, int status, String code) throws Exception {
        assertEquals(status, response.statusCode(), response.body());
        JsonNode body = json(response.body());
        assertEquals(code, body.path("error").asText(), response.body());
        assertFalse(body.path("message").asText().isEmpty(), "error without a message: " + response.body());
    }

    private static JsonNode eventFor(String detailType, String ticketId) throws Exception {
        for (JsonNode e : json(get("/local/events", null).body()).path("items")) {
            JsonNode envelope = e.path("envelope");
            if (detailType.equals(envelope.path("detail-type").asText())
                    && ticketId.equals(envelope.path("detail").path("ticketId").asText())) {
                return e;
            }
        }
        fail("no '" + detailType + "' event for ticket " + ticketId);
        return null;
    }

    private static DynamoDbClient dynamo() throws Exception {
        JsonNode endpoints = json(get("/local/endpoints", null).body());
        return DynamoDbClient.builder().region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("any", "any")))
                .endpointOverride(URI.create(endpoints.path("dynamodb").asText()))
                .httpClientBuilder(UrlConnectionHttpClient.builder()).build();
    }

    /** Every item in the table: a scan, which only a test may do, to prove nothing was written. */
    private static long itemCount() throws Exception {
        // Deliveries still in flight write and clear outbox items: count only once the bus is idle.
        assertTrue(cloud.awaitIdle(30_000));
        try (DynamoDbClient dynamo = dynamo()) {
            long count = 0;
            Map<String, AttributeValue> start = null;
            do {
                Map<String, AttributeValue> from = start;
                var page = dynamo.scan(b -> b.tableName(cloud.setting("HELPDESK_TABLE")).select("COUNT").exclusiveStartKey(from));
                count += page.count();
                start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
            } while (start != null);
            return count;
        }
    }
}
