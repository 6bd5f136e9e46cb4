package dev.helpdesk.app;

import static org.junit.jupiter.api.Assertions.*;

import dev.helpdesk.domain.Channel;
import dev.helpdesk.domain.Identity;
import dev.helpdesk.domain.Lifecycle;
import dev.helpdesk.domain.Message;
import dev.helpdesk.domain.Priority;
import dev.helpdesk.domain.Status;
import dev.helpdesk.domain.Ticket;
import dev.helpdesk.events.DetailType;
import dev.helpdesk.store.Counters;
import dev.helpdesk.store.CustomerStore;
import dev.helpdesk.store.TicketStore;
import dev.helpdesk.testing.LocalDynamo;
import dev.helpdesk.testing.MutableClock;
import dev.helpdesk.testing.RecordingPublisher;
import dev.helpdesk.testing.TicketStores;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** R-STATUS-2, -5, -7 and R-ASSIGN-6 through the use cases, on DynamoDB Local with real threads. */
class TicketActionsTest {
    private static final DynamoDbClient dynamo = LocalDynamo.sharedClient();
    private static final Instant T0 = Instant.parse("2026-06-01T09:00:00Z");

    private final MutableClock clock = new MutableClock(T0);
    private TicketStores stores;
    private TicketStore tickets;
    private RecordingPublisher publisher;
    private TicketActions actions;
    private IngestService ingest;

    @BeforeEach
    void wire() {
        String table = LocalDynamo.freshTable(dynamo);
        stores = TicketStores.on(dynamo, table);
        tickets = stores.tickets();
        publisher = new RecordingPublisher();
        tickets.feedingInline(stores.changeFeed(publisher)::apply);
        actions = new TicketActions(tickets, stores.timers(), new TicketChanges(tickets), publisher, clock, new Counters(dynamo, table));
        ingest = new IngestService(tickets, stores.pointers(), new CustomerStore(dynamo, table), new Counters(dynamo, table), clock);
    }

    private String newTicket() {
        String id = ingest.accept(new InboundMessage(Channel.SMS, "SM" + System.nanoTime(), "sms:+1:" + System.nanoTime(), null,
                List.of(Identity.phone("+46700000000")), null, "Help please", List.of(), T0, false)).ticketId();
        publisher.published.clear();
        return id;
    }

    private void tick(Duration d) {
        clock.advance(d);
    }

    @Test
    @DisplayName("R-STATUS-2 a ticket's working life: reply → Answered, resolve → Resolved + 'Ticket Closed', reopen → Open + 'Ticket Reopened'")
    void workingLife() {
        String id = newTicket();
        tick(Duration.ofMinutes(1));
        assertEquals(Status.ANSWERED, actions.reply("a-1", id, "On its way!").status());
        assertTrue(publisher.detailTypes().containsAll(List.of(DetailType.AGENT_REPLIED, DetailType.TICKET_STATUS_CHANGED)));
        tick(Duration.ofMinutes(1));
        Ticket resolved = actions.changeStatus("a-1", id, new Lifecycle.Resolve(null));
        assertEquals(Status.RESOLVED, resolved.status());
        assertNotNull(resolved.closedAt());
        assertTrue(publisher.detailTypes().contains(DetailType.TICKET_CLOSED));
        TicketActions.Refused again = assertThrows(TicketActions.Refused.class, () -> actions.changeStatus("a-1", id, new Lifecycle.Resolve(null)));
        assertFalse(again.invalidInput(), "an illegal transition is a conflict (409)");
        assertEquals(Status.OPEN, actions.changeStatus("a-1", id, new Lifecycle.Reopen(null)).status());
        assertTrue(publisher.detailTypes().contains(DetailType.TICKET_REOPENED));
        var record = tickets.load(id).orElseThrow();
        assertEquals(1, record.messages().stream().filter(m -> m.kind() == Message.Kind.AGENT).count());
        assertEquals(List.of("created", "message", "message", "status", "status", "status"),
                record.timeline().stream().map(e -> e.type()).toList(), "every action on the timeline, in order");
    }

