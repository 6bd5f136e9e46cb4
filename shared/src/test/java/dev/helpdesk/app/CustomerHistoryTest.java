package dev.helpdesk.app;

import static org.junit.jupiter.api.Assertions.*;

import dev.helpdesk.domain.Agent;
import dev.helpdesk.domain.Channel;
import dev.helpdesk.domain.Lifecycle;
import dev.helpdesk.domain.Role;
import dev.helpdesk.domain.Status;
import dev.helpdesk.domain.Ticket;
import dev.helpdesk.store.AgentStore;
import dev.helpdesk.store.Cursors;
import dev.helpdesk.store.CustomerStore;
import dev.helpdesk.store.TicketChange;
import dev.helpdesk.store.TicketStore;
import dev.helpdesk.testing.LocalDynamo;
import dev.helpdesk.testing.TicketStores;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** R-HIST-1, -2, -4: a customer's history, sorted, filtered, paged, with names, on DynamoDB Local. */
class CustomerHistoryTest {
    private static final DynamoDbClient dynamo = LocalDynamo.sharedClient();
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Status[] CYCLE = {Status.NEW, Status.OPEN, Status.RESOLVED, Status.ANSWERED, Status.RESOLVED, Status.POSTPONED};

    private TicketStores stores;
    private TicketStore tickets;
    private TicketQueries queries;
    private final List<String> ids = new ArrayList<>();

    @BeforeEach
    void wire() {
        String table = LocalDynamo.freshTable(dynamo);
        stores = TicketStores.on(dynamo, table);
        tickets = stores.tickets();
        AgentStore agents = new AgentStore(dynamo, table);
        queries = new TicketQueries(tickets, stores.views(), agents, new CustomerStore(dynamo, table), Map::of);
        agents.register(new Agent("a-1", "Ada Lovelace", "ada@x", Role.SUPPORT, null, false));
        agents.register(new Agent("a-2", "Grace Hopper", "grace@x", Role.MANAGER, "senior", false));
        // 30 tickets for "ann", statuses in a cycle, every third assigned, plus noise for "bob".
        for (int i = 0; i < 30; i++) {
            ids.add(create("ann", i, CYCLE[i % CYCLE.length], i % 3 == 0 ? (i % 2 == 0 ? "a-1" : "a-2") : null));
        }
        for (int i = 0; i < 5; i++) {
            create("bob", 100 + i, Status.OPEN, null);
        }
    }

    private String create(String customer, int i, Status status, String assignee) {
        String id = customer + "-" + String.format("%03d", i);
        Instant at = T0.plusSeconds(i * 60L);
        Ticket t = Ticket.open(id, i + 1, "Subject " + i, i % 2 == 0 ? Channel.EMAIL : Channel.SMS, customer, null, at);
        if (status != Status.NEW) {
            t = t.moved(new Lifecycle.Move(status, status == Status.POSTPONED ? at.plusSeconds(86_400) : null,
                    i == 5 ? "Waiting for warehouse" : null, false, false), at);
        }
        t = t.withAssignee(assignee, null, at);
        tickets.commit(new TicketChange(t, true, List.of(), List.of(), List.of(), null, null, null));
        return id;
    }

