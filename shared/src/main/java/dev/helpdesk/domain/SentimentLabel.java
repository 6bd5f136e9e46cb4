package dev.helpdesk.domain;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;

/** The five sentiment labels the LLM may give (R-SENT-1), ordered most upset first for the sentiment sort. */
public enum SentimentLabel {
    URGENT("Urgent"), NEGATIVE("Negative"), NEUTRAL("Neutral"), POSITIVE("Positive"), PROMOTER("Promoter");

    private final String wire;

    SentimentLabel(String wire) {
        this.wire = wire;
    }

    @JsonValue
    public String wire() {
        return wire;
    }

    @JsonCreator
    public static SentimentLabel fromWire(String value) {
        return Arrays.stream(values())
                .filter(l -> l.wire.equalsIgnoreCase(value))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown sentiment label: " + value));
    }
}
