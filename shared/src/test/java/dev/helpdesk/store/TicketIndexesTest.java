package dev.helpdesk.store;

import static dev.helpdesk.store.TableDesign.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.helpdesk.domain.Agent;
import dev.helpdesk.domain.Channel;
import dev.helpdesk.domain.Lifecycle;
import dev.helpdesk.domain.Message;
import dev.helpdesk.domain.Role;
import dev.helpdesk.domain.Sentiment;
import dev.helpdesk.domain.SentimentLabel;
import dev.helpdesk.domain.Status;
import dev.helpdesk.domain.Team;
import dev.helpdesk.domain.Ticket;
import dev.helpdesk.testing.LocalDynamo;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsResponse;

/**
 * The ticket indexes hold keys only (cost: a ticket write that moves nothing in an index writes nothing to it), and
 * pages fetch the tickets by key: in the index's order, through unprocessed keys, skipping tickets that moved or
 * went away between the index read and the fetch. On DynamoDB Local, whose reported capacity follows the projection.
 */
class TicketIndexesTest {
    private static final Instant T0 = Instant.parse("2025-03-10T09:00:00.123456Z");
    private static final List<String> TICKET_INDEXES = List.of(GSI1, GSI2, GSI3, GSI4, GSI6, GSI7);

    /** What the next calls of the watched client do: record index writes, disturb a query or a batch read. */
    private final Map<String, Double> indexWrites = new HashMap<>();
    private final AtomicReference<Runnable> afterIndexQuery = new AtomicReference<>();
    private final AtomicInteger batchReads = new AtomicInteger();
    private final AtomicReference<ConsumedCapacity> lastUpdate = new AtomicReference<>();
    private volatile boolean leaveKeysUnprocessed;

