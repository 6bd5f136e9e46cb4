package dev.helpdesk.store;

import static dev.helpdesk.store.TableDesign.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.helpdesk.domain.TimelineEntry;
import dev.helpdesk.events.HelpdeskEvent;
import dev.helpdesk.json.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The {@code change} attribute's format, both ways: written by the stores with the state it belongs to, read back
 * from the table's stream by the change feed and from the items themselves by ticket reads.
 */
public final class ChangeRecords {
    public static final String ATTRIBUTE = "change";

    private ChangeRecords() {
    }

    /** The attribute's JSON for a change with these events and entries. */
    public static String write(String changeId, List<HelpdeskEvent> events, List<TimelineEntry> timeline) {
        return write(changeId, events, timeline, List.of(), List.of());
    }

    /** The attribute's JSON for a change with these events, entries and timer operations. */
    public static String write(String changeId, List<HelpdeskEvent> events, List<TimelineEntry> timeline,
                               List<DueTimer> timersSet, List<String> timersCleared) {
        return write(changeId, events, timeline, timersSet, timersCleared, Map.<String, String>of());
    }

    /**
     * As above, for a change carried by a message whose text is {@code carrierText}. Stored compactly, since every
     * byte of it is paid for on the write that carries it: the time once when all share it, the payload fields all
     * events share once ({@code base}), and an event field that is the carrying item's own attribute (the message's
     * text, id, author, channel) not at all; {@link #of} reads them back from the item.
     */
    public static String write(String changeId, List<HelpdeskEvent> events, List<TimelineEntry> timeline,
                               List<DueTimer> timersSet, List<String> timersCleared, String carrierText) {
        return write(changeId, events, timeline, timersSet, timersCleared,
                carrierText == null ? Map.of() : Map.of("text", carrierText));
    }

