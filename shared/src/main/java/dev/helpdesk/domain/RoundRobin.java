package dev.helpdesk.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Who gets the next ticket (R-ASSIGN-3): the members in their rotation order, starting after the one who got the
 * previous ticket, the first who is Online and under capacity. Pure: the caller reads the cursor and the agents,
 * and commits the choice with a conditional write on the cursor.
 */
public final class RoundRobin {
    private RoundRobin() {
    }

    /** Why a candidate was passed over; null for the chosen one. */
    public enum PassedOver { OFFLINE, AT_CAPACITY, NOT_REGISTERED, LATER_IN_ROTATION, DID_NOT_REPLY }

    public record Candidate(String agentId, PassedOver passedOver) {
    }

    public record Choice(Optional<String> chosen, List<Candidate> candidates) {
    }

    /**
     * @param rotation members in rotation order
     * @param last the member who got the previous ticket (null: start at the first)
     * @param agents the registered agents among them, by id
     * @param activeCounts active tickets per agent, for capacity (may be empty when no capacity is set)
     * @param capacity the most active tickets an agent takes automatically, or null for no limit
     */
    public static Choice next(List<String> rotation, String last, Map<String, Agent> agents, Map<String, Integer> activeCounts,
                              Integer capacity) {
        return next(rotation, last, agents, activeCounts, capacity, Set.of());
    }

    /** As above, never choosing {@code excluded} (the assignee who let the ticket wait without a reply). */
    public static Choice next(List<String> rotation, String last, Map<String, Agent> agents, Map<String, Integer> activeCounts,
                              Integer capacity, Set<String> excluded) {
        int start = last == null ? 0 : rotation.indexOf(last) + 1; // an agent no longer in the team: start from the top
        List<Candidate> candidates = new ArrayList<>();
        String chosen = null;
        for (int i = 0; i < rotation.size(); i++) {
            String id = rotation.get(Math.floorMod(start + i, rotation.size()));
            Agent agent = agents.get(id);
            PassedOver reason = excluded.contains(id) ? PassedOver.DID_NOT_REPLY
                    : agent == null || !agent.role().takesTickets() ? PassedOver.NOT_REGISTERED
                    : !agent.online() ? PassedOver.OFFLINE
                    : capacity != null && activeCounts.getOrDefault(id, 0) >= capacity ? PassedOver.AT_CAPACITY
                    : null;
            if (reason == null && chosen == null) {
                chosen = id;
                candidates.add(new Candidate(id, null));
            } else {
                candidates.add(new Candidate(id, reason == null ? PassedOver.LATER_IN_ROTATION : reason));
            }
        }
        return new Choice(Optional.ofNullable(chosen), candidates);
    }

    /** The first team (by order) whose rule matches the ticket; empty for the default pool. */
    public static Optional<Team> team(List<Team> teams, List<String> labels, Set<String> segments, SentimentLabel sentiment) {
        return teams.stream().sorted(java.util.Comparator.comparingInt(Team::order).thenComparing(Team::teamId))
                .filter(t -> t.rules().labels().stream().anyMatch(labels::contains)
                        || t.rules().segments().stream().anyMatch(segments::contains)
                        || (sentiment != null && t.rules().sentiments().contains(sentiment)))
                .findFirst();
    }
}
