package dev.helpdesk.app;

import dev.helpdesk.domain.Lifecycle;
import dev.helpdesk.domain.Message;
import dev.helpdesk.domain.Priority;
import dev.helpdesk.domain.Status;
import dev.helpdesk.domain.Ticket;
import dev.helpdesk.domain.TimelineEntry;
import dev.helpdesk.events.DetailType;
import dev.helpdesk.events.EventPublisher;
import dev.helpdesk.events.HelpdeskEvent;
import dev.helpdesk.store.DueTimer;
import dev.helpdesk.store.TicketChange;
import dev.helpdesk.store.TicketStore;
import dev.helpdesk.store.TimerStore;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * What agents do to a ticket (R-STATUS, R-ASSIGN-6): reply, add a note, change status, set priority, assign,
 * purge. Each action is decided on the ticket as it is now and committed only if nobody changed it meanwhile
 * (read again and decided again otherwise), so concurrent agents never lose an update (R-STATUS-7). Every
 * action lands on the timeline with its actor and publishes its event through the outbox.
 */
public final class TicketActions {
    public static final String POSTPONE_TIMER = "POSTPONE";

    /** A request the rules refuse: {@code invalidInput} means 400, otherwise 409. */
    public static class Refused extends RuntimeException {
        private final boolean invalidInput;
        private final transient Ticket current;

        public Refused(String reason, boolean invalidInput) {
            this(reason, invalidInput, null);
        }

        public Refused(String reason, boolean invalidInput, Ticket current) {
            super(reason);
            this.invalidInput = invalidInput;
            this.current = current;
        }

        public boolean invalidInput() {
            return invalidInput;
        }

        /** The ticket as it was when the rules refused (a 409 answers with it), or null. */
        public Ticket current() {
            return current;
        }

        Refused on(Ticket ticket) {
            return current != null ? this : new Refused(getMessage(), invalidInput, ticket);
        }
    }

    /** Someone else holds the ticket; taking it over needs {@code reassign} (R-ASSIGN-6). */
    public static final class Held extends Refused {
        public Held(Ticket current) {
            super("ticket is assigned to " + current.assigneeId() + "; taking it over needs \"reassign\": true", false, current);
        }

        public String holder() {
            return current().assigneeId();
        }
    }

    /** The ticket moved on since the version the caller based the request on ({@code If-Match}); 409 with it as it is. */
    public static final class Stale extends Refused {
        public Stale(long expected, Ticket current) {
            super("the ticket changed since you read it (version " + expected + ", now " + current.version() + ")", false, current);
        }
    }

    /** The ticket does not exist (404). */
    public static final class NoSuchTicket extends RuntimeException {
        public NoSuchTicket(String ticketId) {
            super("no ticket " + ticketId);
        }
    }

    private final TicketStore tickets;
    private final TimerStore timers;
    private final TicketChanges changes;
    private final EventPublisher publisher;
    private final Clock clock;
    private final dev.helpdesk.store.Counters counters;
    private final SlaTimers sla;
    /** The version the caller's request was based on, or null for "whatever it is now". */
    private final Long expectedVersion;

    public TicketActions(TicketStore tickets, TimerStore timers, TicketChanges changes, EventPublisher publisher, Clock clock,
                         dev.helpdesk.store.Counters counters, SlaTimers sla) {
        this(tickets, timers, changes, publisher, clock, counters, sla, null);
    }

    private TicketActions(TicketStore tickets, TimerStore timers, TicketChanges changes, EventPublisher publisher, Clock clock,
                          dev.helpdesk.store.Counters counters, SlaTimers sla, Long expectedVersion) {
        this.tickets = tickets;
        this.timers = timers;
        this.changes = changes;
        this.publisher = publisher;
        this.clock = clock;
        this.counters = counters;
        this.sla = sla;
        this.expectedVersion = expectedVersion;
    }

    /**
     * The same actions, taken only on the ticket at {@code version} (an {@code If-Match}): a ticket that moved on
     * meanwhile refuses with {@link Stale}. Null: no precondition.
     */
    public TicketActions ifVersion(Long version) {
        return new TicketActions(tickets, timers, changes, publisher, clock, counters, sla, version);
    }

    public TicketActions(TicketStore tickets, TimerStore timers, TicketChanges changes, EventPublisher publisher, Clock clock,
                         dev.helpdesk.store.Counters counters) {
        this(tickets, timers, changes, publisher, clock, counters, SlaTimers.NONE);
    }

