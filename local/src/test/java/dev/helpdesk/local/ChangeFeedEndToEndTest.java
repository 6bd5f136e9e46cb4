package dev.helpdesk.local;

import org.junit.jupiter.api.parallel.Isolated;
import static org.junit.jupiter.api.Assertions.*;

import dev.helpdesk.events.HelpdeskEvent;
import dev.helpdesk.store.ChangeRecords;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Issue 16 through the offline cloud: a committed write that carries a change reaches the bus through the table's
 * stream and the change feed function, once, exactly as recorded; a bus outage is retried until it clears.
 * Each test uses a detail-type of its own, so the store's other publishing path cannot be mistaken for this one.
 */
@Isolated
class ChangeFeedEndToEndTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static DynamoDbClient dynamo(LocalCloud cloud) {
        return DynamoDbClient.builder().endpointOverride(URI.create(cloud.endpoints().get("dynamodb"))).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClientBuilder(UrlConnectionHttpClient.builder()).build();
    }

    /** A customer message item as the store writes it, carrying one event in its change. */
    private static Map<String, AttributeValue> messageWithChange(String ticketId, HelpdeskEvent event) {
        return Map.of("PK", AttributeValue.fromS("TICKET#" + ticketId),
                "SK", AttributeValue.fromS("MSG#" + Instant.now() + "#" + UUID.randomUUID()),
                "ticketId", AttributeValue.fromS(ticketId),
                ChangeRecords.ATTRIBUTE, AttributeValue.fromS(ChangeRecords.write(UUID.randomUUID().toString(), List.of(event), List.of())));
    }

    private static List<Map<String, Object>> withEventId(List<Map<String, Object>> seen, String eventId) {
        return seen.stream().filter(e -> eventId.equals(((Map<?, ?>) e.get("detail")).get("eventId"))).toList();
    }

    @Test
    @DisplayName("R-EVENTS a write's recorded event reaches the bus once, as recorded; a later write that keeps it adds none")
    void aRecordedEventIsPublishedOnceFromTheStream() throws Exception {
        LocalCloud cloud = SharedCloud.get();
        String ticketId = "feed-" + UUID.randomUUID();
        HelpdeskEvent event = HelpdeskEvent.of("Ticket Test Happened", ticketId, Instant.now(), Map.of("x", 1));
        List<Map<String, Object>> seen = new CopyOnWriteArrayList<>();
        try (AutoCloseable listening = cloud.onEvent(seen::add); DynamoDbClient dynamo = dynamo(cloud)) {
            Map<String, AttributeValue> item = messageWithChange(ticketId, event);
            String table = cloud.setting("HELPDESK_TABLE");
            dynamo.putItem(b -> b.tableName(table).item(item));
            assertTrue(cloud.awaitIdle(30_000));
            List<Map<String, Object>> published = withEventId(seen, event.eventId());
            assertEquals(1, published.size(), "exactly one event with the recorded eventId: " + seen);
            Map<String, Object> envelope = published.get(0);
            assertEquals("Ticket Test Happened", envelope.get("detail-type"));
            assertEquals(HelpdeskEvent.SOURCE, envelope.get("source"));
            assertEquals(Map.of("version", "1", "eventId", event.eventId(), "occurredAt", event.occurredAt().toString(),
                    "ticketId", ticketId, "x", 1), envelope.get("detail"));

            // A later write of the same item that leaves the change alone (the stream's MODIFY) publishes nothing.
            dynamo.updateItem(b -> b.tableName(table).key(Map.of("PK", item.get("PK"), "SK", item.get("SK")))
                    .updateExpression("SET #t = :t").expressionAttributeNames(Map.of("#t", "text"))
                    .expressionAttributeValues(Map.of(":t", AttributeValue.fromS("edited"))));
            assertTrue(cloud.awaitIdle(30_000));
            assertEquals(1, withEventId(seen, event.eventId()).size());
        }
    }

    @Test
    @DisplayName("R-EVENTS a bus outage holds the event in the stream; it is delivered once the bus is back")
    void aFailedPublishIsRetriedFromTheStreamUntilTheBusIsBack() throws Exception {
        LocalCloud cloud = SharedCloud.get();
        String ticketId = "feed-outage-" + UUID.randomUUID();
        HelpdeskEvent event = HelpdeskEvent.of("Ticket Test Retried", ticketId, Instant.now(), Map.of("x", 2));
        List<Map<String, Object>> seen = new CopyOnWriteArrayList<>();
        int deadLettersBefore = deadLetters(cloud);
        try (AutoCloseable listening = cloud.onEvent(seen::add); DynamoDbClient dynamo = dynamo(cloud)) {
            assertTrue(cloud.awaitIdle(30_000));
            long attemptsBefore = feedInvocations();
            setBusFailing(cloud, true);
            try {
                dynamo.putItem(b -> b.tableName(cloud.setting("HELPDESK_TABLE")).item(messageWithChange(ticketId, event)));
                long deadline = System.currentTimeMillis() + 10_000;
                while (feedInvocations() < attemptsBefore + 2 && System.currentTimeMillis() < deadline) {
                    Thread.sleep(20);
                }
                assertTrue(feedInvocations() >= attemptsBefore + 2, "the feed tried, failed and tried again");
                assertTrue(withEventId(seen, event.eventId()).isEmpty(), "nothing reaches a failing bus");
            } finally {
                setBusFailing(cloud, false);
            }
            assertTrue(cloud.awaitIdle(30_000));
            assertEquals(1, withEventId(seen, event.eventId()).size(), "delivered once the bus is back");
            assertEquals(deadLettersBefore, deadLetters(cloud), "a retried record is not dead-lettered");
        }
    }

    private static long feedInvocations() {
        Invocations.Totals totals = Invocations.snapshot().get("ChangeFeedFunction");
        return totals == null ? 0 : totals.invocations();
    }

    private static int deadLetters(LocalCloud cloud) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(cloud.baseUrl() + "/local/dead-letters")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        return Exchanges.JSON.readTree(response.body()).path("items").size();
    }

    private static void setBusFailing(LocalCloud cloud, boolean failing) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(cloud.baseUrl() + "/local/faults/eventbridge"))
                .PUT(HttpRequest.BodyPublishers.ofString("{\"failing\":" + failing + "}")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode());
    }
}
