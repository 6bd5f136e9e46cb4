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
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** R-HIST over HTTP: one customer's tickets from two channels together, filters, paging, roles, bad input. */
@Isolated
class HistoryEndToEndTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    @DisplayName("R-HIST-1..3 an email and an SMS of one customer appear together; filters, pages, total, canAct")
    void historyOverHttp() throws Exception {
        LocalCloud cloud = SharedCloud.get();
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String phone = "+4677" + Math.abs(tag.hashCode() % 10_000_000);
        // A chat that gives both email and phone, then an SMS from that phone and a new chat: one customer.
        String first = chat(cloud, "h-" + tag + "-1", Map.of("email", tag + "@example.com", "phone", phone), "first question");
        String sms = "MessageSid=SM" + tag + "&From=" + phone.replace("+", "%2B") + "&To=%2B46766861004&Body=second+by+sms";
        assertEquals(200, HTTP.send(HttpRequest.newBuilder(URI.create(cloud.baseUrl() + "/webhooks/sms/twilio"))
                .header("X-Twilio-Signature", ProviderSigner.twilio(cloud.secrets().get("TWILIO_AUTH_TOKEN"),
                        cloud.setting("PUBLIC_BASE_URL") + "/webhooks/sms/twilio", sms))
                .POST(HttpRequest.BodyPublishers.ofString(sms)).build(), HttpResponse.BodyHandlers.ofString()).statusCode());
        chat(cloud, "h-" + tag + "-3", Map.of("email", tag + "@example.com"), "third by chat");
        assertTrue(cloud.awaitIdle(30_000));

        String analyst = token(cloud, "analyst");
        JsonNode ticket = json(get(cloud, "/api/tickets/" + first, analyst));
        assertFalse(ticket.path("canAct").asBoolean(), "analysts read only");
        assertTrue(json(get(cloud, "/api/tickets/" + first, token(cloud, "support"))).path("canAct").asBoolean());
        String customerId = ticket.path("customerId").asText();

        List<String> subjects = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = json(get(cloud, "/api/customers/" + customerId + "/tickets?limit=2&sort=oldest"
                    + (cursor == null ? "" : "&cursor=" + cursor), analyst));
            assertEquals(3, page.path("total").asInt());
            page.path("items").forEach(i -> {
                subjects.add(i.path("subject").asText());
                assertEquals("Unassigned", i.path("assigneeName").asText());
            });
            cursor = page.path("cursor").isMissingNode() ? null : page.path("cursor").asText();
        } while (cursor != null);
        assertEquals(List.of("first question", "second by sms", "third by chat"), subjects);

        JsonNode filtered = json(get(cloud, "/api/customers/" + customerId + "/tickets?status=New,Open", analyst));
        assertEquals(3, filtered.path("items").size());
        assertEquals(0, json(get(cloud, "/api/customers/" + customerId + "/tickets?status=Resolved", analyst)).path("items").size());

        assertEquals(400, status(cloud, "/api/customers/" + customerId + "/tickets?status=Closed", analyst));
        assertEquals(400, status(cloud, "/api/customers/" + customerId + "/tickets?sort=sideways", analyst));
        assertEquals(400, status(cloud, "/api/customers/" + customerId + "/tickets?limit=500", analyst));
        assertEquals(400, status(cloud, "/api/customers/" + customerId + "/tickets?cursor=bm9wZQ", analyst));
        assertEquals(401, status(cloud, "/api/customers/" + customerId + "/tickets", null));
    }

    @Test
    @DisplayName("R-API agents are registered by owners and admins only; the name shows in history")
    void agentRegistration() throws Exception {
        LocalCloud cloud = SharedCloud.get();
        String body = "{\"name\":\"Ada Lovelace\",\"email\":\"ada@example.com\",\"role\":\"support\",\"seniority\":\"senior\"}";
        assertEquals(200, put(cloud, "/api/agents/ada", token(cloud, "admin"), body).statusCode());
        assertEquals(403, put(cloud, "/api/agents/ada", token(cloud, "manager"), body).statusCode());
        assertEquals(403, put(cloud, "/api/agents/ada", token(cloud, "support"), body).statusCode());
        assertEquals(400, put(cloud, "/api/agents/ada", token(cloud, "owner"), "{\"name\":\"\",\"role\":\"support\"}").statusCode());
        assertEquals(400, put(cloud, "/api/agents/ada", token(cloud, "owner"), "{\"name\":\"A\",\"role\":\"king\"}").statusCode());
        JsonNode agent = json(put(cloud, "/api/agents/ada", token(cloud, "owner"), body).body());
        assertEquals("Ada Lovelace", agent.path("name").asText());
        assertFalse(agent.path("online").asBoolean(), "registered Offline; only the agent sets availability");
    }

    private static String chat(LocalCloud cloud, String conversation, Map<String, String> customer, String text) throws Exception {
        String body = Exchanges.JSON.writeValueAsString(Map.of("conversationId", conversation, "messageId", "m",
                "customer", customer, "text", text));
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(cloud.baseUrl() + "/webhooks/chat"))
                .header("X-Helpdesk-Signature", ProviderSigner.sha256Header(cloud.secrets().get("CHAT_WEBHOOK_SECRET"),
                        body.getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return json(response).path("ticketId").asText();
    }

    private static HttpResponse<String> get(LocalCloud cloud, String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(cloud.baseUrl() + path)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static int status(LocalCloud cloud, String path, String token) throws Exception {
        return get(cloud, path, token).statusCode();
    }

    private static HttpResponse<String> put(LocalCloud cloud, String path, String token, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(cloud.baseUrl() + path)).header("Authorization", "Bearer " + token)
                .PUT(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static String token(LocalCloud cloud, String role) throws Exception {
        return json(HTTP.send(HttpRequest.newBuilder(URI.create(cloud.baseUrl() + "/local/token"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"sub\":\"agent-" + role + "\",\"role\":\"" + role + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString())).path("token").asText();
    }

    private static JsonNode json(HttpResponse<String> response) throws Exception {
        assertTrue(response.statusCode() < 300, response.statusCode() + " " + response.body());
        return Exchanges.JSON.readTree(response.body());
    }

    private static JsonNode json(String body) throws Exception {
        return Exchanges.JSON.readTree(body);
    }
}
