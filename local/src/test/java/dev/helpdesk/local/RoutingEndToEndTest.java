package dev.helpdesk.local;

import org.junit.jupiter.api.parallel.Isolated;
import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** R-ASSIGN over HTTP on the offline cloud: a team rule, round robin among Online agents, office hours and the drain. */
@Isolated
class RoutingEndToEndTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    @DisplayName("R-ASSIGN-2/3/5 Urgent goes to the Senior team, the rest rotate among Online agents, closed hours wait and drain on opening")
    void routing() throws Exception {
        LocalCloud cloud = SharedCloud.get();
        String tag = UUID.randomUUID().toString().substring(0, 6);
        String admin = HistoryEndToEndTest.token(cloud, "admin");
        String senior = "senior-" + tag;
        String r1 = "rr1-" + tag;
        String r2 = "rr2-" + tag;
        for (String agent : List.of(senior, r1, r2)) {
            ok(call(cloud, "PUT", "/api/agents/" + agent, admin, "{\"name\":\"" + agent + "\",\"role\":\"support\"}"));
            ok(call(cloud, "PUT", "/api/agents/me/availability", token(cloud, agent), "{\"online\":true}"));
        }
        // Registered but never Online: the rotation passes over them, and says why.
        ok(call(cloud, "PUT", "/api/agents/rr3-" + tag, admin, "{\"name\":\"rr3\",\"role\":\"support\"}"));
        assertEquals(403, call(cloud, "PUT", "/api/teams/senior-" + tag, HistoryEndToEndTest.token(cloud, "support"),
                "{\"name\":\"Senior\",\"members\":[]}").statusCode());
        assertEquals(403, call(cloud, "PUT", "/api/settings/assignment", HistoryEndToEndTest.token(cloud, "manager"),
                "{\"roundRobin\":true}").statusCode());
        ok(call(cloud, "PUT", "/api/teams/senior-" + tag, HistoryEndToEndTest.token(cloud, "manager"),
                "{\"name\":\"Senior " + tag + "\",\"members\":[\"" + senior + "\"],\"rules\":{\"sentiments\":[\"Urgent\"]},\"order\":1}"));
        try {
            ok(call(cloud, "PUT", "/api/settings/assignment", admin, "{\"roundRobin\":true}"));
            ok(call(cloud, "PUT", "/api/settings/office-hours", admin, allWeek("00:00", "24:00")));

            JsonNode urgent = ticket(cloud, chat(cloud, "This is urgent, I need help immediately"));
            assertEquals(senior, urgent.path("assigneeId").asText());
            assertEquals("senior-" + tag, urgent.path("teamId").asText());
            JsonNode assigned = entry(urgent, "assigned");
            assertTrue(assigned.path("rule").asText().contains("Senior"));
            assertEquals(senior, assigned.path("candidates").get(0).path("agentId").asText());

            Set<String> online = Set.of(senior, r1, r2);
            StringBuilder explanations = new StringBuilder();
            String previous = null;
            for (String text : List.of("Where is my parcel?", "And my other parcel?", "Third question", "Fourth question")) {
                JsonNode t = ticket(cloud, chat(cloud, text));
                String assignee = t.path("assigneeId").asText();
                assertTrue(online.contains(assignee), assignee);
                assertNotEquals(previous, assignee, "the rotation moves on");
                previous = assignee;
                explanations.append(entry(t, "assigned").path("candidates"));
            }
            assertTrue(explanations.toString().contains("\"offline\""), "an offline candidate is explained: " + explanations);

            ok(call(cloud, "PUT", "/api/settings/office-hours", admin, "{\"timeZone\":\"Europe/Stockholm\",\"weekly\":{},\"holidays\":[]}"));
            String waiting = chat(cloud, "Hello at night");
            JsonNode left = ticket(cloud, waiting);
            assertTrue(left.path("assigneeId").isNull());
            assertTrue(entry(left, "left unassigned").path("reason").asText().startsWith("outside office hours"));
            assertEquals(400, call(cloud, "PUT", "/api/settings/office-hours", admin, "{\"timeZone\":\"Mars/Olympus\",\"weekly\":{}}").statusCode());

            ok(call(cloud, "PUT", "/api/settings/office-hours", admin, allWeek("00:00", "24:00")));
            assertEquals(202, call(cloud, "POST", "/local/schedules/RoutingFunction.OfficeHoursTick", null, null).statusCode());
            assertTrue(cloud.awaitIdle(30_000));
            assertTrue(online.contains(ticket(cloud, waiting).path("assigneeId").asText()), "assigned when the office opened");
        } finally {
            ok(call(cloud, "PUT", "/api/settings/assignment", admin, "{\"roundRobin\":false}"));
            for (String agent : List.of(senior, r1, r2)) {
                call(cloud, "POST", "/api/agents/me/logout", token(cloud, agent), null);
            }
            assertTrue(cloud.awaitIdle(30_000));
        }
    }

    private static String allWeek(String from, String to) {
        StringBuilder weekly = new StringBuilder();
        for (String day : List.of("MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN")) {
            weekly.append(weekly.isEmpty() ? "" : ",").append("\"").append(day).append("\":[[\"").append(from).append("\",\"").append(to).append("\"]]");
        }
        return "{\"timeZone\":\"UTC\",\"weekly\":{" + weekly + "},\"holidays\":[]}";
    }

    private static JsonNode entry(JsonNode ticket, String type) {
        JsonNode found = null;
        for (JsonNode e : ticket.path("timeline")) {
            if (type.equals(e.path("type").asText())) {
                found = e.path("details");
            }
        }
        assertNotNull(found, "no " + type + " on " + ticket.path("timeline"));
        return found;
    }

    private static String chat(LocalCloud cloud, String text) throws Exception {
        return ok(LocalApi.chat(cloud, Map.of("conversationId", "route-" + UUID.randomUUID(), "messageId", "m", "text", text)))
                .path("ticketId").asText();
    }

    private static JsonNode ticket(LocalCloud cloud, String id) throws Exception {
        return ok(call(cloud, "GET", "/api/tickets/" + id, HistoryEndToEndTest.token(cloud, "analyst"), null));
    }

    private static HttpResponse<String> call(LocalCloud cloud, String method, String path, String token, String body) throws Exception {
        return LocalApi.call(cloud, method, path, token, body);
    }

    private static String token(LocalCloud cloud, String sub) throws Exception {
        return LocalApi.token(cloud, sub, "support");
    }

    private static JsonNode ok(HttpResponse<String> response) throws Exception {
        assertEquals(200, response.statusCode(), response.body());
        return Exchanges.JSON.readTree(response.body());
    }
}
