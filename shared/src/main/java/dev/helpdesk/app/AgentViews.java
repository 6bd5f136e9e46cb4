package dev.helpdesk.app;

import dev.helpdesk.domain.Agent;
import java.util.LinkedHashMap;
import java.util.Map;

/** An agent as the API shows it: to the console's menus and top bar, and back to whoever registered it. */
public final class AgentViews {
    private AgentViews() {
    }

    public static Map<String, Object> agent(Agent agent) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("agentId", agent.agentId());
        json.put("name", agent.name());
        json.put("email", agent.email());
        json.put("role", agent.role().wire());
        json.put("seniority", agent.seniority());
        json.put("teams", agent.teams().stream().sorted().toList());
        json.put("online", agent.online());
        json.put("lastSeenAt", agent.lastSeenAt() == null ? null : agent.lastSeenAt().toString());
        return json;
    }
}
