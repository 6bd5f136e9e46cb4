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

/** R-ASSIGN-7 views and R-ASSIGN-4 availability over HTTP. */
@Isolated
class ViewsEndToEndTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    @DisplayName("R-ASSIGN-7 My inbox, Unassigned and All: active by default, status and sentiment filters, pages in order")
    void views() throws Exception {
        LocalCloud cloud = SharedCloud.get();
        String agent = "views-" + UUID.randomUUID().toString().substring(0, 8);
        String admin = HistoryEndToEndTest.token(cloud, "admin");
        String me = token(cloud, agent, "support");
        assertEquals(200, call(cloud, "PUT", "/api/agents/" + agent, admin, "{\"name\":\"View Tester\",\"role\":\"support\"}").statusCode());
        List<String> mine = new ArrayList<>();
        for (String text : List.of("Where is my parcel?", "This is urgent, I need it immediately", "Thanks, great service")) {
            String id = chat(cloud, text);
            assertTrue(ids(get(cloud, "/api/tickets?view=unassigned&limit=100", me)).contains(id), "waits in Unassigned");
            assertEquals(200, call(cloud, "PUT", "/api/tickets/" + id + "/assignee", me, "{\"assigneeId\":\"" + agent + "\"}").statusCode());
            assertFalse(ids(get(cloud, "/api/tickets?view=unassigned&limit=100", me)).contains(id));
            mine.add(id);
        }
        List<String> newestFirst = new ArrayList<>(mine);
        java.util.Collections.reverse(newestFirst);
        assertEquals(newestFirst, ids(get(cloud, "/api/tickets?view=mine", me)));
        assertEquals(mine, pages(cloud, "/api/tickets?view=mine&sort=oldest&limit=1", me), "one per page, in order, none lost");
        assertEquals(List.of(mine.get(1)), ids(get(cloud, "/api/tickets?view=mine&sentiment=Urgent", me)));
        assertEquals(List.of(mine.get(2), mine.get(1)), ids(get(cloud, "/api/tickets?view=mine&sentiment=Urgent,Positive", me)));
        // Most upset first: Urgent, then the neutral question, then the happy customer; the same across pages of one.
        List<String> upsetFirst = List.of(mine.get(1), mine.get(0), mine.get(2));
        assertEquals(upsetFirst, ids(get(cloud, "/api/tickets?view=mine&sort=sentiment", me)));
        assertEquals(upsetFirst, pages(cloud, "/api/tickets?view=mine&sort=sentiment&limit=1", me));
        List<String> all = ids(get(cloud, "/api/tickets?view=all&sort=sentiment&limit=100", me));
        assertTrue(all.indexOf(mine.get(1)) < all.indexOf(mine.get(0)) && all.indexOf(mine.get(0)) < all.indexOf(mine.get(2)),
                "All tickets, most upset first: " + all);
        String newestCursor = json(get(cloud, "/api/tickets?view=mine&limit=1", me)).path("cursor").asText();
        assertEquals(400, call(cloud, "GET", "/api/tickets?view=mine&sort=sentiment&cursor=" + newestCursor, me, null).statusCode(),
                "a cursor continues only the listing (and order) it came from");
        assertEquals(400, call(cloud, "GET", "/api/tickets?view=mine&sort=loudest", me, null).statusCode());
        assertEquals(200, call(cloud, "POST", "/api/tickets/" + mine.get(0) + "/status", me, "{\"status\":\"Resolved\"}").statusCode());
        assertFalse(ids(get(cloud, "/api/tickets?view=mine", me)).contains(mine.get(0)), "Resolved is not active");
        assertEquals(List.of(mine.get(0)), ids(get(cloud, "/api/tickets?view=mine&status=Resolved", me)));
        assertTrue(ids(get(cloud, "/api/tickets?view=all&channel=chat&limit=100", me)).containsAll(mine.subList(1, 3)));
        // A saved view: "Upset customers" in my inbox.
        assertEquals(200, call(cloud, "PUT", "/api/views/upset", me,
                "{\"name\":\"Upset customers\",\"view\":\"mine\",\"filters\":{\"sentiment\":[\"Urgent\",\"Negative\"]}}").statusCode());
        assertEquals(List.of(mine.get(1)), ids(get(cloud, "/api/tickets?savedView=upset", me)));
        assertEquals("Upset customers", json(get(cloud, "/api/views", me)).path("items").get(0).path("name").asText());
        assertEquals(404, call(cloud, "GET", "/api/tickets?savedView=nope", me, null).statusCode());
        assertEquals(400, call(cloud, "PUT", "/api/views/bad", me, "{\"name\":\"x\",\"filters\":{\"mood\":[\"sad\"]}}").statusCode());
        assertEquals(400, call(cloud, "GET", "/api/tickets?view=everything", me, null).statusCode());
        assertEquals(400, call(cloud, "GET", "/api/tickets?status=Closed", me, null).statusCode());
        assertEquals(400, call(cloud, "GET", "/api/tickets?view=mine&cursor=garbage", me, null).statusCode());
    }

    @Test
    @DisplayName("R-ASSIGN-4 agents set only their own availability; logging out makes them Offline")
    void availability() throws Exception {
        LocalCloud cloud = SharedCloud.get();
        String agent = "avail-" + UUID.randomUUID().toString().substring(0, 8);
        String admin = HistoryEndToEndTest.token(cloud, "admin");
        String me = token(cloud, agent, "support");
        assertEquals(404, call(cloud, "PUT", "/api/agents/me/availability", me, "{\"online\":true}").statusCode(), "register first");
        call(cloud, "PUT", "/api/agents/" + agent, admin, "{\"name\":\"Avail\",\"role\":\"support\"}");
        assertEquals("true", json(call(cloud, "PUT", "/api/agents/me/availability", me, "{\"online\":true}")).path("online").asText());
        assertEquals(400, call(cloud, "PUT", "/api/agents/me/availability", me, "{\"online\":\"yes\"}").statusCode());
        assertEquals("false", json(call(cloud, "POST", "/api/agents/me/logout", me, null)).path("online").asText());
        assertEquals(401, call(cloud, "PUT", "/api/agents/me/availability", null, "{\"online\":true}").statusCode());
    }

    private static List<String> pages(LocalCloud cloud, String path, String token) throws Exception {
        List<String> all = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = json(call(cloud, "GET", path + (cursor == null ? "" : "&cursor=" + cursor), token, null));
            page.path("items").forEach(i -> all.add(i.path("ticketId").asText()));
            cursor = page.has("cursor") ? page.path("cursor").asText() : null;
        } while (cursor != null);
        return all;
    }

    private static List<String> ids(HttpResponse<String> response) throws Exception {
        List<String> ids = new ArrayList<>();
        json(response).path("items").forEach(i -> ids.add(i.path("ticketId").asText()));
        return ids;
    }

    private static String chat(LocalCloud cloud, String text) throws Exception {
        return json(LocalApi.chat(cloud, Map.of("conversationId", "view-" + UUID.randomUUID(), "messageId", "m", "text", text)))
                .path("ticketId").asText();
    }

    private static HttpResponse<String> get(LocalCloud cloud, String path, String token) throws Exception {
        return call(cloud, "GET", path, token, null);
    }

    private static HttpResponse<String> call(LocalCloud cloud, String method, String path, String token, String body) throws Exception {
        return LocalApi.call(cloud, method, path, token, body);
    }

    private static String token(LocalCloud cloud, String sub, String role) throws Exception {
        return LocalApi.token(cloud, sub, role);
    }

    private static JsonNode json(HttpResponse<String> response) throws Exception {
        assertEquals(200, response.statusCode(), response.body());
        return Exchanges.JSON.readTree(response.body());
    }
}
