package dev.helpdesk.app;

import static org.junit.jupiter.api.Assertions.*;

import dev.helpdesk.domain.Agent;
import dev.helpdesk.domain.Channel;
import dev.helpdesk.domain.Role;
import dev.helpdesk.domain.Ticket;
import dev.helpdesk.store.AgentStore;
import dev.helpdesk.store.CustomerStore;
import dev.helpdesk.store.TicketChange;
import dev.helpdesk.store.TicketStore;
import dev.helpdesk.store.WorkspaceStore;
import dev.helpdesk.testing.LocalDynamo;
import dev.helpdesk.testing.RecordingPublisher;
import dev.helpdesk.testing.TicketStores;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * R-ASSIGN-3 under real concurrency on DynamoDB Local: 8 routers, 2,000 tickets, 10 Online agents. No ticket
 * assigned twice or left unassigned, counts within one of each other, the cursor a clean rotation; and with agents
 * toggling Online/Offline during the run, nobody offline at claim time is chosen.
 */
class RoundRobinConcurrencyTest {
    private static final DynamoDbClient dynamo = LocalDynamo.sharedClient();
    private static final int TICKETS = 2_000;
    private static final int ROUTERS = 8;

    private TicketStores stores;
    private TicketStore tickets;
    private AgentStore agents;
    private WorkspaceStore workspace;
    private RoutingService routing;
    private final List<String> team = new ArrayList<>();

    @BeforeEach
    void wire() {
        String table = LocalDynamo.freshTable(dynamo);
        stores = TicketStores.on(dynamo, table);
        tickets = stores.tickets();
        agents = new AgentStore(dynamo, table);
        workspace = new WorkspaceStore(dynamo, table);
        routing = new RoutingService(tickets, stores.views(), stores.timers(), new CustomerStore(dynamo, table), agents, workspace,
                Clock.systemUTC());
        workspace.saveAssignment(new WorkspaceStore.AssignmentSettings(true, null));
        for (int i = 0; i < 10; i++) {
            String id = String.format("agent-%02d", i);
            agents.register(new Agent(id, "Agent " + i, null, Role.SUPPORT, null, false));
            agents.setOnline(id, true, java.time.Instant.now());
            team.add(id);
        }
    }

    private List<String> createTickets(int n) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<String>> ids = new ArrayList<>();
        Instant t0 = Instant.parse("2026-02-02T08:00:00Z");
        for (int i = 0; i < n; i++) {
            int k = i;
            ids.add(pool.submit(() -> {
                Ticket t = Ticket.open(String.format("t-%05d", k), k + 1, "s", Channel.CHAT, "c-" + (k % 50), null, t0.plusMillis(k));
                tickets.commit(new TicketChange(t, true, List.of(), List.of(), List.of(), null, null, null));
                return t.ticketId();
            }));
        }
        List<String> out = new ArrayList<>();
        for (Future<String> f : ids) {
            out.add(f.get());
        }
        pool.shutdown();
        return out;
    }

    private void routeAll(List<String> ids, Runnable duringRun) throws Exception {
        ConcurrentLinkedQueue<String> queue = new ConcurrentLinkedQueue<>(ids);
        ExecutorService pool = Executors.newFixedThreadPool(ROUTERS);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> routers = new ArrayList<>();
        for (int r = 0; r < ROUTERS; r++) {
            routers.add(pool.submit(() -> {
                start.await();
                for (String id; (id = queue.poll()) != null; ) {
                    routing.route(id);
                }
                return null;
            }));
        }
        start.countDown();
        duringRun.run();
        for (Future<?> f : routers) {
            f.get();
        }
        pool.shutdown();
    }

    /** Assignments as the cursor recorded them: agent by turn number. */
    private Map<Long, String> claims(List<String> ids) {
        Map<Long, String> byTurn = new HashMap<>();
        for (String id : ids) {
            var record = tickets.load(id).orElseThrow();
            var assigned = record.timeline().stream().filter(e -> e.type().equals("assigned")).toList();
            assertEquals(1, assigned.size(), id + " assigned exactly once");
            long turn = ((Number) assigned.get(0).details().get("turn")).longValue();
            assertNull(byTurn.put(turn, record.ticket().assigneeId()), "turn " + turn + " used twice");
        }
        return byTurn;
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    @DisplayName("R-ASSIGN-3 8 routers, 2,000 tickets, 10 agents: none twice, none left, fair within one, a clean rotation")
    void fairAndExact() throws Exception {
        List<String> ids = createTickets(TICKETS);
        routeAll(ids, () -> { });
        Map<Long, String> byTurn = claims(ids);
        assertEquals(TICKETS, byTurn.size());
        Map<String, Integer> counts = new HashMap<>();
        byTurn.values().forEach(a -> counts.merge(a, 1, Integer::sum));
        assertEquals(10, counts.size());
        assertTrue(Collections.max(counts.values()) - Collections.min(counts.values()) <= 1, counts.toString());
        for (long turn = 1; turn <= TICKETS; turn++) {
            assertEquals(team.get((int) ((turn - 1) % team.size())), byTurn.get(turn), "turn " + turn + " follows the rotation");
        }
        assertEquals(TICKETS, workspace.rotation(RoutingService.DEFAULT_POOL).turn());
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    @DisplayName("R-ASSIGN-3/4 agents toggling Online/Offline during the run: every ticket assigned once, an always-offline agent never chosen")
    void togglingAgents() throws Exception {
        agents.register(new Agent("agent-off", "Never Online", null, Role.SUPPORT, null, false));
        List<String> ids = createTickets(600);
        AtomicBoolean running = new AtomicBoolean(true);
        Thread toggler = new Thread(() -> {
            int i = 0;
            while (running.get()) {
                String agent = team.get(i++ % team.size());
                agents.setOnline(agent, false, java.time.Instant.now());
                agents.setOnline(agent, true, java.time.Instant.now());
            }
        });
        routeAll(ids, toggler::start);
        running.set(false);
        toggler.join();
        Map<Long, String> byTurn = claims(ids);
        assertEquals(600, byTurn.size());
        assertFalse(byTurn.containsValue("agent-off"), "an agent offline throughout is never chosen");
        assertTrue(team.containsAll(byTurn.values()));
    }
}
