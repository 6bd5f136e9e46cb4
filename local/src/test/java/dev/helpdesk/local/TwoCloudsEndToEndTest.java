package dev.helpdesk.local;

import static org.junit.jupiter.api.Assertions.*;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Issue 18: each function reads its own environment, so two local clouds run in one JVM without seeing each other's
 * tables, endpoints or settings (before, every function was configured through JVM-wide system properties, and the
 * second cloud to start rewired the first one's functions).
 */
class TwoCloudsEndToEndTest {

    @Test
    @DisplayName("a second cloud in the same JVM has its own functions' environments, and a ticket in one is not in the other")
    void twoCloudsInOneJvm() throws Exception {
        LocalCloud first = SharedCloud.get();
        try (LocalCloud second = LocalCloud.start(new LocalCloud.Options(0, null, false, false, Path.of("../template.yaml"),
                Map.of("REOPEN_WINDOW_DAYS", "3")))) {
            Map<String, String> a = first.functionEnvironment("IngestFunction");
            Map<String, String> b = second.functionEnvironment("IngestFunction");
            assertNotEquals(a.get("AWS_ENDPOINT_URL_DYNAMODB"), b.get("AWS_ENDPOINT_URL_DYNAMODB"));
            assertNotEquals(a.get("PUBLIC_BASE_URL"), b.get("PUBLIC_BASE_URL"));
            assertEquals("3", b.get("REOPEN_WINDOW_DAYS"));
            assertNotEquals("3", a.get("REOPEN_WINDOW_DAYS"), "the second cloud's option did not reach the first's functions");
            // A function has the template's variables of its own, not another function's.
            assertTrue(second.functionEnvironment("ClassifyFunction").containsKey("BEDROCK_MODEL_ID"));
            assertFalse(b.containsKey("BEDROCK_MODEL_ID"), "ingest does not get classify's model id");

            String conversation = "two-clouds-" + UUID.randomUUID();
            HttpResponse<String> posted = LocalApi.chat(second, Map.of("conversationId", conversation, "messageId", "m-1",
                    "customer", Map.of("name", "Bo", "email", conversation + "@example.com"), "text", "Hello from the second cloud",
                    "handoff", false));
            assertEquals(200, posted.statusCode(), posted.body());
            String ticketId = Exchanges.JSON.readTree(posted.body()).path("ticketId").asText();

            assertEquals(200, LocalApi.call(second, "GET", "/api/tickets/" + ticketId,
                    LocalApi.token(second, "agent-1", "support"), null).statusCode());
            assertEquals(404, LocalApi.call(first, "GET", "/api/tickets/" + ticketId,
                    LocalApi.token(first, "agent-1", "support"), null).statusCode(), "the ticket stayed in the second cloud's table");
            // And the first cloud still works after the second started (its functions were not rewired).
            HttpResponse<String> again = LocalApi.chat(first, Map.of("conversationId", conversation, "messageId", "m-1",
                    "customer", Map.of("name", "Bo", "email", conversation + "@example.com"), "text", "Hello from the first cloud",
                    "handoff", false));
            assertEquals(200, again.statusCode(), again.body());
            assertNotEquals(ticketId, Exchanges.JSON.readTree(again.body()).path("ticketId").asText());
        }
    }
}