    /** As above; {@code carrier} holds the carrying item's string attributes that events need not repeat. */
    static String write(String changeId, List<HelpdeskEvent> events, List<TimelineEntry> timeline,
                        List<DueTimer> timersSet, List<String> timersCleared, Map<String, String> carrier) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("id", changeId);
        Instant at = commonTime(events, timeline);
        if (at != null) {
            node.put("at", at.toString());
        }
        Map<String, Object> base = events.size() < 2 ? Map.of() : commonFields(events);
        if (!base.isEmpty()) {
            node.set("base", Json.MAPPER.valueToTree(base));
        }
        ArrayNode evs = node.putArray("events");
        for (HelpdeskEvent e : events) {
            ObjectNode ev = evs.addObject();
            ev.put("detailType", e.detailType());
            ev.put("eventId", e.eventId());
            if (!e.occurredAt().equals(at)) {
                ev.put("occurredAt", e.occurredAt().toString());
            }
            ev.put("ticketId", e.ticketId());
            Map<String, Object> payload = new java.util.LinkedHashMap<>(e.payload());
            base.keySet().forEach(payload::remove);
            ArrayNode fromItem = null;
            for (Map.Entry<String, String> attribute : carrier.entrySet()) {
                if (attribute.getValue() != null && attribute.getValue().equals(payload.get(attribute.getKey()))) {
                    payload.remove(attribute.getKey());
                    fromItem = fromItem == null ? ev.putArray("fromItem") : fromItem;
                    fromItem.add(attribute.getKey());
                }
            }
            ev.set("payload", Json.MAPPER.valueToTree(payload));
        }
        ArrayNode tl = node.putArray("timeline");
        for (TimelineEntry t : timeline) {
            ObjectNode entry = tl.addObject();
            if (!t.at().equals(at)) {
                entry.put("at", t.at().toString());
            }
            entry.put("actor", t.actor());
            entry.put("type", t.type());
            entry.set("details", Json.MAPPER.valueToTree(t.details()));
        }
        if (!timersSet.isEmpty()) {
            ArrayNode timers = node.putArray("timersSet");
            for (DueTimer t : timersSet) {
                timers.addObject().put("kind", t.kind()).put("dueAt", t.dueAt().toString()).put("attempt", t.attempt());
            }
        }
        if (!timersCleared.isEmpty()) {
            ArrayNode cleared = node.putArray("timersCleared");
            timersCleared.forEach(cleared::add);
        }
        return Json.write(node);
    }

    /** The time every event and entry shares, or null. */
    private static Instant commonTime(List<HelpdeskEvent> events, List<TimelineEntry> timeline) {
        java.util.Set<Instant> times = new java.util.HashSet<>();
        events.forEach(e -> times.add(e.occurredAt()));
        timeline.forEach(t -> times.add(t.at()));
        return times.size() == 1 ? times.iterator().next() : null;
    }

    /** The payload fields (name and value) that every event has. */
    private static Map<String, Object> commonFields(List<HelpdeskEvent> events) {
        Map<String, Object> common = new java.util.LinkedHashMap<>(events.get(0).payload());
        for (HelpdeskEvent e : events.subList(1, events.size())) {
            common.entrySet().removeIf(f -> !e.payload().containsKey(f.getKey())
                    || !java.util.Objects.equals(e.payload().get(f.getKey()), f.getValue()));
        }
        return common;
    }

    /** The change an item carries, if any. */
    public static Optional<RecordedChange> of(Map<String, AttributeValue> item) {
        if (item == null || !item.containsKey(ATTRIBUTE) || item.get(ATTRIBUTE).s() == null) {
            return Optional.empty();
        }
        String sk = item.get(SK) == null ? "" : item.get(SK).s();
        String ticketId = item.get("ticketId") == null ? null : item.get("ticketId").s();
        return Optional.of(parse(item.get(ATTRIBUTE).s(), ticketId, TICKET_SK.equals(sk), item));
    }

    /**
     * What a stream record asks the change feed to do: the change its new image carries, unless the old image
     * already carried the same one (a later write that left the attribute alone) or the item was removed.
     */
    public static Optional<RecordedChange> fromStream(Map<String, AttributeValue> oldImage, Map<String, AttributeValue> newImage) {
        Optional<RecordedChange> now = of(newImage);
        if (now.isEmpty()) {
            return now;
        }
        Optional<RecordedChange> before = of(oldImage);
        return before.isPresent() && before.get().id().equals(now.get().id()) ? Optional.empty() : now;
    }

    static RecordedChange parse(String json, String ticketId, boolean onTicket, Map<String, AttributeValue> item) {
        JsonNode node = Json.read(json);
        String id = node.path("id").asText();
        String at = node.path("at").asText(null);
        Map<String, Object> base = node.has("base") ? Json.toMap(node.path("base")) : Map.of();
        List<HelpdeskEvent> events = new ArrayList<>();
        for (JsonNode e : node.path("events")) {
            Map<String, Object> payload = new java.util.LinkedHashMap<>(base);
            payload.putAll(Json.toMap(e.path("payload")));
            for (JsonNode name : e.path("fromItem")) {
                AttributeValue value = item.get(name.asText());
                payload.put(name.asText(), value == null ? null : value.s());
            }
            events.add(new HelpdeskEvent(e.path("detailType").asText(), e.path("eventId").asText(),
                    Instant.parse(e.path("occurredAt").asText(at)), e.path("ticketId").asText(null), payload));
        }
        List<TimelineEntry> timeline = new ArrayList<>();
        for (JsonNode t : node.path("timeline")) {
            timeline.add(new TimelineEntry(ticketId, Instant.parse(t.path("at").asText(at)), t.path("actor").asText(null),
                    t.path("type").asText(), Json.toMap(t.path("details"))));
        }
        List<DueTimer> timersSet = new ArrayList<>();
        for (JsonNode t : node.path("timersSet")) {
            timersSet.add(new DueTimer(ticketId, t.path("kind").asText(), Instant.parse(t.path("dueAt").asText()), t.path("attempt").asInt()));
        }
        List<String> timersCleared = new ArrayList<>();
        node.path("timersCleared").forEach(k -> timersCleared.add(k.asText()));
        return new RecordedChange(id, ticketId, events, timeline, onTicket, timersSet, timersCleared);
    }
}
