package dev.helpdesk.app;

import dev.helpdesk.domain.Message;
import dev.helpdesk.domain.Ticket;
import dev.helpdesk.domain.TimelineEntry;
import dev.helpdesk.store.TicketStore.TicketRecord;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The ticket as the HTTP contract (R-API) shows it: the required field names, ISO-8601 UTC times. */
public final class TicketViews {
    private TicketViews() {
    }

    public static Map<String, Object> ticket(Ticket t) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("ticketId", t.ticketId());
        json.put("number", t.number());
        json.put("subject", t.subject());
        json.put("status", t.status().wire());
        json.put("customStatus", t.customStatus());
        json.put("priority", t.priority().wire());
        json.put("channel", t.channel().wire());
        json.put("customerId", t.customerId());
        json.put("assigneeId", t.assigneeId());
        json.put("teamId", t.teamId());
        json.put("sentiment", t.sentiment() == null ? null
                : Map.of("score", t.sentiment().score(), "label", t.sentiment().label().wire()));
        json.put("labels", t.labels());
        json.put("createdAt", iso(t.createdAt()));
        json.put("updatedAt", iso(t.updatedAt()));
        json.put("lastInteractionAt", iso(t.lastInteractionAt()));
        json.put("closedAt", iso(t.closedAt()));
        json.put("postponedUntil", iso(t.postponedUntil()));
        json.put("version", t.version());
        return json;
    }

    /** A ticket with its transcript, internal notes and timeline (R-HIST-3). */
    public static Map<String, Object> detail(TicketRecord record) {
        Map<String, Object> json = ticket(record.ticket());
        json.put("messages", record.messages().stream().map(TicketViews::message).toList());
        json.put("notes", record.notes().stream().map(TicketViews::message).toList());
        json.put("timeline", record.timeline().stream().map(TicketViews::timeline).toList());
        // The latest reading with its provenance (model, prompt version, tokens, latency), read-only.
        json.put("classification", record.timeline().stream()
                .filter(e -> e.type().equals("classified") || e.type().equals("unclassified"))
                .reduce((first, second) -> second).map(TimelineEntry::details).orElse(null));
        return json;
    }

    public static Map<String, Object> message(Message m) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("messageId", m.messageId());
        json.put("kind", m.kind().name().toLowerCase(java.util.Locale.ROOT));
        json.put("authorId", m.authorId());
        json.put("channel", m.channel() == null ? null : m.channel().wire());
        json.put("text", m.text());
        if (m.fullText() != null) {
            json.put("fullText", m.fullText());
        }
        if (m.html() != null) {
            json.put("html", m.html());
        }
        json.put("attachments", m.attachments());
        json.put("createdAt", iso(m.createdAt()));
        return json;
    }

    public static Map<String, Object> timeline(TimelineEntry e) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("at", iso(e.at()));
        json.put("actor", e.actor());
        json.put("type", e.type());
        json.put("details", e.details());
        return json;
    }

    public static List<Map<String, Object>> tickets(List<Ticket> tickets) {
        return tickets.stream().map(TicketViews::ticket).toList();
    }

    private static String iso(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
