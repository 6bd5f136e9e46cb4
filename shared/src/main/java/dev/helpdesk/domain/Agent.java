package dev.helpdesk.domain;

import java.time.Instant;
import java.util.Set;

/**
 * A registered agent: display name, role, seniority, teams, whether they are Online (R-ASSIGN-4) and when their last
 * availability heartbeat came (null before the first).
 */
public record Agent(String agentId, String name, String email, Role role, String seniority, Set<String> teams,
                    boolean online, Instant lastSeenAt) {
    public Agent {
        teams = teams == null ? Set.of() : Set.copyOf(teams);
    }

    /** An agent as registered, before any heartbeat. */
    public Agent(String agentId, String name, String email, Role role, String seniority, Set<String> teams, boolean online) {
        this(agentId, name, email, role, seniority, teams, online, null);
    }
}
