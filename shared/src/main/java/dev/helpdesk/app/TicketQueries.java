package dev.helpdesk.app;

import dev.helpdesk.domain.Ticket;
import dev.helpdesk.store.Page;
import dev.helpdesk.store.TicketStore;
import dev.helpdesk.store.TicketStore.TicketRecord;
import java.util.Optional;

/** Read-side use cases: a ticket with everything under it, a customer's history. */
public final class TicketQueries {
    public static final int DEFAULT_LIMIT = 25;
    public static final int MAX_LIMIT = 100;

    private final TicketStore tickets;

    public TicketQueries(TicketStore tickets) {
        this.tickets = tickets;
    }

    public Optional<TicketRecord> ticket(String ticketId) {
        return tickets.load(ticketId);
    }

    public Page<Ticket> customerTickets(String customerId, boolean newestFirst, int limit, String cursor) {
        return tickets.customerTickets(customerId, newestFirst, Math.max(1, Math.min(MAX_LIMIT, limit)), cursor);
    }
}
