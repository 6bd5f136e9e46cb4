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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;

/**
 * Issue 17: faults injected into the services the functions call (DynamoDB, S3, EventBridge) and provider
 * redeliveries. For each: the caller gets a 2xx only for what was durably stored, otherwise a 503 with Retry-After
 * (or the provider's retry contract); after recovery nothing is lost or duplicated, and no partial record remains.
 */
@Isolated
class FaultInjectionEndToEndTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @AfterEach
    void clearFaults() throws Exception {
        LocalCloud cloud = SharedCloud.get();
        put(cloud, "/local/faults/dynamodb", "{}");
        put(cloud, "/local/faults/s3", "{}");
        put(cloud, "/local/faults/eventbridge", "{}");
    }

    @Test
    @DisplayName("DynamoDB throttles the ticket transaction (after the customer was written): 503 + Retry-After; the redelivery stores it once")
    void throttledTransaction() throws Exception {
        LocalCloud cloud = SharedCloud.get();
        String tag = tag();
        Map<String, Object> message = chatMessage(tag);
        put(cloud, "/local/faults/dynamodb", "{\"mode\":\"throttle\",\"operations\":[\"TransactWriteItems\"]}");
        HttpResponse<String> refused = LocalApi.chat(cloud, message);
        assertEquals(503, refused.statusCode(), refused.body());
        assertTrue(refused.headers().firstValue("Retry-After").isPresent(), "says when to come back");
        assertTrue(injected(cloud, "dynamodb:throttle:TransactWriteItems") >= 2, "the SDK retried before giving up");

        put(cloud, "/local/faults/dynamodb", "{}");
        HttpResponse<String> again = LocalApi.chat(cloud, message);
        assertEquals(200, again.statusCode(), again.body());
        assertStoredOnce(cloud, tag);
    }

    @Test
    @DisplayName("DynamoDB fails every call (500): webhooks and agent reads answer 503 + Retry-After, never 500; recovery loses nothing")
    void dynamoDown() throws Exception {
        LocalCloud cloud = SharedCloud.get();
        String tag = tag();
        String agent = LocalApi.token(cloud, "faults-agent", "support");
        put(cloud, "/local/faults/dynamodb", "{\"mode\":\"error\"}");
        HttpResponse<String> webhook = LocalApi.chat(cloud, chatMessage(tag));
        assertEquals(503, webhook.statusCode(), webhook.body());
        HttpResponse<String> read = LocalApi.call(cloud, "GET", "/api/tickets?view=all", agent, null);
        assertEquals(503, read.statusCode(), read.body());
        assertTrue(read.headers().firstValue("Retry-After").isPresent());

        put(cloud, "/local/faults/dynamodb", "{}");
        assertEquals(200, LocalApi.chat(cloud, chatMessage(tag)).statusCode());
        assertStoredOnce(cloud, tag);
    }

    @Test
    @DisplayName("a storm of TransactionConflict on the ticket transaction: retried, stored once, answered 200")
    void conflictStorm() throws Exception {
        LocalCloud cloud = SharedCloud.get();
        String tag = tag();
        put(cloud, "/local/faults/dynamodb", "{\"mode\":\"conflict\",\"operations\":[\"TransactWriteItems\"],\"count\":3}");
        HttpResponse<String> response = LocalApi.chat(cloud, chatMessage(tag));
        assertEquals(200, response.statusCode(), response.body());
        assertEquals(3, injected(cloud, "dynamodb:conflict:TransactWriteItems"), "all three conflicts were met");
        assertStoredOnce(cloud, tag);
    }

    @Test
    @DisplayName("S3 fails the first read of stored mail: the bucket event is retried and the mail becomes one ticket; a slow S3 only delays it")
    void s3Faults() throws Exception {
        LocalCloud cloud = SharedCloud.get();
        String tag = tag();
        put(cloud, "/local/faults/s3", "{\"mode\":\"error\",\"count\":1}");
        assertEquals(202, mail(cloud, "s3", "From: s3-" + tag + "@example.com\r\nSubject: s3 fault " + tag + "\r\n\r\nbody").statusCode());
        assertTrue(cloud.awaitIdle(30_000));
        assertEquals(1, injected(cloud, "s3:error:GetObject"));
        assertEquals(1, received(cloud, "s3 fault " + tag), "retried by the event source, stored once");

        put(cloud, "/local/faults/s3", "{\"mode\":\"slow\",\"count\":1,\"delayMs\":1500}");
        assertEquals(202, mail(cloud, "s3", "From: slow-" + tag + "@example.com\r\nSubject: slow s3 " + tag + "\r\n\r\nbody").statusCode());
        assertTrue(cloud.awaitIdle(30_000));
        assertEquals(1, received(cloud, "slow s3 " + tag));
    }

    @Test
    @DisplayName("EventBridge refuses one entry of a PutEvents (FailedEntryCount 1): that event is sent again, every event arrives once")
    void partialPutEvents() throws Exception {
        LocalCloud cloud = SharedCloud.get();
        String tag = tag();
        put(cloud, "/local/faults/eventbridge", "{\"failEntries\":1}");
        HttpResponse<String> response = LocalApi.chat(cloud, chatMessage(tag));
        assertEquals(200, response.statusCode(), response.body());
        assertTrue(cloud.awaitIdle(30_000));
        String ticketId = Exchanges.JSON.readTree(response.body()).path("ticketId").asText();
        assertEquals(1, count(cloud, "Ticket Received", ticketId), "not lost, not doubled");
        assertEquals(1, count(cloud, "Ticket Created", ticketId), "classified once, and routing went on");
    }

    @Test
    @DisplayName("an event over PutEvents' 256 KB is published trimmed, and 12 events of 60 KB go out in requests under the limit")
    void largeEvents() throws Exception {
        LocalCloud cloud = SharedCloud.get();
        String tag = tag();
        try (EventBridgeClient client = EventBridgeClient.builder().region(Region.US_EAST_1)
                .endpointOverride(URI.create(cloud.endpoints().get("eventbridge")))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("x", "x")))
                .httpClientBuilder(UrlConnectionHttpClient.builder()).build()) {
            var publisher = new dev.helpdesk.events.EventBridgePublisher(client, cloud.busName());
            publisher.publish(List.of(dev.helpdesk.events.HelpdeskEvent.of("Agent Replied", "t-" + tag, java.time.Instant.now(),
                    Map.of("marker", tag, "text", "x".repeat(300 * 1024)))));
            List<dev.helpdesk.events.HelpdeskEvent> many = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                many.add(dev.helpdesk.events.HelpdeskEvent.of("Agent Replied", "m-" + tag, java.time.Instant.now(),
                        Map.of("marker", tag, "text", "y".repeat(1000), "blob", List.of("z".repeat(60 * 1024)))));
            }
            publisher.publish(many);
        }
        List<Map<?, ?>> seen = details(cloud).stream().filter(d -> tag.equals(d.get("marker"))).toList();
        assertEquals(13, seen.size(), "all published");
        Map<?, ?> big = seen.stream().filter(d -> ("t-" + tag).equals(d.get("ticketId"))).findFirst().orElseThrow();
        assertEquals(List.of("text"), big.get("trimmed"), "the long text was left out, the rest kept");
    }

    @Test
    @DisplayName("SNS delivers one SES notification five times, three at once: one ticket, every delivery answered 200")
    void snsRedelivery() throws Exception {
        LocalCloud cloud = SharedCloud.get();
        String tag = tag();
        String envelope = cloud.sesInbound().envelope(("From: twice-" + tag + "@example.com\r\nSubject: redelivered " + tag
                + "\r\nMessage-ID: <redelivered-" + tag + "@x>\r\n\r\nonce").getBytes(StandardCharsets.UTF_8), cloud.baseUrl(),
                cloud.setting("SES_INBOUND_TOPIC_ARN"), "ses-" + tag);
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<Integer>> statuses = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                statuses.add(pool.submit(() -> postSes(cloud, envelope).statusCode()));
            }
            for (Future<Integer> status : statuses) {
                assertEquals(200, status.get());
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(200, postSes(cloud, envelope).statusCode());
        assertEquals(200, postSes(cloud, envelope).statusCode());
        assertTrue(cloud.awaitIdle(30_000));
        assertEquals(1, received(cloud, "redelivered " + tag));
    }

    // --- helpers ---

    private static String tag() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    private static Map<String, Object> chatMessage(String tag) {
        return Map.of("conversationId", "fault-" + tag, "messageId", "m-" + tag,
                "customer", Map.of("name", "Fay Fault", "email", "fault-" + tag + "@example.com"), "text", "Faulty " + tag);
    }

    /** One ticket, one message, one customer for the fault-{tag} conversation: nothing lost, nothing doubled, nothing partial. */
    private static void assertStoredOnce(LocalCloud cloud, String tag) throws Exception {
        assertTrue(cloud.awaitIdle(30_000));
        String agent = LocalApi.token(cloud, "faults-reader", "analyst");
        JsonNode found = Exchanges.JSON.readTree(LocalApi.call(cloud, "GET", "/api/search?q=fault-" + tag + "%40example.com", agent, null).body());
        assertEquals(1, found.path("customers").size(), "one customer: " + found);
        assertEquals(1, found.path("customers").get(0).path("ticketCount").asInt(), "with one ticket");
        assertEquals(1, found.path("tickets").size());
        String ticketId = found.path("tickets").get(0).path("ticketId").asText();
        JsonNode ticket = Exchanges.JSON.readTree(LocalApi.call(cloud, "GET", "/api/tickets/" + ticketId, agent, null).body());
        assertEquals(1, ticket.path("messages").size(), "the message once");
        assertEquals(1, count(cloud, "Ticket Received", ticketId));
    }

    private static int injected(LocalCloud cloud, String key) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(cloud.baseUrl() + "/local/faults")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        return Exchanges.JSON.readTree(response.body()).path("injected").path(key).asInt(0);
    }

    private static List<Map<?, ?>> details(LocalCloud cloud) {
        return cloud.events().stream().<Map<?, ?>>map(e -> (Map<?, ?>) e.envelope().get("detail")).filter(java.util.Objects::nonNull).toList();
    }

    /** Events of this detail-type whose detail has {@code field} equal to {@code value}. */
    private static long count(LocalCloud cloud, String detailType, String field, String value) {
        return cloud.events().stream().filter(e -> detailType.equals(e.envelope().get("detail-type")))
                .map(e -> (Map<?, ?>) e.envelope().get("detail")).filter(d -> d != null && value.equals(d.get(field))).count();
    }

    private static long count(LocalCloud cloud, String detailType, String ticketId) {
        return count(cloud, detailType, "ticketId", ticketId);
    }

    private static long received(LocalCloud cloud, String subject) {
        return count(cloud, "Ticket Received", "subject", subject);
    }

    private static HttpResponse<String> mail(LocalCloud cloud, String via, String raw) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(cloud.baseUrl() + "/local/ses/inbound?via=" + via))
                .POST(HttpRequest.BodyPublishers.ofString(raw)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> postSes(LocalCloud cloud, String envelope) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(cloud.baseUrl() + "/webhooks/email/ses"))
                .POST(HttpRequest.BodyPublishers.ofString(envelope)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void put(LocalCloud cloud, String path, String body) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(cloud.baseUrl() + path))
                .PUT(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), path + ": " + response.body());
    }
}
