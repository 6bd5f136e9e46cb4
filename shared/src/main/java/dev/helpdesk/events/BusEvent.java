package dev.helpdesk.events;

import java.util.Map;

/**
 * An event as a Lambda target receives it from EventBridge: the envelope's {@code detail-type}, {@code source}
 * and {@code detail}.
 */
public record BusEvent(String id, String detailType, String source, Map<String, Object> detail) {
    public BusEvent {
        detail = detail == null ? Map.of() : detail;
    }

    @SuppressWarnings("unchecked")
    public static BusEvent fromEnvelope(Map<String, Object> envelope) {
        Object detail = envelope.get("detail");
        return new BusEvent((String) envelope.get("id"), (String) envelope.get("detail-type"),
                (String) envelope.get("source"), detail instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of());
    }

    public String ticketId() {
        Object id = detail.get("ticketId");
        if (!(id instanceof String s) || s.isBlank()) {
            throw new IllegalArgumentException(detailType + " event " + id + " carries no ticketId");
        }
        return s;
    }
}
