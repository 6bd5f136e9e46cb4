package dev.helpdesk.store;

import dev.helpdesk.domain.Message;
import dev.helpdesk.domain.Ticket;
import dev.helpdesk.domain.TimelineEntry;
import dev.helpdesk.events.HelpdeskEvent;
import java.util.List;
import java.util.Objects;

/**
 * Everything one action does to a ticket, written in one DynamoDB transaction: the ticket's new state, the
 * messages and timeline entries it adds, and the events it must publish (kept in an outbox until published,
 * so an event-bus failure after the write loses nothing).
 *
 * @param created true when the ticket is new (the write then requires that it does not exist yet)
 * @param inbound the provider message this change stores, recorded so a redelivery is recognised; or null
 * @param conversationKey when set, the channel conversation is pointed at this ticket
 * @param conversationWas the ticket the conversation pointed at when it was read (null: it pointed nowhere);
 *                        the pointer moves only if that is still so, so two first messages make one ticket
 * @param timersSet timers this change (re)arms on the ticket, found later through the DUE index
 * @param timersCleared kinds of timer this change disarms
 * @param rotation a round-robin turn this change takes: the team's cursor moves only if nobody moved it since
 */
public record TicketChange(Ticket ticket, boolean created, List<Message> messages, List<TimelineEntry> timeline,
                           List<HelpdeskEvent> events, InboundReceipt inbound, String conversationKey,
                           String conversationWas, List<DueTimer> timersSet, List<String> timersCleared,
                           RotationTurn rotation) {

    /** Advance team {@code teamId}'s rotation from {@code expectedTurn} to the next, recording {@code agentId}. */
    public record RotationTurn(String teamId, long expectedTurn, String agentId) {
    }

    public TicketChange(Ticket ticket, boolean created, List<Message> messages, List<TimelineEntry> timeline,
                        List<HelpdeskEvent> events, InboundReceipt inbound, String conversationKey, String conversationWas) {
        this(ticket, created, messages, timeline, events, inbound, conversationKey, conversationWas, List.of(), List.of(), null);
    }

    public TicketChange(Ticket ticket, boolean created, List<Message> messages, List<TimelineEntry> timeline,
                        List<HelpdeskEvent> events, InboundReceipt inbound, String conversationKey, String conversationWas,
                        List<DueTimer> timersSet, List<String> timersCleared) {
        this(ticket, created, messages, timeline, events, inbound, conversationKey, conversationWas, timersSet, timersCleared, null);
    }

    /** The same change, also taking a round-robin turn. */
    public TicketChange withRotation(RotationTurn turn) {
        return new TicketChange(ticket, created, messages, timeline, events, inbound, conversationKey, conversationWas,
                timersSet, timersCleared, turn);
    }

    /** A change that does not move the conversation pointer. */
    public TicketChange(Ticket ticket, List<Message> messages, List<TimelineEntry> timeline, List<HelpdeskEvent> events,
                        InboundReceipt inbound) {
        this(ticket, false, messages, timeline, events, inbound, null, null);
    }

    public TicketChange {
        Objects.requireNonNull(ticket, "ticket");
        messages = messages == null ? List.of() : List.copyOf(messages);
        timeline = timeline == null ? List.of() : List.copyOf(timeline);
        events = events == null ? List.of() : List.copyOf(events);
        timersSet = timersSet == null ? List.of() : List.copyOf(timersSet);
        timersCleared = timersCleared == null ? List.of() : List.copyOf(timersCleared);
    }

    /** The same change, also arming {@code timer}. */
    public TicketChange withTimer(DueTimer timer) {
        List<DueTimer> timers = new java.util.ArrayList<>(timersSet);
        timers.add(timer);
        return new TicketChange(ticket, created, messages, timeline, events, inbound, conversationKey, conversationWas,
                timers, timersCleared, rotation);
    }

    /** The same change, also disarming the ticket's timer of this kind. */
    public TicketChange clearingTimer(String kind) {
        List<String> cleared = new java.util.ArrayList<>(timersCleared);
        cleared.add(kind);
        return new TicketChange(ticket, created, messages, timeline, events, inbound, conversationKey, conversationWas,
                timersSet, cleared, rotation);
    }

    /**
     * A provider's message id on a channel, and where it was stored. {@code threadRef} is an email's own
     * Message-ID: replies that reference it thread into this ticket.
     */
    public record InboundReceipt(String channel, String providerMessageId, String ticketId, String messageId,
                                 String threadRef) {
        public InboundReceipt(String channel, String providerMessageId, String ticketId, String messageId) {
            this(channel, providerMessageId, ticketId, messageId, null);
        }
    }
}
