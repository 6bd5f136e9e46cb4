package dev.helpdesk.app;

import dev.helpdesk.domain.Ticket;
import dev.helpdesk.store.StoreExceptions.ConcurrentUpdateException;
import dev.helpdesk.store.TicketChange;
import dev.helpdesk.store.TicketStore;
import java.util.Optional;
import java.util.function.Function;

/**
 * Read-decide-write with optimistic concurrency: reads the ticket, lets {@code decide} make a change (or none),
 * commits it if the ticket has not moved meanwhile, and otherwise reads again and decides again.
 */
public final class TicketChanges {
    private static final int MAX_ATTEMPTS = 8;

    private final TicketStore tickets;
    private final EventRelay relay;

    public TicketChanges(TicketStore tickets, EventRelay relay) {
        this.tickets = tickets;
        this.relay = relay;
    }

    /** Returns the committed change, or empty when the ticket is missing or {@code decide} chose to do nothing. */
    public Optional<TicketChange> apply(String ticketId, Function<Ticket, Optional<TicketChange>> decide) {
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            Optional<Ticket> ticket = tickets.find(ticketId);
            if (ticket.isEmpty()) {
                return Optional.empty();
            }
            Optional<TicketChange> change = decide.apply(ticket.get());
            if (change.isEmpty()) {
                return Optional.empty();
            }
            try {
                tickets.commit(change.get());
            } catch (ConcurrentUpdateException raced) {
                continue;
            }
            relay.relay(change.get().events());
            return change;
        }
        throw new ConcurrentUpdateException("ticket " + ticketId + " kept changing; gave up after " + MAX_ATTEMPTS + " attempts");
    }
}
