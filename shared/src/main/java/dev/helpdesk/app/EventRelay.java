package dev.helpdesk.app;

import dev.helpdesk.events.EventPublisher;
import dev.helpdesk.events.HelpdeskEvent;
import dev.helpdesk.store.TicketStore;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes events that a committed {@link dev.helpdesk.store.TicketChange} left in the ticket's outbox, then
 * clears them. If the bus is unavailable the events stay in the outbox for the sweep to publish later: the
 * caller's write has already succeeded and must not be reported as failed (R-INGEST-5).
 */
public final class EventRelay {
    private static final Logger LOG = LoggerFactory.getLogger(EventRelay.class);

    private final EventPublisher publisher;
    private final TicketStore tickets;

    public EventRelay(EventPublisher publisher, TicketStore tickets) {
        this.publisher = publisher;
        this.tickets = tickets;
    }

    /** Returns true when every event was published. */
    public boolean relay(List<HelpdeskEvent> events) {
        if (events.isEmpty()) {
            return true;
        }
        try {
            publisher.publish(events);
        } catch (EventPublisher.PublishException e) {
            LOG.warn("events left in the outbox for the sweep: {}", e.getMessage());
            return false;
        }
        for (HelpdeskEvent event : events) {
            tickets.clearOutbox(event.ticketId(), event.eventId());
        }
        return true;
    }
}
