package dev.helpdesk.domain;

import java.util.List;

/** The workspace's topic labels the model may choose from (R-SENT-1). */
public record Taxonomy(List<String> labels) {
    public static final Taxonomy DEFAULT = new Taxonomy(List.of("delivery", "order tracking", "recommendations",
            "refund", "returns", "product question", "billing", "other"));

    public Taxonomy {
        labels = List.copyOf(labels);
    }

    public boolean allows(String label) {
        return labels.contains(label);
    }
}
