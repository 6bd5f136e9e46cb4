package dev.helpdesk.app;

import dev.helpdesk.domain.Priority;
import dev.helpdesk.domain.SlaClock;
import dev.helpdesk.domain.SlaPolicy;
import dev.helpdesk.domain.Ticket;
import dev.helpdesk.domain.TimelineEntry;
import dev.helpdesk.events.DetailType;
import dev.helpdesk.events.HelpdeskEvent;
import dev.helpdesk.store.DueTimer;
import dev.helpdesk.store.TicketChange;
import dev.helpdesk.store.TimerStore;
import dev.helpdesk.store.WorkspaceStore;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * SLA timers (R-STATUS-4): after each change that can move a ticket's SLA clock, the ticket's one {@code SLA}
 * timer is set to its next warning or breach (or cleared while the clock is paused); when it comes due, the
 * warning ("SLA Warning") or breach ("SLA Breached") is published and put on the timeline, once.
 */
public final class SlaTimers {
    public static final String TIMER = "SLA";
    /** No SLA at all (tests of other behaviour, a workspace without policies still works through {@link #of}). */
    public static final SlaTimers NONE = new SlaTimers(Map::of, null, null, Clock.systemUTC());

    private final Supplier<Map<Priority, SlaPolicy>> policies;
    private final TimerStore timers;
    private final TicketChanges changes;
    private final Clock clock;

    public SlaTimers(Supplier<Map<Priority, SlaPolicy>> policies, TimerStore timers, TicketChanges changes, Clock clock) {
        this.policies = policies;
        this.timers = timers;
        this.changes = changes;
        this.clock = clock;
    }

    public static SlaTimers of(WorkspaceStore workspace, TimerStore timers, TicketChanges changes, Clock clock) {
        return new SlaTimers(workspace::slaPolicies, timers, changes, clock);
    }

    /** The change with the ticket's SLA timer set to its next checkpoint, or cleared. */
    public TicketChange arm(TicketChange change) {
        Ticket ticket = change.ticket();
        SlaPolicy policy = ticket.sla() == null ? null : policies.get().get(ticket.priority());
        Optional<Instant> next = policy == null ? Optional.empty() : policy.next(ticket.sla());
        return next.map(at -> change.withTimer(new DueTimer(ticket.ticketId(), TIMER, at, 0)))
                .orElseGet(() -> change.created() ? change : change.clearingTimer(TIMER));
    }

    /** Reports the warnings and breaches that have come due; returns how many. */
    public int reportDue() {
        int reported = 0;
        for (DueTimer timer : timers.dueTimers(TIMER, clock.instant(), 100)) {
            Optional<TicketChange> change = changes.apply(timer.ticketId(), this::report);
            reported += change.map(c -> c.events().size()).orElse(0);
        }
        return reported;
    }

    private Optional<TicketChange> report(Ticket ticket) {
        Instant now = clock.instant();
        SlaPolicy policy = ticket.sla() == null ? null : policies.get().get(ticket.priority());
        List<SlaPolicy.Checkpoint> due = policy == null ? List.of() : policy.due(ticket.sla(), now);
        SlaClock clockAfter = ticket.sla();
        List<TimelineEntry> timeline = new ArrayList<>();
        List<HelpdeskEvent> events = new ArrayList<>();
        for (SlaPolicy.Checkpoint checkpoint : due) {
            clockAfter = clockAfter.report(checkpoint.name());
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("target", checkpoint.target());
            details.put("breach", checkpoint.breach());
            details.put("priority", ticket.priority().wire());
            details.put("dueAt", checkpoint.at().toString());
            details.put("elapsedMinutes", ticket.sla().elapsed(now).toMinutes());
            timeline.add(new TimelineEntry(ticket.ticketId(), now, "sla", checkpoint.breach() ? "sla breached" : "sla warning", details));
            Map<String, Object> payload = new LinkedHashMap<>(details);
            payload.put("number", ticket.number());
            payload.put("assigneeId", ticket.assigneeId());
            events.add(HelpdeskEvent.of(checkpoint.breach() ? DetailType.SLA_BREACHED : DetailType.SLA_WARNING, ticket.ticketId(), now, payload));
        }
        return Optional.of(arm(new TicketChange(ticket.withSla(clockAfter), List.of(), timeline, events, null)));
    }
}