    private final ExecutionInterceptor watch = new ExecutionInterceptor() {
        @Override
        public software.amazon.awssdk.core.SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
            return switch (context.request()) {
                case TransactWriteItemsRequest t -> t.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.INDEXES).build();
                case software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest u ->
                        u.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.INDEXES).build();
                default -> context.request();
            };
        }

        @Override
        public SdkResponse modifyResponse(Context.ModifyResponse context, ExecutionAttributes attributes) {
            if (context.response() instanceof TransactWriteItemsResponse r && r.consumedCapacity() != null) {
                for (ConsumedCapacity c : r.consumedCapacity()) {
                    if (c.globalSecondaryIndexes() != null) {
                        c.globalSecondaryIndexes().forEach((index, units) -> indexWrites.merge(index,
                                units.writeCapacityUnits() != null ? units.writeCapacityUnits() : units.capacityUnits(), Double::sum));
                    }
                }
            }
            if (context.response() instanceof software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse r && r.consumedCapacity() != null) {
                lastUpdate.set(r.consumedCapacity());
                if (r.consumedCapacity().globalSecondaryIndexes() != null) {
                    r.consumedCapacity().globalSecondaryIndexes().forEach((index, units) -> indexWrites.merge(index,
                            units.writeCapacityUnits() != null ? units.writeCapacityUnits() : units.capacityUnits(), Double::sum));
                }
            }
            if (context.request() instanceof QueryRequest q && q.indexName() != null) {
                Runnable hook = afterIndexQuery.getAndSet(null);
                if (hook != null) {
                    hook.run();
                }
            }
            if (context.response() instanceof BatchGetItemResponse r) {
                batchReads.incrementAndGet();
                List<Map<String, AttributeValue>> items = r.responses().values().stream().flatMap(List::stream).toList();
                if (leaveKeysUnprocessed && items.size() > 1) {
                    // As DynamoDB does under throttling: answer one item, leave the others' keys unprocessed.
                    String tableName = r.responses().keySet().iterator().next();
                    List<Map<String, AttributeValue>> left = items.subList(1, items.size()).stream()
                            .map(i -> Map.of(PK, i.get(PK), SK, i.get(SK))).toList();
                    return r.toBuilder().responses(Map.of(tableName, List.of(items.get(0))))
                            .unprocessedKeys(Map.of(tableName, KeysAndAttributes.builder().keys(left).build())).build();
                }
            }
            return context.response();
        }
    };

    private final DynamoDbClient dynamo = LocalDynamo.client(List.of(watch));
    private String table;
    private TicketStore store;
    private TicketLists views;
    /** Another writer, on a client of its own. */
    private TicketStore other;

    @BeforeEach
    void freshTable() {
        table = LocalDynamo.freshTable(LocalDynamo.sharedClient());
        store = new TicketStore(dynamo, table);
        views = new TicketLists(dynamo, table);
        other = new TicketStore(LocalDynamo.sharedClient(), table);
    }

    private Ticket create(String id, String customerId, Instant at) {
        return store.commit(new TicketChange(Ticket.open(id, Math.abs(id.hashCode()), "Order " + id, Channel.CHAT, customerId,
                "chat:" + id, at), true, List.of(), List.of(), List.of(), null, null, null));
    }

    private static TicketChange change(Ticket ticket, List<Message> messages) {
        return new TicketChange(ticket, false, messages, List.of(), List.of(), null, null, null);
    }

    private static Lifecycle.Move to(Status status) {
        return new Lifecycle.Move(status, null, null, false, false);
    }

    private double written(String index) {
        return indexWrites.getOrDefault(index, 0.0);
    }

    @Test
    @DisplayName("a ticket change that moves the ticket in no index (a note, new times) writes nothing to the ticket indexes")
    void changeThatMovesNothingWritesNoIndex() {
        Ticket ticket = create("t-1", "ann", T0);
        TICKET_INDEXES.forEach(index -> assertTrue(written(index) > 0, "a new ticket is entered in " + index));
        indexWrites.clear();

        Instant later = T0.plusSeconds(60);
        Message note = new Message("n-1", "t-1", Message.Kind.NOTE, "agent-1", null, "called the warehouse", List.of(), later);
        ticket = store.commit(change(ticket.touched(later), List.of(note)));
        store.commit(change(ticket.withAssignee(null, "team-1", later.plusSeconds(1)), List.of()));

        assertEquals(Map.of(), indexWrites, "no index entry was written");
    }

    @Test
    @DisplayName("issue 16: a move between active statuses writes no index; resolving moves the phase-keyed indexes only; a classification the sentiment-ordered ones only")
    void keyChangesWriteOnlyTheIndexesWhoseKeysMoved() {
        Ticket ticket = create("t-1", "ann", T0);
        indexWrites.clear();

        ticket = store.commit(change(ticket.moved(to(Status.ANSWERED), T0.plusSeconds(60)), List.of()));
        assertEquals(Map.of(), indexWrites, "New → Answered stays in the active phase: no index entry moves");
        ticket = store.commit(change(ticket.moved(to(Status.RESOLVED), T0.plusSeconds(70)), List.of()));
        assertEquals(0.0, written(GSI1), "the customer's history is keyed by creation time: unchanged");
        for (String index : List.of(GSI2, GSI3, GSI4, GSI6, GSI7)) {
            assertTrue(written(index) > 0, index + " is keyed by phase: Active → Resolved moves it");
        }
        ticket = store.commit(change(ticket.moved(to(Status.OPEN), T0.plusSeconds(80)), List.of()));
        indexWrites.clear();

        store.commit(change(ticket.withClassification(new Sentiment(2, SentimentLabel.NEGATIVE), List.of("refund"), T0.plusSeconds(90)),
                List.of()));
        assertEquals(Set.of(GSI6, GSI7), indexWrites.keySet(), "only the sentiment order moved");
    }

    @Test
    @DisplayName("R-HIST pages list whole tickets in the index's order, also when DynamoDB leaves keys unprocessed")
    void pagesFetchWholeTicketsInOrderThroughUnprocessedKeys() {
        List<Ticket> created = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            Ticket t = create("ann-" + i, "ann", T0.plusSeconds(60L * i));
            created.add(store.commit(change(t.withClassification(new Sentiment(i, SentimentLabel.NEUTRAL), List.of("l" + i),
                    t.createdAt()), List.of())));
        }
        leaveKeysUnprocessed = true;

        List<Ticket> seen = new ArrayList<>();
        String cursor = null;
        do {
            Page<Ticket> page = views.customerTickets("ann", true, 3, cursor);
            seen.addAll(page.items());
            cursor = page.cursor();
        } while (cursor != null);

        assertEquals(created.reversed(), seen, "every ticket, whole and newest first");
        assertTrue(batchReads.get() > 3, "unprocessed keys were asked for again");
    }

    @Test
    @DisplayName("R-HIST a ticket that changed status between the index read and the fetch is listed where it is now, not twice")
    void ticketThatMovedMeanwhileIsSkipped() {
        create("ann-0", "ann", T0);
        Ticket moving = create("ann-1", "ann", T0.plusSeconds(60));
        create("ann-2", "ann", T0.plusSeconds(120));
        afterIndexQuery.set(() -> other.commit(change(moving.moved(to(Status.ANSWERED), T0.plusSeconds(180)), List.of())));

        Page<Ticket> newOnes = views.customerTickets("ann", true, EnumSet.of(Status.NEW), 10, null, null);
        assertEquals(List.of("ann-2", "ann-0"), newOnes.items().stream().map(Ticket::ticketId).toList());
        assertNull(newOnes.cursor());

        Page<Ticket> all = views.customerTickets("ann", true, 10, null);
        assertEquals(List.of(Status.NEW, Status.ANSWERED, Status.NEW), all.items().stream().map(Ticket::status).toList(),
                "the customer's history shows each ticket as it is now");
    }

    @Test
    @DisplayName("a ticket purged between the index read and the fetch is left out of the page")
    void ticketPurgedMeanwhileIsLeftOut() {
        create("ann-0", "ann", T0);
        create("ann-1", "ann", T0.plusSeconds(60));
        afterIndexQuery.set(() -> other.purge("ann-0"));

        assertEquals(List.of("ann-1"), views.customerTickets("ann", true, 10, null).items().stream().map(Ticket::ticketId).toList());
    }

    @Test
    @DisplayName("R-ASSIGN-7 a filtered view fetches past the tickets it drops and stays in order")
    void filteredViewKeepsOrder() {
        for (int i = 0; i < 6; i++) {
            create("t-" + i, "c-" + i, T0.plusSeconds(60L * i));
        }
        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            Page<Ticket> page = views.view(null, EnumSet.of(Status.NEW), ViewOrder.OLDEST, 2, cursor,
                    t -> Integer.parseInt(t.ticketId().substring(2)) % 2 == 1);
            page.items().forEach(t -> seen.add(t.ticketId()));
            cursor = page.cursor();
        } while (cursor != null);
        assertEquals(List.of("t-1", "t-3", "t-5"), seen);
    }

    @Test
    @DisplayName("agents and teams are listed whole from GSI4, which projects their attributes")
    void agentsAndTeamsAreListedWhole() {
        AgentStore agents = new AgentStore(dynamo, table);
        WorkspaceStore workspace = new WorkspaceStore(dynamo, table);
        agents.register(new Agent("a-1", "Ada", "ada@example.com", Role.SUPPORT, "senior", false));
        agents.setOnline("a-1", true, java.time.Instant.now());
        Team team = new Team("team-1", "Senior", List.of("a-1"),
                new Team.Rules(Set.of("refund"), Set.of("VIP"), Set.of(SentimentLabel.URGENT)), 3);
        workspace.saveTeam(team);
        create("t-1", "ann", T0); // a ticket in GSI4 too, in its own partition

        Agent whole = agents.find("a-1").orElseThrow();
        assertNotNull(whole.lastSeenAt(), "the item holds the heartbeat's time");
        // The index leaves the heartbeat's time out (a heartbeat is then a one-unit write); allWithLastSeen adds it.
        assertEquals(List.of(new Agent(whole.agentId(), whole.name(), whole.email(), whole.role(), whole.seniority(),
                whole.online())), agents.all());
        assertEquals(List.of(whole), agents.allWithLastSeen());
        assertEquals(List.of(team), workspace.teams());
    }

    @Test
    @DisplayName("issue 16 cheap presence: a heartbeat that changes nothing is one write unit on the agent's item, no index write, and says so")
    void heartbeatIsOneSmallWrite() {
        AgentStore agents = new AgentStore(dynamo, table);
        agents.register(new Agent("a-1", "Ada", "ada@example.com", Role.SUPPORT, null, false));
        java.time.Instant now = java.time.Instant.parse("2026-06-01T09:00:00Z");
        assertEquals(AgentStore.Presence.CHANGED, agents.setOnline("a-1", true, now));
        assertTrue(indexWrites.getOrDefault(GSI4, 0.0) > 0, "coming Online moves the agent's listing");
        indexWrites.clear();

        assertEquals(AgentStore.Presence.UNCHANGED, agents.setOnline("a-1", true, now.plusSeconds(30)));
        assertEquals(Map.of(), indexWrites, "the heartbeat's time is on the agent item only");
        assertEquals(1.0, lastUpdate.get().capacityUnits(), "one write unit");
        assertEquals(AgentStore.Presence.NOT_REGISTERED, agents.setOnline("nobody", true, now));
        assertEquals(List.of(), agents.lapse(now), "a fresh heartbeat keeps the agent Online");
        assertEquals(List.of("a-1"), agents.lapse(now.plusSeconds(31)), "presence lapses when heartbeats stop");
    }
}
