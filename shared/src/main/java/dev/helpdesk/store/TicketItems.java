package dev.helpdesk.store;

import static dev.helpdesk.store.TableDesign.*;

import dev.helpdesk.domain.Attachment;
import dev.helpdesk.domain.Channel;
import dev.helpdesk.domain.Message;
import dev.helpdesk.domain.Priority;
import dev.helpdesk.domain.Sentiment;
import dev.helpdesk.domain.SentimentLabel;
import dev.helpdesk.domain.Status;
import dev.helpdesk.domain.Ticket;
import dev.helpdesk.domain.TimelineEntry;
import dev.helpdesk.events.HelpdeskEvent;
import dev.helpdesk.json.Json;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The one mapping between the ticket aggregate's values (ticket, message, note, timeline entry, timer) and their
 * DynamoDB items; the keys come from {@link TableDesign}. Stores write and read items only through it.
 */
final class TicketItems {
    private TicketItems() {
    }

    static Item toItem(Ticket t) {
        String order = ticketOrder(t);
        return Item.create()
                .put(PK, ticketPk(t.ticketId())).put(SK, TICKET_SK)
                .put("ticketId", t.ticketId()).put("number", t.number()).put("subject", t.subject())
                .put("status", t.status().wire()).put("customStatus", t.customStatus())
                .put("priority", t.priority().wire()).put("channel", t.channel().wire())
                .put("customerId", t.customerId()).put("assigneeId", t.assigneeId()).put("teamId", t.teamId())
                .put("sentimentScore", t.sentiment() == null ? null : t.sentiment().score())
                .put("sentimentLabel", t.sentiment() == null ? null : t.sentiment().label().wire())
                .putList("labels", t.labels())
                .put("createdAt", t.createdAt()).put("updatedAt", t.updatedAt())
                .put("lastInteractionAt", t.lastInteractionAt()).put("closedAt", t.closedAt())
                .put("postponedUntil", t.postponedUntil())
                .put("restoreStatus", t.restoreStatus() == null ? null : t.restoreStatus().wire())
                .put("conversationKey", t.conversationKey()).put("version", t.version())
                .put("classifiedThrough", t.classifiedThrough())
                .put("sla", t.sla() == null ? null : slaJson(t.sla()))
                .put(pk(GSI1), customerHistory(t.customerId())).put(sk(GSI1), order)
                .put(pk(GSI2), customerHistory(t.customerId(), t.status())).put(sk(GSI2), order)
                .put(pk(GSI3), assigneeView(t.assigneeId(), t.status())).put(sk(GSI3), order)
                .put(pk(GSI4), statusView(t.status())).put(sk(GSI4), order)
                .put(pk(GSI6), assigneeView(t.assigneeId(), t.status())).put(sk(GSI6), sentimentOrder(t))
                .put(pk(GSI7), statusView(t.status())).put(sk(GSI7), sentimentOrder(t));
    }

    /** The SLA clock as JSON with a fixed key order: a conditional update compares it byte for byte. */
    static String slaJson(dev.helpdesk.domain.SlaClock sla) {
        Map<String, Object> json = new java.util.LinkedHashMap<>();
        json.put("elapsedMs", sla.elapsedMs());
        json.put("runningSince", sla.runningSince() == null ? "" : sla.runningSince().toString());
        json.put("firstResponseAt", sla.firstResponseAt() == null ? "" : sla.firstResponseAt().toString());
        json.put("reported", sla.reported().stream().sorted().toList());
        return Json.write(json);
    }

    static Ticket toTicket(Item i) {
        Integer score = i.nOrNull("sentimentScore");
        Sentiment sentiment = score == null ? null
                : new Sentiment(score, SentimentLabel.fromWire(i.s("sentimentLabel")));
        String restore = i.s("restoreStatus");
        return new Ticket(i.s("ticketId"), i.n("number"), i.s("subject"), Status.fromWire(i.s("status")),
                i.s("customStatus"), Priority.fromWire(i.s("priority")), Channel.fromWire(i.s("channel")),
                i.s("customerId"), i.s("assigneeId"), i.s("teamId"), sentiment, i.list("labels"),
                i.time("createdAt"), i.time("updatedAt"), i.time("lastInteractionAt"), i.time("closedAt"),
                i.time("postponedUntil"), restore == null ? null : Status.fromWire(restore),
                i.s("conversationKey"), i.n("version"), toSla(i.s("sla")), i.s("classifiedThrough"));
    }

