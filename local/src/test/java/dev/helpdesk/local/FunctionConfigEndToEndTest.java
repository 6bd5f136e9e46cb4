package dev.helpdesk.local;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import dev.helpdesk.classify.ClassifyHandler;
import dev.helpdesk.config.FunctionEnvironment;
import dev.helpdesk.history.HistoryHandler;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Issue 18: a function reads its settings from its own environment once, at init. A missing or malformed setting stops
 * it there with one clear log line naming the setting; a secret that cannot be read fails the request with 503.
 */
class FunctionConfigEndToEndTest {

    @Test
    @DisplayName("a missing or malformed setting fails the function at init with one error line that names it")
    void badSettingFailsAtInit() throws Exception {
        LocalCloud cloud = SharedCloud.get();
        Map<String, String> noTable = new HashMap<>(cloud.functionEnvironment("HistoryFunction"));
        noTable.remove("HELPDESK_TABLE");
        assertInitFails(noTable, HistoryHandler::new, "HELPDESK_TABLE is not set");

        Map<String, String> badBudget = new HashMap<>(cloud.functionEnvironment("ClassifyFunction"));
        badBudget.put("CLASSIFY_BUDGET_SECONDS", "soon");
        assertInitFails(badBudget, ClassifyHandler::new, "CLASSIFY_BUDGET_SECONDS must be a whole number of at least 1, not 'soon'");
    }

    @Test
    @DisplayName("a webhook whose secret cannot be read from SSM answers 503 with Retry-After, and says nothing of why")
    void unreadableSecretIs503() throws Exception {
        LocalCloud cloud = SharedCloud.get();
        Map<String, String> environment = new HashMap<>(cloud.functionEnvironment("IngestFunction"));
        // The auth token by reference, from an SSM that cannot be reached (nothing listens on port 1).
        environment.remove("TWILIO_AUTH_TOKEN");
        environment.put("TWILIO_AUTH_TOKEN_PARAMETER", "/helpdesk/local/twilio-auth-token");
        environment.put("AWS_ENDPOINT_URL_SSM", "http://127.0.0.1:1");
        LocalLambda ingest = new LocalLambda("IngestFunction", "dev.helpdesk.ingest.IngestHandler", environment);
        String form = "From=%2B46701234567&Body=Hello&MessageSid=SM" + System.nanoTime();
        JsonNode response = Exchanges.JSON.readTree(ingest.invoke(Exchanges.JSON.writeValueAsString(Map.of(
                "version", "2.0", "routeKey", "POST /webhooks/sms/twilio", "rawPath", "/webhooks/sms/twilio",
                "headers", Map.of("content-type", "application/x-www-form-urlencoded", "x-twilio-signature", "AAAA",
                        "host", "example.com"),
                "requestContext", Map.of("routeKey", "POST /webhooks/sms/twilio", "requestId", "req-1",
                        "http", Map.of("method", "POST", "path", "/webhooks/sms/twilio")),
                "body", form, "isBase64Encoded", false))));
        assertEquals(503, response.path("statusCode").asInt(), response.toString());
        assertFalse(response.path("headers").path("Retry-After").asText().isEmpty(), response.toString());
        assertFalse(response.path("body").asText().contains("twilio-auth-token"), "the parameter's name stays in our log");
        assertFalse(response.path("body").asText().contains("Exception"), response.toString());
    }

    private static void assertInitFails(Map<String, String> environment, Callable<AutoCloseable> handler, String message) throws Exception {
        List<JsonNode> errors;
        try (LogCapture capture = new LogCapture()) {
            assertThrows(Exception.class, () -> FunctionEnvironment.with(environment, () -> {
                handler.call().close();
                return null;
            }));
            errors = capture.json().stream().filter(l -> "ERROR".equals(l.path("level").asText())
                    && l.path("message").asText().contains(message)).toList();
        }
        assertEquals(1, errors.size(), "one error line naming the setting: " + errors);
        assertTrue(errors.get(0).path("message").asText().startsWith("configuration: " + message), errors.get(0).toString());
    }
}
