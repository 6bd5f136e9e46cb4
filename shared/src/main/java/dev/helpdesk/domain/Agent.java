package dev.helpdesk.domain;

import java.time.Instant;

/**
 * A registered agent: display name, role, seniority, whether they are Online (R-ASSIGN-4) and when their last
 * availability heartbeat came (null before the first). Which teams an agent is in is the teams' member lists
 * ({@link Team#members()}), the one place routing reads it.
 */
public record Agent(String agentId, String name, String email, Role role, String seniority, boolean online, Instant lastSeenAt) {

    /** An agent as registered, before any heartbeat. */
    public Agent(String agentId, String name, String email, Role role, String seniority, boolean online) {
        this(agentId, name, email, role, seniority, online, null);
    }
}