    static dev.helpdesk.domain.SlaClock toSla(String json) {
        if (json == null) {
            return null;
        }
        var node = Json.read(json);
        java.util.Set<String> reported = new java.util.HashSet<>();
        node.path("reported").forEach(r -> reported.add(r.asText()));
        String running = node.path("runningSince").asText("");
        String responded = node.path("firstResponseAt").asText("");
        return new dev.helpdesk.domain.SlaClock(node.path("elapsedMs").asLong(), running.isEmpty() ? null : Instant.parse(running),
                responded.isEmpty() ? null : Instant.parse(responded), reported);
    }

    static Item messageItem(Message m) {
        return Item.create()
                .put(PK, ticketPk(m.ticketId())).put(SK, messageSk(m.createdAt(), m.messageId(), m.isNote()))
                .put("messageId", m.messageId()).put("ticketId", m.ticketId()).put("kind", m.kind().name())
                .put("authorId", m.authorId()).put("channel", m.channel() == null ? null : m.channel().wire())
                .put("text", m.text()).put("fullText", m.fullText()).put("html", m.html()).put("createdAt", m.createdAt())
                .put("attachments", m.attachments().isEmpty() ? null : Json.write(m.attachments()));
    }

    static Message toMessage(Item i) {
        String channel = i.s("channel");
        String attachments = i.s("attachments");
        List<Attachment> list = attachments == null ? List.of()
                : List.of(Json.MAPPER.convertValue(Json.read(attachments), Attachment[].class));
        return new Message(i.s("messageId"), i.s("ticketId"), Message.Kind.valueOf(i.s("kind")), i.s("authorId"),
                channel == null ? null : Channel.fromWire(channel), i.s("text"), list, i.time("createdAt"),
                i.s("fullText"), i.s("html"));
    }

    static Item timelineItem(TimelineEntry e, int sequence) {
        return timelineItem(e, sequence, UUID.randomUUID().toString());
    }

    static Item timelineItem(TimelineEntry e, int sequence, String changeId) {
        return Item.create()
                .put(PK, ticketPk(e.ticketId())).put(SK, timelineSk(e.at(), sequence, shortId(changeId)))
                .put("ticketId", e.ticketId()).put("at", e.at()).put("actor", e.actor()).put("type", e.type())
                .put("details", Json.write(e.details()));
    }

    static TimelineEntry toTimeline(Item i) {
        return new TimelineEntry(i.s("ticketId"), i.time("at"), i.s("actor"), i.s("type"),
                Json.toMap(Json.read(i.s("details"))));
    }

    static Item timerItem(DueTimer t) {
        return Item.create().put(PK, ticketPk(t.ticketId())).put(SK, timerSk(t.kind()))
                .put("ticketId", t.ticketId()).put("kind", t.kind()).put("dueAt", t.dueAt()).put("attempt", t.attempt())
                .put(pk(GSI5), DUE).put(sk(GSI5), dueOrder(t.dueAt(), t.kind(), t.ticketId(), t.kind()));
    }

    /**
     * The item with the change's events in its {@code change} attribute (issue 16): they commit with the state they
     * announce, and the table's stream carries them to the change feed, which publishes them. Without events the
     * attribute is left out, so a whole-item put also clears a change already published.
     */
    static Item withChange(Item item, String changeId, List<HelpdeskEvent> events) {
        return events.isEmpty() ? item : item.put(ChangeRecords.ATTRIBUTE, ChangeRecords.write(changeId, events, List.of()));
    }

    static String shortId(String changeId) {
        return changeId.substring(0, Math.min(8, changeId.length()));
    }
}
