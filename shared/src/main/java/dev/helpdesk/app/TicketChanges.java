package dev.helpdesk.app;

import dev.helpdesk.domain.Ticket;
import dev.helpdesk.store.TicketChange;
import dev.helpdesk.store.TicketStore;
import java.util.Optional;
import java.util.function.Function;

/**
 * Read-decide-write with optimistic concurrency: reads the ticket, lets {@code decide} make a change (or none),
 * commits it if the ticket has not moved meanwhile, and otherwise reads again and decides again ({@link ConflictRetry}).
 */
public final class TicketChanges {
    private final TicketStore tickets;
    private final ConflictRetry retry = ConflictRetry.DEFAULT;

    public TicketChanges(TicketStore tickets) {
        this.tickets = tickets;
    }

    /** Returns the committed change, or empty when the ticket is missing or {@code decide} chose to do nothing. */
    public Optional<TicketChange> apply(String ticketId, Function<Ticket, Optional<TicketChange>> decide) {
        return retry.run("ticket " + ticketId, () -> {
            Optional<Ticket> ticket = tickets.find(ticketId);
            if (ticket.isEmpty()) {
                return Optional.<TicketChange>empty();
            }
            Optional<TicketChange> change = decide.apply(ticket.get());
            if (change.isEmpty()) {
                return change;
            }
            tickets.commit(ticket.get(), change.get());
            return change;
        });
    }
}
