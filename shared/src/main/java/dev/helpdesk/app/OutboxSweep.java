package dev.helpdesk.app;

import dev.helpdesk.events.EventPublisher;
import dev.helpdesk.events.HelpdeskEvent;
import dev.helpdesk.store.TicketStore;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * Publishes the events that were stored but never made it to the bus (R-INGEST-5): every outbox event older
 * than the grace period (younger ones are still being published by the request that wrote them). Delivery is
 * at least once: an event may be published twice if a sweep overlaps its writer; subscribers dedupe on
 * {@code detail.eventId}.
 */
public final class OutboxSweep {
    /** At most this many events per run, so one run stays well inside the function's timeout. */
    static final int MAX_PER_RUN = 500;
    private static final int BATCH = 10;

    private final TicketStore tickets;
    private final EventPublisher publisher;
    private final Clock clock;
    private final Duration grace;

    public OutboxSweep(TicketStore tickets, EventPublisher publisher, Clock clock, Duration grace) {
        this.tickets = tickets;
        this.publisher = publisher;
        this.clock = clock;
        this.grace = grace;
    }

    public record Result(int published, boolean failed) {
    }

    public Result sweep() {
        List<HelpdeskEvent> due = tickets.dueOutbox(clock.instant().minus(grace), MAX_PER_RUN);
        int published = 0;
        for (int from = 0; from < due.size(); from += BATCH) {
            List<HelpdeskEvent> batch = due.subList(from, Math.min(due.size(), from + BATCH));
            try {
                publisher.publish(batch);
            } catch (EventPublisher.PublishException e) {
                return new Result(published, true);
            }
            batch.forEach(event -> tickets.clearOutbox(event.ticketId(), event.eventId()));
            published += batch.size();
        }
        return new Result(published, false);
    }
}
