package dev.helpdesk.events;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * One event for the helpdesk bus. Its {@link #detail()} is the versioned envelope subscribers read:
 * {@code version}, {@code eventId} (for de-duplication: EventBridge delivers at least once),
 * {@code occurredAt}, {@code ticketId}, then the event's own fields.
 */
public record HelpdeskEvent(String detailType, String eventId, Instant occurredAt, String ticketId,
                            Map<String, Object> payload) {
    /** Bumped only on a breaking change to a detail's shape; additions keep the version. */
    public static final String SCHEMA_VERSION = "1";
    public static final String SOURCE = "helpdesk";

    public HelpdeskEvent {
        Objects.requireNonNull(detailType, "detailType");
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(occurredAt, "occurredAt");
        payload = payload == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(payload));
    }

    public static HelpdeskEvent of(String detailType, String ticketId, Instant at, Map<String, Object> payload) {
        return new HelpdeskEvent(detailType, UUID.randomUUID().toString(), at, ticketId, payload);
    }

    public Map<String, Object> detail() {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("version", SCHEMA_VERSION);
        detail.put("eventId", eventId);
        detail.put("occurredAt", occurredAt.toString());
        detail.put("ticketId", ticketId);
        detail.putAll(payload);
        return detail;
    }
}