    /**
     * R-STATUS-6: moves the chosen messages to a new ticket of the same customer and channel, which is New,
     * unassigned and re-read by the classifier ("Ticket Split"). At least one customer message must stay behind.
     *
     * @return the new ticket
     */
    public Ticket split(String agentId, String ticketId, List<String> messageIds) {
        return ConflictRetry.DEFAULT.run("splitting ticket " + ticketId, () -> {
            TicketStore.TicketRecord record = tickets.load(ticketId).orElseThrow(() -> new NoSuchTicket(ticketId));
            Ticket ticket = record.ticket();
            if (ticket.status().isRemoved()) {
                throw new Refused("a " + ticket.status().wire() + " ticket cannot be split", false);
            }
            List<Message> moved = record.messages().stream().filter(m -> messageIds.contains(m.messageId())).toList();
            if (moved.size() != new java.util.HashSet<>(messageIds).size()) {
                throw new Refused("every message to split out must be a message of this ticket", true);
            }
            if (moved.size() == record.messages().size()) {
                throw new Refused("a split must leave at least one message on the ticket", true);
            }
            Instant now = clock.instant();
            String newId = UUID.randomUUID().toString();
            Ticket fresh = Ticket.open(newId, counters.next(dev.helpdesk.store.Counters.TICKET_NUMBER), ticket.subject(),
                    ticket.channel(), ticket.customerId(), null, moved.get(0).createdAt());
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("from", ticketId);
            details.put("to", newId);
            details.put("messageIds", moved.stream().map(Message::messageId).toList());
            Map<String, Object> payload = base(fresh);
            payload.putAll(details);
            payload.put("actor", agentId);
            TicketChange from = new TicketChange(ticket.touched(now), List.of(), List.of(entry(ticketId, now, agentId, "split out", details)),
                    List.of(), null);
            TicketChange to = new TicketChange(fresh, true, List.of(), List.of(entry(newId, now, agentId, "split from", details)),
                    List.of(HelpdeskEvent.of(DetailType.TICKET_SPLIT, newId, now, payload)), null, null, null);
            tickets.split(from, sla.arm(to), moved);
            return tickets.find(newId).orElseThrow();
        });
    }

    /** An agent's reply: the ticket becomes Answered (R-STATUS-2); "Agent Replied" carries it to the channel. */
    public Ticket reply(String agentId, String ticketId, String text) {
        return apply(ticketId, ticket -> {
            Instant now = clock.instant();
            Lifecycle.Move move = move(ticket, new Lifecycle.AgentReply());
            Ticket after = ticket.moved(move, now);
            after = after.sla() == null ? after : after.withSla(after.sla().responded(now));
            Message reply = new Message(UUID.randomUUID().toString(), ticketId, Message.Kind.AGENT, agentId, ticket.channel(),
                    text, List.of(), now);
            List<TimelineEntry> timeline = new ArrayList<>(List.of(entry(ticketId, now, agentId, "message",
                    Map.of("messageId", reply.messageId(), "kind", "agent"))));
            List<HelpdeskEvent> events = new ArrayList<>();
            Map<String, Object> payload = base(after);
            payload.put("messageId", reply.messageId());
            // With the id, the reply's key: delivery reads that one item, not the whole ticket.
            payload.put("messageAt", now.toString());
            payload.put("authorId", agentId);
            payload.put("text", text);
            events.add(HelpdeskEvent.of(DetailType.AGENT_REPLIED, ticketId, now, payload));
            statusChange(ticket, after, agentId, now, timeline, events);
            // The assignee answered: no reassignment for lack of a reply.
            return withPostponeTimer(new TicketChange(after, List.of(reply), timeline, events, null), ticket, after)
                    .clearingTimer(RoutingService.REPLY_TIMER);
        });
    }

    /** An internal note: never shown to the customer, no status change. */
    public Ticket note(String agentId, String ticketId, String text) {
        return apply(ticketId, ticket -> {
            Instant now = clock.instant();
            Message note = new Message(UUID.randomUUID().toString(), ticketId, Message.Kind.NOTE, agentId, null, text, List.of(), now);
            // Nothing on the ticket changes: the note is one item of its own, so notes never conflict with anything.
            return new TicketChange(ticket, List.of(note),
                    List.of(entry(ticketId, now, agentId, "note", Map.of("messageId", note.messageId()))), List.of(), null);
        });
    }