    @Test
    @DisplayName("R-STATUS-2 postpone needs a future 'until' (400 otherwise); the timer wakes it exactly once, even run twice at once")
    void postponeAndWake() throws Exception {
        String id = newTicket();
        assertTrue(assertThrows(TicketActions.Refused.class,
                () -> actions.changeStatus("a-1", id, new Lifecycle.Postpone(null, clock.instant(), null))).invalidInput());
        assertTrue(assertThrows(TicketActions.Refused.class,
                () -> actions.changeStatus("a-1", id, new Lifecycle.Postpone(clock.instant().minusSeconds(1), clock.instant(), null))).invalidInput());
        Ticket postponed = actions.changeStatus("a-1", id, new Lifecycle.Postpone(T0.plus(Duration.ofHours(2)), clock.instant(), "Waiting for warehouse"));
        assertEquals(Status.POSTPONED, postponed.status());
        assertEquals("Waiting for warehouse", postponed.customStatus());
        assertEquals(0, actions.wakePostponed(), "not due yet");
        tick(Duration.ofHours(2).plusSeconds(30));
        ExecutorService pool = Executors.newFixedThreadPool(2);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> runs = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            runs.add(pool.submit(() -> {
                start.await();
                return actions.wakePostponed();
            }));
        }
        start.countDown();
        int woken = 0;
        for (Future<Integer> run : runs) {
            woken += run.get();
        }
        pool.shutdown();
        assertEquals(1, woken, "woken exactly once");
        Ticket after = tickets.find(id).orElseThrow();
        assertEquals(Status.OPEN, after.status());
        assertNull(after.postponedUntil());
        assertEquals(1, tickets.load(id).orElseThrow().timeline().stream().filter(e -> e.type().equals("status")
                && "Open".equals(e.details().get("to"))).count());
        assertTrue(stores.timers().findTimer(id, TicketActions.POSTPONE_TIMER).isEmpty());
    }

    @Test
    @DisplayName("R-STATUS-2 a customer writing on a Postponed ticket wakes it; the later timer then does nothing")
    void customerWakesPostponed() {
        String id = newTicket();
        actions.changeStatus("a-1", id, new Lifecycle.Postpone(T0.plus(Duration.ofHours(1)), clock.instant(), null));
        String conversation = tickets.find(id).orElseThrow().conversationKey();
        ingest.accept(new InboundMessage(Channel.SMS, "SMwake", conversation, null, List.of(Identity.phone("+46700000000")), null,
                "Any news?", List.of(), T0, false));
        assertEquals(Status.OPEN, tickets.find(id).orElseThrow().status());
        tick(Duration.ofHours(2));
        assertEquals(0, actions.wakePostponed());
        assertEquals(Status.OPEN, tickets.find(id).orElseThrow().status());
    }

    @Test
    @DisplayName("R-STATUS-2 Spam and Deleted take only restore and purge; restore returns to the status it had")
    void spamAndRestore() {
        String id = newTicket();
        actions.reply("a-1", id, "hello");
        assertEquals(Status.SPAM, actions.changeStatus("a-1", id, new Lifecycle.MarkSpam()).status());
        assertThrows(TicketActions.Refused.class, () -> actions.reply("a-1", id, "again"));
        assertThrows(TicketActions.Refused.class, () -> actions.changeStatus("a-1", id, new Lifecycle.Delete()));
        assertThrows(TicketActions.Refused.class, () -> actions.assign("a-1", id, "a-2", false));
        assertEquals(Status.ANSWERED, actions.changeStatus("a-1", id, new Lifecycle.Restore()).status());
        actions.purge("admin", id);
        assertTrue(tickets.find(id).isEmpty());
        assertThrows(TicketActions.NoSuchTicket.class, () -> actions.reply("a-1", id, "gone"));
    }

    @Test
    @DisplayName("R-ASSIGN-6 assign, take over only with reassign, unassign; priority; notes change nothing else")
    void assignmentAndPriority() {
        String id = newTicket();
        assertEquals("a-1", actions.assign("a-1", id, "a-1", false).assigneeId());
        assertFalse(assertThrows(TicketActions.Refused.class, () -> actions.assign("a-2", id, "a-2", false)).invalidInput());
        assertEquals("a-2", actions.assign("a-2", id, "a-2", true).assigneeId());
        assertNull(actions.assign("a-2", id, null, false).assigneeId());
        assertTrue(publisher.detailTypes().containsAll(List.of(DetailType.TICKET_ASSIGNED, DetailType.TICKET_LEFT_UNASSIGNED)));
        assertEquals(Priority.URGENT, actions.setPriority("a-1", id, Priority.URGENT).priority());
        Ticket noted = actions.note("a-1", id, "VIP, be nice");
        assertEquals(Status.NEW, noted.status());
        assertEquals(1, tickets.load(id).orElseThrow().notes().size());
        assertTrue(tickets.load(id).orElseThrow().messages().stream().noneMatch(m -> m.text().contains("VIP")), "notes are not messages");
    }

    @Test
    @DisplayName("R-STATUS-7 eight agents replying and noting at once: every action recorded, each on the timeline once")
    void concurrentAgentsLoseNothing() throws Exception {
        String id = newTicket();
        long before = tickets.find(id).orElseThrow().version();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch start = new CountDownLatch(1);
        List<Callable<Ticket>> calls = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            int k = i;
            calls.add(() -> {
                start.await();
                return k % 2 == 0 ? actions.reply("a-" + k, id, "reply " + k) : actions.note("a-" + k, id, "note " + k);
            });
        }
        List<Future<Ticket>> futures = new ArrayList<>();
        calls.forEach(c -> futures.add(pool.submit(c)));
        start.countDown();
        for (Future<Ticket> f : futures) {
            f.get();
        }
        pool.shutdown();
        var record = tickets.load(id).orElseThrow();
        assertEquals(4, record.messages().stream().filter(m -> m.kind() == Message.Kind.AGENT).count());
        assertEquals(4, record.notes().size());
        assertEquals(Status.ANSWERED, record.ticket().status());
        assertTrue(record.ticket().version() > before, "the first reply moved the ticket; notes and same-instant replies leave it be");
        assertEquals(4, record.timeline().stream().filter(e -> e.type().equals("note")).count());
        assertEquals(4, record.timeline().stream().filter(e -> e.type().equals("message") && "agent".equals(e.details().get("kind"))).count());
    }

    @Test
    @DisplayName("R-ASSIGN-6 two agents taking one unassigned ticket at once: exactly one gets it, the other a conflict")
    void concurrentTakeOver() throws Exception {
        String id = newTicket();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<String>> results = new ArrayList<>();
        for (String agent : List.of("a-1", "a-2")) {
            results.add(pool.submit(() -> {
                start.await();
                try {
                    return actions.assign(agent, id, agent, false).assigneeId();
                } catch (TicketActions.Refused e) {
                    return "refused";
                }
            }));
        }
        start.countDown();
        List<String> outcomes = new ArrayList<>();
        for (Future<String> f : results) {
            outcomes.add(f.get());
        }
        pool.shutdown();
        assertEquals(1, outcomes.stream().filter("refused"::equals).count(), outcomes.toString());
        assertEquals(outcomes.stream().filter(o -> !o.equals("refused")).findFirst().orElseThrow(), tickets.find(id).orElseThrow().assigneeId());
    }

    @Test
    @DisplayName("R-STATUS-6 split: chosen messages move to a new ticket of the same customer, 'Ticket Split' announces it")
    void split() {
        String id = newTicket();
        String conversation = tickets.find(id).orElseThrow().conversationKey();
        for (String text : List.of("Also, a second matter", "And a third")) {
            ingest.accept(new InboundMessage(Channel.SMS, "SM" + System.nanoTime(), conversation, null,
                    List.of(Identity.phone("+46700000000")), null, text, List.of(), T0, false));
        }
        List<Message> messages = tickets.load(id).orElseThrow().messages();
        assertEquals(3, messages.size());
        publisher.published.clear();
        // The clock is fixed, so the messages share a timestamp: pick them by text, not by position.
        List<String> toMove = messages.stream().filter(m -> !m.text().equals("Help please")).map(Message::messageId).toList();
        String staying = messages.stream().filter(m -> m.text().equals("Help please")).findFirst().orElseThrow().messageId();
        Ticket fresh = actions.split("a-1", id, toMove);
        assertNotEquals(id, fresh.ticketId());
        assertEquals(Status.NEW, fresh.status());
        assertEquals(tickets.find(id).orElseThrow().customerId(), fresh.customerId());
        assertEquals(java.util.Set.of("Also, a second matter", "And a third"),
                java.util.Set.copyOf(tickets.load(fresh.ticketId()).orElseThrow().messages().stream().map(Message::text).toList()));
        assertEquals(List.of("Help please"), tickets.load(id).orElseThrow().messages().stream().map(Message::text).toList());
        assertEquals(List.of(DetailType.TICKET_SPLIT), publisher.detailTypes());
        assertTrue(assertThrows(TicketActions.Refused.class,
                () -> actions.split("a-1", id, List.of(staying))).invalidInput(), "the last message stays");
        assertTrue(assertThrows(TicketActions.Refused.class, () -> actions.split("a-1", id, List.of("nope"))).invalidInput());
    }
}
