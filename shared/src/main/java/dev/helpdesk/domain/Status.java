package dev.helpdesk.domain;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;

/** A ticket's base status (R-STATUS-1, LiveAgent's model). Purge is an action, not a status: it removes the ticket. */
public enum Status {
    NEW("New"),
    ANSWERED("Answered"),
    OPEN("Open"),
    RESOLVED("Resolved"),
    POSTPONED("Postponed"),
    SPAM("Spam"),
    DELETED("Deleted");

    /** Statuses the default views show (R-ASSIGN-7): everything not Resolved, Spam or Deleted. */
    public static final Set<Status> ACTIVE = EnumSet.of(NEW, ANSWERED, OPEN, POSTPONED);

    private final String wire;

    Status(String wire) {
        this.wire = wire;
    }

    @JsonValue
    public String wire() {
        return wire;
    }

    public boolean isActive() {
        return ACTIVE.contains(this);
    }

    /** Spam and Deleted take only restore and purge. */
    public boolean isRemoved() {
        return this == SPAM || this == DELETED;
    }

    @JsonCreator
    public static Status fromWire(String value) {
        return Arrays.stream(values())
                .filter(s -> s.wire.equalsIgnoreCase(value) || s.name().equalsIgnoreCase(value))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown status: " + value));
    }
}
