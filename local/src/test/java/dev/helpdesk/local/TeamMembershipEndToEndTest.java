package dev.helpdesk.local;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * SPEC: {@code PUT /api/agents/{agentId}} registers the record "(name, role, teams) that routing and display use". The
 * agent's teams are the teams' member lists, which routing reads: set from either side, shown the same on both.
 */
@Isolated // a team is workspace-wide: routing elsewhere must not see it half made
class TeamMembershipEndToEndTest {

    @Test
    @DisplayName("an agent registered with teams joins their rotations, without teams keeps them, with [] leaves them; an unknown team is refused and nothing is stored")
    void agentTeamsAreTeamMembers() throws Exception {
        LocalCloud cloud = SharedCloud.get();
        String tag = UUID.randomUUID().toString().substring(0, 6);
        String admin = LocalApi.token(cloud, "admin-" + tag, "admin");
        String team = "team-" + tag;
        String ann = "ann-" + tag;
        String bo = "bo-" + tag;
        ok(LocalApi.call(cloud, "PUT", "/api/teams/" + team, admin,
                "{\"name\":\"Team " + tag + "\",\"members\":[\"" + ann + "\"],\"rules\":{\"labels\":[\"label-" + tag + "\"]},\"order\":900}"));
        try {
            JsonNode registered = ok(LocalApi.call(cloud, "PUT", "/api/agents/" + bo, admin,
                    "{\"name\":\"Bo\",\"role\":\"support\",\"teams\":[\"" + team + "\"]}"));
            assertEquals(List.of(team), texts(registered.path("teams")));
            assertEquals(List.of(ann, bo), members(cloud, admin, team), "joined at the end of the rotation");
            assertEquals(List.of(team), texts(agent(cloud, admin, bo).path("teams")));

            // Without teams (what the console sends when it edits a name): memberships stay.
            ok(LocalApi.call(cloud, "PUT", "/api/agents/" + bo, admin, "{\"name\":\"Bo Berg\",\"role\":\"support\"}"));
            assertEquals(List.of(ann, bo), members(cloud, admin, team));
            assertEquals("Bo Berg", agent(cloud, admin, bo).path("name").asText());

            String cy = "cy-" + tag;
            HttpResponse<String> unknown = LocalApi.call(cloud, "PUT", "/api/agents/" + cy, admin,
                    "{\"name\":\"Cy\",\"role\":\"support\",\"teams\":[\"no-such-team-" + tag + "\"]}");
            assertEquals(400, unknown.statusCode(), unknown.body());
            assertTrue(unknown.body().contains("no-such-team-" + tag), unknown.body());
            assertTrue(agent(cloud, admin, cy).isMissingNode(), "a refused registration stores no agent");
            assertEquals(400, LocalApi.call(cloud, "PUT", "/api/agents/" + bo, admin,
                    "{\"name\":\"Bo\",\"role\":\"support\",\"teams\":\"" + team + "\"}").statusCode());

            JsonNode left = ok(LocalApi.call(cloud, "PUT", "/api/agents/" + bo, admin, "{\"name\":\"Bo\",\"role\":\"support\",\"teams\":[]}"));
            assertEquals(List.of(), texts(left.path("teams")));
            assertEquals(List.of(ann), members(cloud, admin, team));
        } finally {
            LocalApi.call(cloud, "DELETE", "/api/teams/" + team, admin, null);
        }
    }

    private static List<String> members(LocalCloud cloud, String token, String teamId) throws Exception {
        for (JsonNode team : ok(LocalApi.call(cloud, "GET", "/api/teams", token, null)).path("items")) {
            if (team.path("teamId").asText().equals(teamId)) {
                return texts(team.path("members"));
            }
        }
        throw new AssertionError("no team " + teamId);
    }

    /** The agent as GET /api/agents lists them; a missing node when not registered. */
    private static JsonNode agent(LocalCloud cloud, String token, String agentId) throws Exception {
        for (JsonNode agent : ok(LocalApi.call(cloud, "GET", "/api/agents", token, null)).path("items")) {
            if (agent.path("agentId").asText().equals(agentId)) {
                return agent;
            }
        }
        return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static JsonNode ok(HttpResponse<String> response) throws Exception {
        assertEquals(200, response.statusCode(), response.body());
        return Exchanges.JSON.readTree(response.body());
    }
}
