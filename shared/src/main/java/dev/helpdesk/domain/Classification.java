package dev.helpdesk.domain;

import java.util.List;
import java.util.Objects;

/**
 * A validated reading of a ticket: sentiment and one or more topic labels, all from the workspace's taxonomy
 * (R-SENT-5). Nothing outside the schema can be built, whatever the model said.
 */
public record Classification(Sentiment sentiment, List<String> labels) {
    public Classification {
        Objects.requireNonNull(sentiment, "sentiment");
        labels = List.copyOf(labels);
        if (labels.isEmpty()) {
            throw new IllegalArgumentException("at least one topic label is required");
        }
    }

    public static Classification validated(Sentiment sentiment, List<String> labels, Taxonomy taxonomy) {
        for (String label : labels) {
            if (!taxonomy.allows(label)) {
                throw new IllegalArgumentException("label '" + label + "' is not in the taxonomy");
            }
        }
        return new Classification(sentiment, labels.stream().distinct().toList());
    }
}