    /** Resolve, reopen, postpone (until), spam, delete or restore, as the lifecycle allows. */
    public Ticket changeStatus(String agentId, String ticketId, Lifecycle.Action action) {
        return apply(ticketId, ticket -> {
            Instant now = clock.instant();
            Lifecycle.Move move = move(ticket, action);
            Ticket after = ticket.moved(move, now);
            List<TimelineEntry> timeline = new ArrayList<>();
            List<HelpdeskEvent> events = new ArrayList<>();
            statusChange(ticket, after, agentId, now, timeline, events);
            if (move.reopened()) {
                events.add(HelpdeskEvent.of(DetailType.TICKET_REOPENED, ticketId, now, base(after)));
            }
            return withPostponeTimer(new TicketChange(after, List.of(), timeline, events, null), ticket, after);
        });
    }

    public Ticket setPriority(String agentId, String ticketId, Priority priority) {
        return apply(ticketId, ticket -> {
            if (ticket.priority() == priority) {
                return null;
            }
            Instant now = clock.instant();
            Map<String, Object> details = Map.of("from", ticket.priority().wire(), "to", priority.wire());
            return new TicketChange(ticket.withPriority(priority, now), List.of(), List.of(entry(ticketId, now, agentId, "priority", details)),
                    List.of(), null);
        });
    }

    /**
     * Manual assignment (R-ASSIGN-6): to an agent, or to nobody. Taking a ticket that someone else holds needs
     * {@code reassign}. Never touches the round-robin rotation.
     */
    public Ticket assign(String agentId, String ticketId, String assigneeId, boolean reassign) {
        return apply(ticketId, ticket -> {
            if (java.util.Objects.equals(ticket.assigneeId(), assigneeId)) {
                return null;
            }
            if (ticket.assigneeId() != null && assigneeId != null && !reassign) {
                throw new Held(ticket);
            }
            if (ticket.status().isRemoved()) {
                throw new Refused("a " + ticket.status().wire() + " ticket cannot be assigned", false);
            }
            Instant now = clock.instant();
            Ticket after = ticket.withAssignee(assigneeId, ticket.teamId(), now);
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("from", ticket.assigneeId());
            details.put("to", assigneeId);
            details.put("manual", true);
            Map<String, Object> payload = base(after);
            payload.putAll(details);
            payload.put("actor", agentId);
            String detailType = assigneeId == null ? DetailType.TICKET_LEFT_UNASSIGNED : DetailType.TICKET_ASSIGNED;
            return new TicketChange(after, List.of(), List.of(entry(ticketId, now, agentId, assigneeId == null ? "unassigned" : "assigned", details)),
                    List.of(HelpdeskEvent.of(detailType, ticketId, now, payload)), null);
        });
    }

    /** Removes the ticket for good; "Ticket Purged" goes straight to the bus (no item is left to carry it to the stream). */
    public void purge(String agentId, String ticketId) {
        Ticket ticket = tickets.find(ticketId).orElseThrow(() -> new NoSuchTicket(ticketId));
        tickets.purge(ticketId);
        try {
            publisher.publish(List.of(HelpdeskEvent.of(DetailType.TICKET_PURGED, ticketId, clock.instant(),
                    Map.of("number", ticket.number(), "customerId", ticket.customerId(), "actor", agentId))));
        } catch (EventPublisher.PublishException e) {
            // The purge stands; subscribers learn of it from the ticket's absence.
        }
    }

    /** The scheduled reopen trigger: wakes Postponed tickets whose time has come, exactly once each. */
    public int wakePostponed() {
        int woken = 0;
        for (DueTimer timer : timers.dueTimers(POSTPONE_TIMER, clock.instant(), 100)) {
            Optional<TicketChange> change = changes.apply(timer.ticketId(), ticket -> {
                Instant now = clock.instant();
                Lifecycle.Outcome outcome = Lifecycle.decide(ticket.status(), ticket.restoreStatus(), new Lifecycle.PostponeDue());
                if (!(outcome instanceof Lifecycle.Move move) || ticket.postponedUntil() == null || ticket.postponedUntil().isAfter(now)) {
                    // Already woken (a customer wrote, an agent reopened, or a second timer run): just disarm.
                    return ticket.status() == Status.POSTPONED && ticket.postponedUntil() != null && ticket.postponedUntil().isAfter(now)
                            ? Optional.empty()
                            : Optional.of(new TicketChange(ticket, List.of(), List.of(), List.of(), null).clearingTimer(POSTPONE_TIMER));
                }
                Ticket after = ticket.moved(move, now);
                List<TimelineEntry> timeline = new ArrayList<>();
                List<HelpdeskEvent> events = new ArrayList<>();
                statusChange(ticket, after, "timer", now, timeline, events);
                return Optional.of(sla.arm(new TicketChange(after, List.of(), timeline, events, null).clearingTimer(POSTPONE_TIMER)));
            });
            if (change.isPresent() && !change.get().timeline().isEmpty()) {
                woken++;
            }
        }
        return woken;
    }

