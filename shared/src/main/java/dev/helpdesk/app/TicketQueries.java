package dev.helpdesk.app;

import dev.helpdesk.domain.Priority;
import dev.helpdesk.domain.SlaPolicy;
import dev.helpdesk.domain.Status;
import java.time.Instant;
import java.util.function.Supplier;
import dev.helpdesk.domain.Ticket;
import dev.helpdesk.store.AgentStore;
import dev.helpdesk.store.CustomerStore;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import dev.helpdesk.store.Page;
import dev.helpdesk.store.TicketStore;
import dev.helpdesk.store.TicketLists;
import dev.helpdesk.store.TicketStore.TicketRecord;
import java.util.Optional;

/** Read-side use cases: a ticket with everything under it, a customer's history. */
public final class TicketQueries {
    public static final int DEFAULT_LIMIT = 25;
    public static final int MAX_LIMIT = 100;

    private final TicketStore tickets;
    private final TicketLists views;
    private final AgentStore agents;
    private final CustomerStore customers;
    private final Supplier<Map<Priority, SlaPolicy>> slaPolicies;

    public TicketQueries(TicketStore tickets, TicketLists views, AgentStore agents, CustomerStore customers,
                         Supplier<Map<Priority, SlaPolicy>> slaPolicies) {
        this.tickets = tickets;
        this.views = views;
        this.agents = agents;
        this.customers = customers;
        this.slaPolicies = slaPolicies;
    }

    /** A page of a customer's history with display names and the total count (R-HIST-1, R-HIST-2). */
    public record History(List<Map<String, Object>> items, String cursor, long total) {
    }

    /**
     * One indexed query per requested status (one in all when none is given), plus one batched read of the page's
     * agent names and one read of the customer's count: the same cost for ten tickets or ten thousand.
     */
    public History customerHistory(String customerId, boolean newestFirst, Set<Status> statuses, int limit, String cursor) {
        Page<Ticket> page = views.customerTickets(customerId, newestFirst, statuses, limit, cursor, null);
        Set<String> assignees = new HashSet<>();
        page.items().forEach(t -> {
            if (t.assigneeId() != null) {
                assignees.add(t.assigneeId());
            }
        });
        Map<String, String> names = assignees.isEmpty() ? Map.of() : agents.names(assignees);
        return new History(page.items().stream().map(t -> HistoryViews.entry(t, names)).toList(), page.cursor(),
                customers.ticketCount(customerId));
    }

    public Optional<TicketRecord> ticket(String ticketId) {
        return tickets.load(ticketId);
    }

    /**
     * A view page as list rows (CONSOLE.md C-LIST): each ticket with its customer's and assignee's names, read in one
     * batch each for the page, and when its SLA target falls due ({@code slaDueAt}, null while the clock is paused or
     * the ticket's priority has no policy).
     */
    public List<Map<String, Object>> rows(List<Ticket> page) {
        Set<String> customerIds = new HashSet<>();
        Set<String> assignees = new HashSet<>();
        page.forEach(t -> {
            customerIds.add(t.customerId());
            if (t.assigneeId() != null) {
                assignees.add(t.assigneeId());
            }
        });
        Map<String, String> customerNames = customerIds.isEmpty() ? Map.of() : customers.names(customerIds);
        Map<String, String> agentNames = assignees.isEmpty() ? Map.of() : agents.names(assignees);
        Map<Priority, SlaPolicy> policies = page.isEmpty() ? Map.of() : slaPolicies.get();
        return page.stream().map(t -> {
            Map<String, Object> row = HistoryViews.entry(t, agentNames);
            row.put("customerName", customerNames.get(t.customerId()));
            SlaPolicy policy = policies.get(t.priority());
            Instant due = policy == null ? null : policy.dueAt(t.sla());
            row.put("slaDueAt", due == null ? null : due.toString());
            return row;
        }).toList();
    }

    /** Counts of the three views' active tickets, each up to {@code cap} (the console shows "cap+" beyond it). */
    public Map<String, Long> viewCounts(String callerId, int cap) {
        Map<String, Long> counts = new java.util.LinkedHashMap<>();
        counts.put("mine", views.countActive(callerId, cap));
        counts.put("unassigned", views.countActive(dev.helpdesk.store.TableDesign.UNASSIGNED, cap));
        counts.put("all", views.countActive(null, cap));
        return counts;
    }

    /** A view (R-ASSIGN-7): "mine", "all" or "unassigned", default active statuses, filtered. */
    public Page<Ticket> view(String view, String callerId, Set<Status> statuses, dev.helpdesk.store.ViewOrder order, int limit, String cursor,
                             java.util.function.Predicate<Ticket> keep) {
        String assignee = switch (view) {
            case "mine" -> callerId;
            case "unassigned" -> dev.helpdesk.store.TableDesign.UNASSIGNED;
            default -> null;
        };
        return views.view(assignee, statuses.isEmpty() ? Status.ACTIVE : statuses, order, limit, cursor, keep);
    }
}
