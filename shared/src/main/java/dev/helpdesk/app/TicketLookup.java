package dev.helpdesk.app;

import dev.helpdesk.domain.Identity;
import dev.helpdesk.domain.Ticket;
import dev.helpdesk.store.CustomerStore;
import dev.helpdesk.store.TicketLists;
import dev.helpdesk.store.TicketPointers;
import dev.helpdesk.store.TicketStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds what an agent types into the console's search box (CONSOLE.md "lookup by ticket number and by customer
 * email/phone"): a ticket by its number ("1042" or "#1042"), a customer by an email address or a phone number, and
 * that customer's newest tickets. Each is a key lookup on an existing pointer item, never a scan.
 */
public final class TicketLookup {
    /** Longer input is no number, address or phone; refused before any read. */
    public static final int MAX_QUERY = 254;
    static final int CUSTOMER_TICKETS = 10;
    private static final Pattern NUMBER = Pattern.compile("#?(\\d{1,15})");
    private static final Pattern PHONE = Pattern.compile("\\+?[0-9][0-9 ().-]{5,24}");

    public record Result(List<Map<String, Object>> tickets, List<Map<String, Object>> customers) {
    }

    private final TicketStore tickets;
    private final TicketPointers pointers;
    private final TicketLists lists;
    private final CustomerStore customers;
    private final TicketQueries queries;

    public TicketLookup(TicketStore tickets, TicketPointers pointers, TicketLists lists, CustomerStore customers,
                        TicketQueries queries) {
        this.tickets = tickets;
        this.pointers = pointers;
        this.lists = lists;
        this.customers = customers;
        this.queries = queries;
    }

    /** {@code query} is stripped and at most {@link #MAX_QUERY} characters (the route checks). */
    public Result find(String query) {
        String q = query.strip();
        Map<String, Ticket> found = new LinkedHashMap<>();
        Matcher number = NUMBER.matcher(q);
        if (number.matches()) {
            pointers.findByNumber(Long.parseLong(number.group(1))).flatMap(tickets::find).ifPresent(t -> found.put(t.ticketId(), t));
        }
        Set<String> customerIds = new LinkedHashSet<>();
        if (q.indexOf('@') > 0) {
            customers.findByIdentity(Identity.email(q)).ifPresent(customerIds::add);
        } else if (PHONE.matcher(q).matches()) {
            String digits = q.replaceAll("[^0-9]", "");
            // Phones are stored in E.164; an agent often types them without the "+".
            customers.findByIdentity(Identity.phone("+" + digits)).ifPresent(customerIds::add);
        }
        List<Map<String, Object>> customerViews = new ArrayList<>();
        for (String customerId : customerIds) {
            customers.find(customerId).ifPresent(c -> customerViews.add(CustomerViews.customer(c, customers.ticketCount(customerId))));
            lists.customerTickets(customerId, true, CUSTOMER_TICKETS, null).items().forEach(t -> found.putIfAbsent(t.ticketId(), t));
        }
        return new Result(queries.rows(List.copyOf(found.values())), customerViews);
    }

    /** Whether {@code query} can be looked up at all (the route answers 400 otherwise). */
    public static Optional<String> problem(String query) {
        if (query == null || query.isBlank()) {
            return Optional.of("'q' is required: a ticket number, an email address or a phone number");
        }
        if (query.length() > MAX_QUERY) {
            return Optional.of("'q' must be at most " + MAX_QUERY + " characters");
        }
        return Optional.empty();
    }
}
