package dev.helpdesk.domain;

import java.util.List;
import java.util.Set;

/** A team, its members, and the rule that sends tickets to it; lower {@code order} is evaluated first. */
public record Team(String teamId, String name, List<String> members, Rules rules, int order) {
    public Team {
        members = List.copyOf(members);
        rules = rules == null ? new Rules(Set.of(), Set.of(), Set.of()) : rules;
    }

    /** A ticket matches when it carries any of the AI labels, customer segments or sentiment labels listed. */
    public record Rules(Set<String> labels, Set<String> segments, Set<SentimentLabel> sentiments) {
        public Rules {
            labels = labels == null ? Set.of() : Set.copyOf(labels);
            segments = segments == null ? Set.of() : Set.copyOf(segments);
            sentiments = sentiments == null ? Set.of() : Set.copyOf(sentiments);
        }
    }
}
