package dev.helpdesk.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.helpdesk.http.Signatures;
import dev.helpdesk.local.LocalCloud;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The benchmarks' client of a running offline cloud, over HTTP as a real client calls it: signed chat webhooks,
 * the agent API with the cloud's own tokens, and the workspace every benchmark starts from. It counts its requests
 * (HTTP API requests are billed). Thread-safe.
 */
public final class HelpdeskClient {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newHttpClient();
    private final LocalCloud cloud;
    private final String chatSecret;
    private final AtomicLong requests = new AtomicLong();

    public HelpdeskClient(LocalCloud cloud) {
        this.cloud = cloud;
        this.chatSecret = cloud.secrets().get("CHAT_WEBHOOK_SECRET");
    }

    /** Three support agents online, round robin on, no office hours (always open); returns agent 1's token. */
    public String setUpWorkspace() throws Exception {
        String admin = token("bench-admin", "admin");
        for (int i = 1; i <= 3; i++) {
            String id = "bench-agent-" + i;
            expect(200, call("PUT", "/api/agents/" + id, admin, Map.of("name", "Agent " + i, "email", id + "@example.com", "role", "support")));
            expect(200, call("PUT", "/api/agents/me/availability", token(id, "support"), Map.of("online", true)));
        }
        expect(200, call("PUT", "/api/settings/assignment", admin, Map.of("roundRobin", true)));
        return token("bench-agent-1", "support");
    }

    /** A customer's chat message, signed as the chat back end signs it; returns the webhook's 200 answer. */
    public JsonNode chat(String conversation, String messageId, String text) throws Exception {
        return expect(200, chatResponse(conversation, messageId, text));
    }

    /** The same signed chat message as {@link #chat}, returning the webhook's answer whatever its status. */
    public HttpResponse<String> chatResponse(String conversation, String messageId, String text) throws Exception {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("conversationId", conversation);
        message.put("messageId", messageId);
        message.put("customer", Map.of("name", "Customer " + conversation, "email", conversation + "@example.com"));
        message.put("text", text);
        message.put("handoff", false);
        byte[] body = JSON.writeValueAsBytes(message);
        requests.incrementAndGet();
        return http.send(HttpRequest.newBuilder(URI.create(cloud.baseUrl() + "/webhooks/chat"))
                .header("Content-Type", "application/json")
                .header("X-Helpdesk-Signature", Signatures.sha256Header(chatSecret, body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** One API call with a JSON body (or none) and a bearer token (or none). */
    public HttpResponse<String> call(String method, String path, String token, Object body) throws Exception {
        requests.incrementAndGet();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(cloud.baseUrl() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.header("Content-Type", "application/json").build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A token from the offline cloud's issuer (not an API request: Cognito would issue it). */
    public String token(String sub, String role) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(cloud.baseUrl() + "/local/token"))
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("sub", sub, "role", role)))).build(),
                HttpResponse.BodyHandlers.ofString());
        return expect(200, response).path("token").asText();
    }

    /** API requests sent since the last reset. */
    public long requests() {
        return requests.get();
    }

    public void resetRequests() {
        requests.set(0);
    }

    /** The answer's JSON body if its status is the expected one; otherwise it throws with what came back. */
    public static JsonNode expect(int status, HttpResponse<String> response) throws Exception {
        if (response.statusCode() != status) {
            throw new IllegalStateException(response.request().method() + " " + response.request().uri() + " answered "
                    + response.statusCode() + ": " + response.body());
        }
        return response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
    }
}
