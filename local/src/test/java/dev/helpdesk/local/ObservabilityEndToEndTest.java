package dev.helpdesk.local;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Issue 18: the functions log through Powertools as Lambda would, one JSON object per line carrying the Lambda
 * context, a correlation id and the ticket and customer the work is about, in every function a ticket passes.
 */
class ObservabilityEndToEndTest {

    @Test
    @DisplayName("a chat message's log lines are JSON with function, request id, correlation id, ticketId and customerId in ingest, classify and routing")
    void everyFunctionLogsJsonWithTheTicket() throws Exception {
        LocalCloud cloud = SharedCloud.get();
        List<JsonNode> lines;
        String ticketId;
        try (LogCapture capture = new LogCapture()) {
            String conversation = "obs-" + UUID.randomUUID();
            HttpResponse<String> posted = LocalApi.chat(cloud, Map.of("conversationId", conversation, "messageId", "m-1",
                    "customer", Map.of("name", "Olga", "email", conversation + "@example.com"),
                    "text", "I want a refund, the parcel never came", "handoff", false));
            assertEquals(200, posted.statusCode(), posted.body());
            ticketId = Exchanges.JSON.readTree(posted.body()).path("ticketId").asText();
            assertTrue(cloud.awaitIdle(30_000));
            lines = capture.json();
        }
        final String id = ticketId;
        List<JsonNode> ours = lines.stream().filter(l -> id.equals(l.path("ticketId").asText())).toList();

        JsonNode stored = only(ours, "IngestFunction", "stored on a new ticket");
        assertEquals("INFO", stored.path("level").asText());
        assertFalse(stored.path("customerId").asText().isEmpty(), stored.toString());
        assertFalse(stored.path("function_request_id").asText().isEmpty(), stored.toString());
        assertFalse(stored.path("correlation_id").asText().isEmpty(), stored.toString());
        assertTrue(stored.has("cold_start"), stored.toString());
        assertTrue(stored.path("timestamp").asText().endsWith("Z"), stored.toString());

        JsonNode classified = only(ours, "ClassifyFunction", "classified");
        // An EventBridge target's correlation id is the event's id, not Lambda's request id.
        assertNotEquals(classified.path("function_request_id").asText(), classified.path("correlation_id").asText());
        only(ours, "RoutingFunction", "routed");
    }

    @Test
    @DisplayName("requests to one function at the same time each log their own request id and correlation id")
    void concurrentRequestsKeepTheirOwnIds() throws Exception {
        LocalCloud cloud = SharedCloud.get();
        String tag = UUID.randomUUID().toString();
        List<JsonNode> lines;
        try (LogCapture capture = new LogCapture();
             var pool = java.util.concurrent.Executors.newFixedThreadPool(8)) {
            List<java.util.concurrent.Future<HttpResponse<String>>> posted = new java.util.ArrayList<>();
            for (int i = 0; i < 8; i++) {
                String conversation = "obs-" + tag + "-" + i;
                posted.add(pool.submit(() -> LocalApi.chat(cloud, Map.of("conversationId", conversation, "messageId", "m-1",
                        "customer", Map.of("name", "Par", "email", conversation + "@example.com"), "text", "Hello", "handoff", false))));
            }
            for (var response : posted) {
                assertEquals(200, response.get().statusCode(), response.get().body());
            }
            assertTrue(cloud.awaitIdle(30_000));
            lines = capture.json();
        }
        List<JsonNode> stored = lines.stream().filter(l -> "IngestFunction".equals(l.path("function_name").asText())
                && l.path("message").asText().contains("stored on a new ticket")
                && l.path("customerId").asText().length() > 0).toList();
        assertTrue(stored.size() >= 8, stored.toString());
        assertEquals(stored.size(), stored.stream().map(l -> l.path("function_request_id").asText()).distinct().count(),
                "each invocation's lines carry its own request id: " + stored);
        assertEquals(stored.size(), stored.stream().map(l -> l.path("correlation_id").asText()).distinct().count(),
                "and its own correlation id");
    }

    private static JsonNode only(List<JsonNode> lines, String function, String message) {
        List<JsonNode> found = lines.stream().filter(l -> function.equals(l.path("function_name").asText())
                && l.path("message").asText().contains(message)).toList();
        assertEquals(1, found.size(), function + " '" + message + "' in " + lines);
        return found.get(0);
    }
}
