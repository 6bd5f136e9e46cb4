package dev.helpdesk.domain;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** One recorded action on a ticket (R-STATUS-5): what happened, when, by whom, with its details. */
public record TimelineEntry(String ticketId, Instant at, String actor, String type, Map<String, Object> details) {
    public TimelineEntry {
        // Values may be null ("assigneeId": null), so no Map.copyOf.
        details = details == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(details));
    }
}