    private List<Map<String, Object>> all(boolean newestFirst, Set<Status> statuses, int limit) {
        List<Map<String, Object>> items = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            TicketQueries.History page = queries.customerHistory("ann", newestFirst, statuses, limit, cursor);
            assertTrue(page.items().size() <= limit);
            items.addAll(page.items());
            cursor = page.cursor();
            assertTrue(++pages < 100, "paging must end");
        } while (cursor != null);
        return items;
    }

    private static List<String> ticketIds(List<Map<String, Object>> items) {
        return items.stream().map(i -> (String) i.get("ticketId")).toList();
    }

    @Test
    @DisplayName("R-HIST-2 newest first and oldest first, every ticket exactly once across pages, only this customer's")
    void sortingAndPaging() {
        List<String> newest = ticketIds(all(true, Set.of(), 7));
        List<String> expected = new ArrayList<>(ids);
        java.util.Collections.reverse(expected);
        assertEquals(expected, newest);
        assertEquals(ids, ticketIds(all(false, Set.of(), 4)));
        assertEquals(ids, ticketIds(all(false, Set.of(), 100)), "one page when it fits");
    }

    @Test
    @DisplayName("R-HIST-2 filter by one status or several: the right tickets, in order, across pages, without gaps or repeats")
    void statusFilters() {
        for (Set<Status> statuses : List.of(EnumSet.of(Status.RESOLVED), EnumSet.of(Status.NEW, Status.OPEN),
                EnumSet.of(Status.ANSWERED, Status.POSTPONED, Status.RESOLVED), EnumSet.of(Status.SPAM))) {
            List<String> expected = new ArrayList<>();
            for (int i = ids.size() - 1; i >= 0; i--) {
                if (statuses.contains(CYCLE[i % CYCLE.length])) {
                    expected.add(ids.get(i));
                }
            }
            for (int limit : List.of(1, 3, 25)) {
                List<String> got = ticketIds(all(true, statuses, limit));
                assertEquals(expected, got, statuses + " limit " + limit);
                assertEquals(new HashSet<>(got).size(), got.size(), "no repeats");
            }
        }
    }

    @Test
    @DisplayName("R-HIST-1 each entry: number, subject, assignee's name or 'Unassigned', channel, status name, times; and the total")
    void entries() {
        TicketQueries.History page = queries.customerHistory("ann", false, Set.of(), 6, null);
        assertEquals(30, page.total());
        Map<String, Object> first = page.items().get(0);
        assertEquals(1L, first.get("number"));
        assertEquals("Subject 0", first.get("subject"));
        assertEquals("Ada Lovelace", first.get("assigneeName"));
        assertEquals("email", first.get("channel"));
        assertEquals("Unassigned", page.items().get(1).get("assigneeName"));
        assertEquals("Grace Hopper", page.items().get(3).get("assigneeName"));
        assertEquals("Waiting for warehouse", page.items().get(5).get("statusName"), "the custom status's name");
        assertEquals("Postponed", page.items().get(5).get("status"));
        assertNotNull(page.items().get(2).get("closedAt"), "a resolved ticket's closed time");
        for (String field : List.of("ticketId", "sentiment", "labels", "createdAt", "lastInteractionAt", "closedAt")) {
            assertTrue(first.containsKey(field), field);
        }
    }

    @Test
    @DisplayName("R-HIST-1 an entry stays right after the ticket changes: new assignee, new status")
    void entriesFollowLaterChanges() {
        Ticket t = tickets.find(ids.get(1)).orElseThrow();
        tickets.commit(new TicketChange(t.withAssignee("a-2", null, T0.plusSeconds(9999))
                .moved(new Lifecycle.Move(Status.RESOLVED, null, null, false, false), T0.plusSeconds(9999)),
                List.of(), List.of(), List.of(), null));
        Map<String, Object> entry = queries.customerHistory("ann", false, Set.of(), 2, null).items().get(1);
        assertEquals("Grace Hopper", entry.get("assigneeName"));
        assertEquals("Resolved", entry.get("status"));
        assertTrue(ticketIds(all(true, EnumSet.of(Status.RESOLVED), 5)).contains(ids.get(1)));
        assertFalse(ticketIds(all(true, EnumSet.of(Status.OPEN), 5)).contains(ids.get(1)), "moved out of its old status");
    }

    @Test
    @DisplayName("R-HIST R-STATUS-1 a purged ticket is gone from the history, the detail and the count")
    void purgedTicketIsGone() {
        String purged = ids.get(7);
        assertTrue(tickets.purge(purged));
        assertFalse(ticketIds(all(true, Set.of(), 10)).contains(purged));
        assertFalse(ticketIds(all(true, EnumSet.allOf(Status.class), 10)).contains(purged));
        assertTrue(tickets.load(purged).isEmpty());
        assertEquals(29, queries.customerHistory("ann", true, Set.of(), 1, null).total());
        assertTrue(stores.pointers().findByNumber(8).isEmpty());
        assertFalse(tickets.purge(purged), "a second purge finds nothing");
    }

    @Test
    @DisplayName("R-HIST a cursor only continues the listing that issued it")
    void cursorsAreBoundToTheirListing() {
        String resolved = queries.customerHistory("ann", true, EnumSet.of(Status.RESOLVED), 2, null).cursor();
        assertThrows(Cursors.InvalidCursorException.class,
                () -> queries.customerHistory("ann", true, EnumSet.of(Status.OPEN), 2, resolved));
        assertThrows(Cursors.InvalidCursorException.class,
                () -> queries.customerHistory("ann", false, EnumSet.of(Status.RESOLVED), 2, resolved), "another sort");
        assertThrows(Cursors.InvalidCursorException.class,
                () -> queries.customerHistory("bob", true, EnumSet.of(Status.RESOLVED), 2, resolved), "another customer");
        assertThrows(Cursors.InvalidCursorException.class, () -> queries.customerHistory("ann", true, Set.of(), 2, "e30"));
    }
}
