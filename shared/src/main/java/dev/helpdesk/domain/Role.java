package dev.helpdesk.domain;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;

/** An agent's role in the workspace; roles are enforced in the functions (R-SEC). */
public enum Role {
    OWNER, ADMIN, MANAGER, SUPPORT, ANALYST;

    /** Roles that may assign tickets and that the default routing pool draws from (R-ASSIGN-6). */
    public boolean takesTickets() {
        return this != ANALYST;
    }

    public boolean administers() {
        return this == OWNER || this == ADMIN;
    }

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static Role fromWire(String value) {
        return Arrays.stream(values())
                .filter(r -> r.name().equalsIgnoreCase(value))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown role: " + value));
    }
}
