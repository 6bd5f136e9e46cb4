package dev.helpdesk.domain;

import java.util.Objects;

/** The model's reading of a ticket: a score 0 (very negative) to 10 (very positive) and a label. */
public record Sentiment(int score, SentimentLabel label) {
    public Sentiment {
        if (score < 0 || score > 10) {
            throw new IllegalArgumentException("sentiment score must be 0..10, was " + score);
        }
        Objects.requireNonNull(label, "label");
    }
}
