package dev.helpdesk.app;

import dev.helpdesk.domain.Agent;
import dev.helpdesk.domain.Team;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** An agent as the API shows it: to the console's menus and top bar, and back to whoever registered it. */
public final class AgentViews {
    private AgentViews() {
    }

    /** @param teams every team: the agent's {@code teams} are those whose members include them (what routing reads) */
    public static Map<String, Object> agent(Agent agent, Collection<Team> teams) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("agentId", agent.agentId());
        json.put("name", agent.name());
        json.put("email", agent.email());
        json.put("role", agent.role().wire());
        json.put("seniority", agent.seniority());
        json.put("teams", teamsOf(agent.agentId(), teams));
        json.put("online", agent.online());
        json.put("lastSeenAt", agent.lastSeenAt() == null ? null : agent.lastSeenAt().toString());
        return json;
    }

    /** The ids of the teams the agent is a member of, sorted. */
    public static List<String> teamsOf(String agentId, Collection<Team> teams) {
        return teams.stream().filter(t -> t.members().contains(agentId)).map(Team::teamId).sorted().toList();
    }
}
