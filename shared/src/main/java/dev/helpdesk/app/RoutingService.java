package dev.helpdesk.app;

import dev.helpdesk.domain.Ticket;
import dev.helpdesk.domain.TimelineEntry;
import dev.helpdesk.events.DetailType;
import dev.helpdesk.events.HelpdeskEvent;
import dev.helpdesk.store.TicketChange;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Routes a created ticket (R-ASSIGN). This workspace has no teams and round robin is off until the routing
 * work lands, so the honest decision is the one the spec gives for that case: the ticket waits Unassigned,
 * and the decision and its reason are recorded and published.
 */
public final class RoutingService {
    static final String ACTOR = "router";
    static final String NO_ROUTING = "round robin is off and no team rule matched";

    private final TicketChanges changes;
    private final Clock clock;

    public RoutingService(TicketChanges changes, Clock clock) {
        this.changes = changes;
        this.clock = clock;
    }

    public void route(String ticketId) {
        changes.apply(ticketId, this::decide);
    }

    private Optional<TicketChange> decide(Ticket ticket) {
        if (!ticket.isUnassigned() || !ticket.status().isActive()) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        Map<String, Object> reason = Map.of("reason", NO_ROUTING, "candidates", List.of());
        return Optional.of(new TicketChange(ticket, List.of(),
                List.of(new TimelineEntry(ticket.ticketId(), now, ACTOR, "left unassigned", reason)),
                List.of(HelpdeskEvent.of(DetailType.TICKET_LEFT_UNASSIGNED, ticket.ticketId(), now, reason)),
                null));
    }
}
