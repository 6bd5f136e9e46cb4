package dev.helpdesk.domain;

import java.util.Set;

/** A registered agent: display name, role, seniority, teams, and whether they are Online (R-ASSIGN-4). */
public record Agent(String agentId, String name, String email, Role role, String seniority, Set<String> teams,
                    boolean online) {
    public Agent {
        teams = teams == null ? Set.of() : Set.copyOf(teams);
    }
}