    private Ticket apply(String ticketId, java.util.function.Function<Ticket, TicketChange> decide) {
        Optional<Ticket> exists = tickets.find(ticketId);
        if (exists.isEmpty()) {
            throw new NoSuchTicket(ticketId);
        }
        java.util.concurrent.atomic.AtomicReference<Ticket> decidedOn = new java.util.concurrent.atomic.AtomicReference<>();
        Optional<TicketChange> change = changes.apply(ticketId, ticket -> {
            decidedOn.set(ticket);
            if (expectedVersion != null && ticket.version() != expectedVersion) {
                // Checked on every read, retries included: a change by someone else in between makes it stale too.
                throw new Stale(expectedVersion, ticket);
            }
            try {
                return Optional.ofNullable(decide.apply(ticket)).map(sla::arm);
            } catch (Refused refused) {
                throw refused.on(ticket);
            }
        });
        // A write that changed the ticket added one to its version; one that left it alone (a note) did not.
        return change.map(c -> c.ticket().equals(decidedOn.get()) ? c.ticket() : c.ticket().atVersion(c.ticket().version() + 1))
                .orElseGet(() -> tickets.find(ticketId).orElseThrow(() -> new NoSuchTicket(ticketId)));
    }

    private static Lifecycle.Move move(Ticket ticket, Lifecycle.Action action) {
        return switch (Lifecycle.decide(ticket.status(), ticket.restoreStatus(), action)) {
            case Lifecycle.Move m -> m;
            case Lifecycle.Refusal r -> throw new Refused(r.reason(), r.invalidInput());
            case Lifecycle.Stay s -> throw new Refused(s.why(), false);
            case Lifecycle.NewTicket n -> throw new Refused(n.why(), false);
            case Lifecycle.Removal r -> throw new Refused("purge is its own action", true);
        };
    }

    /** Records a status change on the timeline and as events: "Ticket Status Changed", and "Ticket Closed" on resolve. */
    private static void statusChange(Ticket before, Ticket after, String actor, Instant now, List<TimelineEntry> timeline,
                                     List<HelpdeskEvent> events) {
        if (before.status() == after.status() && java.util.Objects.equals(before.customStatus(), after.customStatus())
                && java.util.Objects.equals(before.postponedUntil(), after.postponedUntil())) {
            return;
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("from", before.status().wire());
        details.put("to", after.status().wire());
        details.put("customStatus", after.customStatus());
        details.put("until", after.postponedUntil() == null ? null : after.postponedUntil().toString());
        timeline.add(entry(after.ticketId(), now, actor, "status", details));
        Map<String, Object> payload = base(after);
        payload.putAll(details);
        payload.put("actor", actor);
        events.add(HelpdeskEvent.of(DetailType.TICKET_STATUS_CHANGED, after.ticketId(), now, payload));
        if (after.status() == Status.RESOLVED) {
            // R-SENT-7: the closing event carries the sentiment and labels for downstream reporting.
            Map<String, Object> closed = base(after);
            closed.put("closedAt", after.closedAt() == null ? null : after.closedAt().toString());
            closed.put("actor", actor);
            events.add(HelpdeskEvent.of(DetailType.TICKET_CLOSED, after.ticketId(), now, closed));
        }
    }

    /** Arms the wake-up timer when the ticket is (re)postponed, disarms it when it leaves Postponed. */
    private static TicketChange withPostponeTimer(TicketChange change, Ticket before, Ticket after) {
        if (after.status() == Status.POSTPONED && after.postponedUntil() != null) {
            return change.withTimer(new DueTimer(after.ticketId(), POSTPONE_TIMER, after.postponedUntil(), 0));
        }
        if (before.status() == Status.POSTPONED || before.postponedUntil() != null) {
            return change.clearingTimer(POSTPONE_TIMER);
        }
        return change;
    }

    private static TimelineEntry entry(String ticketId, Instant at, String actor, String type, Map<String, Object> details) {
        return new TimelineEntry(ticketId, at, actor, type, details);
    }

    private static Map<String, Object> base(Ticket t) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("number", t.number());
        payload.put("channel", t.channel().wire());
        payload.put("customerId", t.customerId());
        payload.put("status", t.status().wire());
        payload.put("assigneeId", t.assigneeId());
        payload.put("priority", t.priority().wire());
        payload.put("sentiment", t.sentiment() == null ? null : Map.of("score", t.sentiment().score(), "label", t.sentiment().label().wire()));
        payload.put("labels", t.labels());
        return payload;
    }
}
