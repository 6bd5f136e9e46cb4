package dev.helpdesk.local;

import org.junit.jupiter.api.parallel.Isolated;
import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** A ticket driven through the lifecycle over HTTP on the offline cloud (R-STATUS, R-API), with roles checked per route. */
@Isolated
class LifecycleEndToEndTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static LocalCloud cloud;
    private static String support;
    private static String admin;

    @BeforeAll
    static void start() throws Exception {
        cloud = SharedCloud.get();
        support = HistoryEndToEndTest.token(cloud, "support");
        admin = HistoryEndToEndTest.token(cloud, "admin");
        call("PUT", "/api/agents/agent-support", admin, "{\"name\":\"Sam Support\",\"role\":\"support\"}");
        call("PUT", "/api/agents/agent-admin", admin, "{\"name\":\"Alex Admin\",\"role\":\"admin\"}");
        assertEquals(200, call("PUT", "/api/settings/statuses", admin,
                "{\"statuses\":[{\"name\":\"Waiting for warehouse\",\"base\":\"Postponed\"}]}").statusCode());
    }

    @Test
    @DisplayName("R-STATUS-2 every transition over HTTP: reply, customer reply, postpone and wake, resolve, reopen, spam, restore, delete, purge")
    void throughTheLifecycle() throws Exception {
        String conversation = "life-" + UUID.randomUUID();
        String id = chat(conversation, "m1", "My parcel is late");
        assertEquals("Answered", ok(call("POST", "/api/tickets/" + id + "/replies", support, "{\"text\":\"Sorry! Checking.\"}")).path("status").asText());
        chat(conversation, "m2", "Any news?");
        assertEquals("Open", ticket(id).path("status").asText(), "a customer reply after an answer opens it");

        assertError(call("POST", "/api/tickets/" + id + "/status", support, "{\"status\":\"Postponed\"}"), 400);
        assertError(call("POST", "/api/tickets/" + id + "/status", support, "{\"status\":\"Postponed\",\"until\":\"2020-01-01T00:00:00Z\"}"), 400);
        assertError(call("POST", "/api/tickets/" + id + "/status", support, "{\"status\":\"Postponed\",\"until\":\"tomorrow\"}"), 400);
        assertError(call("POST", "/api/tickets/" + id + "/status", support,
                "{\"status\":\"Resolved\",\"customStatus\":\"Waiting for warehouse\"}"), 400);
        assertError(call("POST", "/api/tickets/" + id + "/status", support,
                "{\"status\":\"Postponed\",\"until\":\"2099-01-01T00:00:00Z\",\"customStatus\":\"Made up\"}"), 400);
        assertError(call("PUT", "/api/settings/statuses", support, "{\"statuses\":[]}"), 403);
        String until = Instant.now().plusSeconds(2).toString();
        JsonNode postponed = ok(call("POST", "/api/tickets/" + id + "/status", support,
                "{\"status\":\"Postponed\",\"until\":\"" + until + "\",\"customStatus\":\"Waiting for warehouse\"}"));
        assertEquals("Postponed", postponed.path("status").asText());
        assertEquals("Waiting for warehouse", postponed.path("customStatus").asText());
        Thread.sleep(2_500);
        fire("TimersFunction.DueWorkTick");
        fire("TimersFunction.DueWorkTick");
        assertEquals("Open", ticket(id).path("status").asText(), "the scheduled reopen trigger woke it");

        JsonNode resolved = ok(call("POST", "/api/tickets/" + id + "/status", support, "{\"status\":\"Resolved\"}"));
        assertFalse(resolved.path("closedAt").isNull());
        assertError(call("POST", "/api/tickets/" + id + "/status", support, "{\"status\":\"Resolved\"}"), 409);
        assertEquals("Open", ok(call("POST", "/api/tickets/" + id + "/status", support, "{\"status\":\"Open\"}")).path("status").asText());
        assertTrue(cloud.awaitIdle(30_000));
        assertTrue(ticket(id).path("timeline").toString().contains("\"trigger\":\"reopened\""), "a reopened ticket is re-read (R-SENT-3)");

        assertEquals("Spam", ok(call("POST", "/api/tickets/" + id + "/status", support, "{\"status\":\"Spam\"}")).path("status").asText());
        assertError(call("POST", "/api/tickets/" + id + "/replies", support, "{\"text\":\"hello\"}"), 409);
        assertEquals("Open", ok(call("POST", "/api/tickets/" + id + "/status", support, "{\"restore\":true}")).path("status").asText());
        assertEquals("Deleted", ok(call("POST", "/api/tickets/" + id + "/status", support, "{\"status\":\"Deleted\"}")).path("status").asText());

        ok(call("POST", "/api/tickets/" + id + "/notes", support, "{\"text\":\"internal: customer called\"}"));
        ok(call("PUT", "/api/tickets/" + id + "/priority", support, "{\"priority\":\"high\"}"));
        JsonNode full = ticket(id);
        assertEquals(1, full.path("notes").size());
        assertEquals("high", full.path("priority").asText());
        List<String> types = Exchanges.JSON.convertValue(full.path("timeline").findValues("type"), List.class).stream().map(Object::toString).toList();
        assertTrue(types.containsAll(List.of("created", "message", "status", "note", "priority", "classified")), types.toString());

        assertError(call("DELETE", "/api/tickets/" + id, support, null), 403);
        ok(call("DELETE", "/api/tickets/" + id, admin, null));
        assertError(call("GET", "/api/tickets/" + id, support, null), 404);
    }

    @Test
    @DisplayName("R-ASSIGN-6 assign, take over with reassign only, unassign, bulk; R-SENT-2 sentiment cannot be written")
    void assignment() throws Exception {
        String id = chat("assign-" + UUID.randomUUID(), "m1", "Hello");
        assertEquals("agent-support", ok(call("PUT", "/api/tickets/" + id + "/assignee", support, "{\"assigneeId\":\"agent-support\"}")).path("assigneeId").asText());
        assertError(call("PUT", "/api/tickets/" + id + "/assignee", admin, "{\"assigneeId\":\"agent-admin\"}"), 409);
        assertEquals("agent-admin", ok(call("PUT", "/api/tickets/" + id + "/assignee", admin, "{\"assigneeId\":\"agent-admin\",\"reassign\":true}")).path("assigneeId").asText());
        assertTrue(ok(call("PUT", "/api/tickets/" + id + "/assignee", admin, "{\"assigneeId\":null}")).path("assigneeId").isNull());
        assertError(call("PUT", "/api/tickets/" + id + "/assignee", admin, "{\"assigneeId\":\"nobody\"}"), 400);
        String other = chat("assign-" + UUID.randomUUID(), "m1", "Hello too");
        JsonNode bulk = ok(call("POST", "/api/assignments", support, "{\"ticketIds\":[\"" + id + "\",\"" + other + "\",\"missing\"],\"assigneeId\":\"agent-support\"}"));
        assertEquals(List.of("assigned", "assigned", "refused"), bulk.path("items").findValuesAsText("result"));
        assertError(call("PUT", "/api/tickets/" + id + "/priority", support, "{\"priority\":\"high\",\"sentiment\":{\"score\":10}}"), 400);
        assertError(call("POST", "/api/tickets/" + id + "/status", support, "{\"status\":\"Open\",\"labels\":[\"refund\"]}"), 400);
    }

    @Test
    @DisplayName("R-STATUS-6 R-SENT-3 split a message into a new ticket, which the classifier re-reads")
    void split() throws Exception {
        String conversation = "split-" + UUID.randomUUID();
        String id = chat(conversation, "m1", "My parcel is late");
        chat(conversation, "m2", "Also, I want a refund for another order");
        JsonNode messages = ticket(id).path("messages");
        String second = messages.get(1).path("messageId").asText();
        JsonNode fresh = ok(call("POST", "/api/tickets/" + id + "/split", support, "{\"messageIds\":[\"" + second + "\"]}"));
        assertNotEquals(id, fresh.path("ticketId").asText());
        assertTrue(cloud.awaitIdle(30_000));
        JsonNode split = ticket(fresh.path("ticketId").asText());
        assertEquals("Also, I want a refund for another order", split.path("messages").get(0).path("text").asText());
        assertTrue(split.path("labels").toString().contains("refund"), "re-read by the classifier: " + split.path("labels"));
        assertEquals(1, ticket(id).path("messages").size());
        assertError(call("POST", "/api/tickets/" + id + "/split", support, "{\"messageIds\":[]}"), 400);
        assertError(call("POST", "/api/tickets/" + id + "/split", HistoryEndToEndTest.token(cloud, "analyst"),
                "{\"messageIds\":[\"x\"]}"), 403);
    }

    @Test
    @DisplayName("R-SEC every write route refuses an analyst (403) and a missing token (401), and changes nothing")
    void rolesPerRoute() throws Exception {
        String id = chat("roles-" + UUID.randomUUID(), "m1", "Hello");
        String analyst = HistoryEndToEndTest.token(cloud, "analyst");
        Map<String, String[]> routes = Map.of(
                "/api/tickets/" + id + "/replies", new String[] {"POST", "{\"text\":\"x\"}"},
                "/api/tickets/" + id + "/notes", new String[] {"POST", "{\"text\":\"x\"}"},
                "/api/tickets/" + id + "/status", new String[] {"POST", "{\"status\":\"Resolved\"}"},
                "/api/tickets/" + id + "/priority", new String[] {"PUT", "{\"priority\":\"low\"}"},
                "/api/tickets/" + id + "/assignee", new String[] {"PUT", "{\"assigneeId\":null}"},
                "/api/assignments", new String[] {"POST", "{\"ticketIds\":[\"" + id + "\"],\"assigneeId\":null}"},
                "/api/tickets/" + id, new String[] {"DELETE", null},
                "/api/tickets/" + id + "/split", new String[] {"POST", "{\"messageIds\":[\"x\"]}"});
        long versionBefore = ticket(id).path("version").asLong();
        for (Map.Entry<String, String[]> route : routes.entrySet()) {
            assertError(call(route.getValue()[0], route.getKey(), analyst, route.getValue()[1]), 403);
            assertError(call(route.getValue()[0], route.getKey(), null, route.getValue()[1]), 401);
        }
        assertEquals(versionBefore, ticket(id).path("version").asLong(), "nothing changed");
    }

    // ---- helpers ----

    private static String chat(String conversation, String messageId, String text) throws Exception {
        String body = Exchanges.JSON.writeValueAsString(Map.of("conversationId", conversation, "messageId", messageId, "text", text));
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(cloud.baseUrl() + "/webhooks/chat"))
                .header("X-Helpdesk-Signature", ProviderSigner.sha256Header(cloud.secrets().get("CHAT_WEBHOOK_SECRET"),
                        body.getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        assertTrue(cloud.awaitIdle(30_000));
        return Exchanges.JSON.readTree(response.body()).path("ticketId").asText();
    }

    private static HttpResponse<String> call(String method, String path, String token, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(cloud.baseUrl() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode ticket(String id) throws Exception {
        return ok(call("GET", "/api/tickets/" + id, support, null));
    }

    private static JsonNode ok(HttpResponse<String> response) throws Exception {
        assertEquals(200, response.statusCode(), response.body());
        return Exchanges.JSON.readTree(response.body());
    }

    private static void assertError(HttpResponse<String> response, int status) throws Exception {
        assertEquals(status, response.statusCode(), response.body());
        JsonNode body = Exchanges.JSON.readTree(response.body());
        assertFalse(body.path("error").asText().isEmpty(), response.body());
        assertFalse(body.path("message").asText().isEmpty(), response.body());
    }

    private static void fire(String schedule) throws Exception {
        assertEquals(202, call("POST", "/local/schedules/" + schedule, null, null).statusCode());
        assertTrue(cloud.awaitIdle(30_000));
    }
}
