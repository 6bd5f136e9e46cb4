package dev.helpdesk.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.helpdesk.domain.Attachment;
import dev.helpdesk.domain.Channel;
import dev.helpdesk.domain.Lifecycle;
import dev.helpdesk.domain.Message;
import dev.helpdesk.domain.Priority;
import dev.helpdesk.domain.Sentiment;
import dev.helpdesk.domain.SentimentLabel;
import dev.helpdesk.domain.Status;
import dev.helpdesk.domain.Ticket;
import dev.helpdesk.domain.TimelineEntry;
import dev.helpdesk.events.HelpdeskEvent;
import dev.helpdesk.store.StoreExceptions.ConcurrentUpdateException;
import dev.helpdesk.store.StoreExceptions.DuplicateInboundException;
import dev.helpdesk.testing.LocalDynamo;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/** TicketStore on DynamoDB Local: atomic changes, optimistic concurrency (R-STATUS-7), idempotent inbound (R-INGEST-4). */
class TicketStoreTest {
    private static final Instant T0 = Instant.parse("2025-03-10T09:00:00.123456Z");

    private static final DynamoDbClient dynamo = LocalDynamo.sharedClient();
    private String table;
    private TicketStore store;
    private TicketPointers pointers;
    private TicketLists views;

    @BeforeEach
    void freshTable() {
        table = LocalDynamo.freshTable(dynamo);
        store = new TicketStore(dynamo, table);
        pointers = new TicketPointers(dynamo, table);
        views = new TicketLists(dynamo, table);
    }

    // ---- helpers ---------------------------------------------------------------------------------------

    private static Ticket newTicket(String id, String customerId, Instant at) {
        return Ticket.open(id, Math.abs(id.hashCode()), "Order " + id, Channel.EMAIL, customerId, "email:" + id, at);
    }

    private static Message customerMessage(String ticketId, String messageId, String text, Instant at) {
        return new Message(messageId, ticketId, Message.Kind.CUSTOMER, "c-1", Channel.EMAIL, text, List.of(), at);
    }

    private static TicketChange created(Ticket ticket, List<Message> messages) {
        return new TicketChange(ticket, true, messages, List.of(), List.of(), null, null, null);
    }

    private static TicketChange update(Ticket ticket, List<Message> messages) {
        return new TicketChange(ticket, false, messages, List.of(), List.of(), null, null, null);
    }

    private Ticket commitNew(String id) {
        return store.commit(created(newTicket(id, "c-1", T0), List.of(customerMessage(id, "m-0", "first", T0))));
    }

    private long itemCount() {
        return dynamo.scan(b -> b.tableName(table).select("COUNT")).count();
    }

    // ---- commit and read -------------------------------------------------------------------------------

    @Test
    @DisplayName("a created ticket is stored at version 1 and find() returns an equal ticket")
    void createdTicketIsFoundAtVersionOne() {
        Ticket ticket = newTicket("t-1", "c-1", T0)
                .withClassification(new Sentiment(3, SentimentLabel.NEGATIVE), List.of("delivery", "refund"), T0)
                .withAssignee("a-1", "team-1", T0);
        Ticket stored = store.commit(created(ticket, List.of()));

        assertEquals(1L, stored.version());
        assertEquals(ticket.atVersion(1), stored);
        assertEquals(stored, store.find("t-1").orElseThrow());
    }

    @Test
    @DisplayName("find() of an unknown ticket is empty; so is load()")
    void unknownTicketIsNotFound() {
        assertTrue(store.find("nope").isEmpty());
        assertTrue(store.load("nope").isEmpty());
    }

    @Test
    @DisplayName("R-STATUS-5 load() returns messages, notes and timeline in time order, and the ticket item carries its latest change")
    void loadReturnsEverythingInTimeOrder() {
        Ticket ticket = newTicket("t-1", "c-1", T0);
        // Written out of order, across two commits, to show the order comes from the times.
        Message m3 = customerMessage("t-1", "m-a", "third", T0.plusSeconds(30));
        Message m1 = customerMessage("t-1", "m-z", "first", T0);
        Message m2 = new Message("m-m", "t-1", Message.Kind.AGENT, "a-1", Channel.EMAIL, "second",
                List.of(new Attachment("label.pdf", "application/pdf", 12_345)), T0.plusSeconds(10));
        Message n2 = new Message("n-a", "t-1", Message.Kind.NOTE, "a-1", null, "note two", List.of(), T0.plusSeconds(20));
        Message n1 = new Message("n-z", "t-1", Message.Kind.NOTE, "a-2", null, "note one", List.of(), T0.plusSeconds(5));
        TimelineEntry e3 = new TimelineEntry("t-1", T0.plusSeconds(30), "c-1", "message", Map.of("messageId", "m-a"));
        TimelineEntry e1 = new TimelineEntry("t-1", T0, "c-1", "created", Map.of("channel", "email"));
        TimelineEntry e2 = new TimelineEntry("t-1", T0.plusSeconds(10), "a-1", "message", Map.of("messageId", "m-m"));
        HelpdeskEvent received = HelpdeskEvent.of("Ticket Received", "t-1", T0, Map.of("number", 5));
        HelpdeskEvent replied = HelpdeskEvent.of("Agent Replied", "t-1", T0.plusSeconds(10), Map.of("messageId", "m-m"));

        Ticket v1 = store.commit(new TicketChange(ticket, true, List.of(m3, m1), List.of(e3, e1), List.of(received),
                null, null, null));
        store.commit(new TicketChange(v1, false, List.of(n2, m2, n1), List.of(e2), List.of(replied), null, null, null));

        TicketStore.TicketRecord record = store.load("t-1").orElseThrow();
        assertEquals(v1.atVersion(2), record.ticket());
        assertEquals(List.of(m1, m2, m3), record.messages());
        assertEquals(List.of(n1, n2), record.notes());
        assertEquals(List.of(e1, e2, e3), record.timeline());
        assertEquals(List.of(replied), ticketItemChange("t-1").orElseThrow().events(),
                "the ticket item carries its latest change's events for the stream; the earlier change's are replaced");
    }

    @Test
    @DisplayName("R-STATUS-5 timeline entries written at the same instant keep the order they were given")
    void sameInstantTimelineKeepsGivenOrder() {
        TimelineEntry a = new TimelineEntry("t-1", T0, "c-1", "created", Map.of("n", "a"));
        TimelineEntry b = new TimelineEntry("t-1", T0, "c-1", "message", Map.of("n", "b"));
        TimelineEntry c = new TimelineEntry("t-1", T0, "c-1", "status", Map.of("n", "c"));
        store.commit(new TicketChange(newTicket("t-1", "c-1", T0), true, List.of(), List.of(a, b, c), List.of(), null, null, null));
        assertEquals(List.of(a, b, c), store.load("t-1").orElseThrow().timeline());
    }

    @Test
    @DisplayName("R-STATUS-1 status, postpone time, closed time and restore status round-trip through the store")
    void lifecycleFieldsRoundTrip() {
        Ticket v1 = commitNew("t-1");
        Ticket postponed = v1.moved(new Lifecycle.Move(Status.POSTPONED, T0.plusSeconds(86_400), "Waiting", false, false),
                T0.plusSeconds(1));
        Ticket v2 = store.commit(update(postponed, List.of()));
        assertEquals(v2, store.find("t-1").orElseThrow());
        Ticket spam = v2.moved(new Lifecycle.Move(Status.SPAM, null, null, false, false), T0.plusSeconds(2));
        Ticket v3 = store.commit(update(spam, List.of()));
        Ticket found = store.find("t-1").orElseThrow();
        assertEquals(v3, found);
        assertEquals(Status.POSTPONED, found.restoreStatus());
        assertEquals(3L, found.version());
    }

    // ---- optimistic concurrency ------------------------------------------------------------------------

    @Test
    @DisplayName("R-STATUS-7 a commit with a stale version is refused and changes nothing")
    void staleVersionIsRefusedAndChangesNothing() {
        Ticket v1 = commitNew("t-1");
        Ticket v2 = store.commit(update(v1.moved(new Lifecycle.Move(Status.ANSWERED, null, null, true, false),
                T0.plusSeconds(1)), List.of(customerMessage("t-1", "m-1", "reply", T0.plusSeconds(1)))));
        TicketStore.TicketRecord before = store.load("t-1").orElseThrow();
        long itemsBefore = itemCount();

        Ticket stale = v1.moved(new Lifecycle.Move(Status.RESOLVED, null, null, false, false), T0.plusSeconds(2));
        assertThrows(ConcurrentUpdateException.class, () -> store.commit(new TicketChange(stale, false,
                List.of(customerMessage("t-1", "m-lost", "lost", T0.plusSeconds(2))),
                List.of(new TimelineEntry("t-1", T0.plusSeconds(2), "a-1", "status", Map.of())),
                List.of(HelpdeskEvent.of("Ticket Closed", "t-1", T0.plusSeconds(2), Map.of())), null, null, null)));

        TicketStore.TicketRecord after = store.load("t-1").orElseThrow();
        assertEquals(v2, after.ticket());
        assertEquals(Status.ANSWERED, after.ticket().status());
        assertEquals(before, after);
        assertEquals(itemsBefore, itemCount(), "no item was written");
    }

    @Test
    @DisplayName("R-STATUS-7 creating the same ticket id twice is refused")
    void creatingSameTicketTwiceIsRefused() {
        Ticket first = commitNew("t-1");
        long itemsBefore = itemCount();
        Ticket again = Ticket.open("t-1", 99, "Another subject", Channel.SMS, "c-2", null, T0.plusSeconds(5));
        assertThrows(ConcurrentUpdateException.class, () -> store.commit(created(again,
                List.of(customerMessage("t-1", "m-x", "other", T0.plusSeconds(5))))));
        assertEquals(first, store.find("t-1").orElseThrow());
        assertEquals(itemsBefore, itemCount());
    }

    @Test
    @Timeout(30)
    @DisplayName("R-STATUS-7 eight agents committing on the same version at once: exactly one wins, seven are refused")
    void concurrentCommitsOnSameVersionLetExactlyOneWin() throws Exception {
        commitNew("t-1");
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch ready = new CountDownLatch(threads);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<String>> results = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                int n = i;
                results.add(pool.submit(() -> {
                    Ticket read = store.find("t-1").orElseThrow();
                    Instant at = T0.plusSeconds(10 + n);
                    TicketChange change = update(read.moved(new Lifecycle.Move(Status.ANSWERED, null, null, true, false), at),
                            List.of(customerMessage("t-1", "m-" + n, "reply " + n, at)));
                    ready.countDown();
                    go.await();
                    try {
                        store.commit(change);
                        return "won:" + n;
                    } catch (ConcurrentUpdateException refused) {
                        return "refused";
                    }
                }));
            }
            assertTrue(ready.await(10, TimeUnit.SECONDS));
            go.countDown();
            List<String> outcomes = new ArrayList<>();
            for (Future<String> f : results) {
                outcomes.add(f.get(20, TimeUnit.SECONDS));
            }
            List<String> winners = outcomes.stream().filter(o -> o.startsWith("won:")).toList();
            assertEquals(1, winners.size(), "outcomes: " + outcomes);
            assertEquals(threads - 1, outcomes.stream().filter("refused"::equals).count(), "outcomes: " + outcomes);

            TicketStore.TicketRecord record = store.load("t-1").orElseThrow();
            assertEquals(2L, record.ticket().version());
            String winner = winners.get(0).substring("won:".length());
            assertEquals(List.of("m-0", "m-" + winner), record.messages().stream().map(Message::messageId).toList(),
                    "only the winner's message is stored");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    @Timeout(60)
    @DisplayName("R-STATUS-7 eight writers retrying read-modify-commit never lose an update")
    void retryingWritersNeverLoseAnUpdate() throws Exception {
        commitNew("t-1");
        int threads = 8;
        AtomicInteger conflicts = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Long>> results = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                int n = i;
                Callable<Long> writer = () -> {
                    go.await();
                    for (int attempt = 0; attempt < 200; attempt++) {
                        Ticket read = store.find("t-1").orElseThrow();
                        Instant at = T0.plusSeconds(100 + n);
                        try {
                            return store.commit(update(read.moved(new Lifecycle.Move(Status.OPEN, null, null, true, false), at),
                                    List.of(customerMessage("t-1", "m-" + n, "message " + n, at)))).version();
                        } catch (ConcurrentUpdateException raced) {
                            conflicts.incrementAndGet();
                        }
                    }
                    throw new AssertionError("writer " + n + " never got its change in");
                };
                results.add(pool.submit(writer));
            }
            go.countDown();
            Set<Long> versions = new HashSet<>();
            for (Future<Long> f : results) {
                versions.add(f.get(50, TimeUnit.SECONDS));
            }
            assertEquals(Set.of(2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L), versions, "each writer committed one distinct version");

            TicketStore.TicketRecord record = store.load("t-1").orElseThrow();
            assertEquals(1L + threads, record.ticket().version());
            Set<String> ids = new HashSet<>(record.messages().stream().map(Message::messageId).toList());
            assertEquals(threads + 1, record.messages().size());
            for (int i = 0; i < threads; i++) {
                assertTrue(ids.contains("m-" + i), "message of writer " + i + " is stored");
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    @DisplayName("R-STATUS-7 a transaction conflict on the ticket is reported as a concurrent update, so callers retry")
    void transactionConflictIsAConcurrentUpdate() {
        Ticket v1 = commitNew("t-1");
        DynamoDbClient conflicting = (DynamoDbClient) java.lang.reflect.Proxy.newProxyInstance(
                DynamoDbClient.class.getClassLoader(), new Class<?>[] {DynamoDbClient.class}, (proxy, method, args) -> {
                    if (method.getName().equals("transactWriteItems")) {
                        throw TransactionCanceledException.builder().message("Transaction cancelled")
                                .cancellationReasons(CancellationReason.builder().code("TransactionConflict")
                                        .message("Transaction is ongoing for the item").build(),
                                        CancellationReason.builder().code("None").build())
                                .build();
                    }
                    try {
                        return method.invoke(dynamo, args);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        TicketStore racing = new TicketStore(conflicting, table);
        assertThrows(ConcurrentUpdateException.class, () -> racing.commit(update(v1,
                List.of(customerMessage("t-1", "m-1", "reply", T0.plusSeconds(1))))));
    }

    // ---- idempotent inbound (R-INGEST-4) ---------------------------------------------------------------

    @Test
    @DisplayName("R-INGEST-4 a provider message already stored is refused as a duplicate and nothing else is written")
    void duplicateInboundReceiptWritesNothing() {
        Ticket ticket = newTicket("t-1", "c-1", T0);
        Message first = customerMessage("t-1", "m-1", "hello", T0);
        Ticket v1 = store.commit(new TicketChange(ticket, true, List.of(first), List.of(), List.of(),
                new TicketChange.InboundReceipt("email", "<abc@mail>", "t-1", "m-1"), "email:thread", null));
        assertEquals(new TicketChange.InboundReceipt("email", "<abc@mail>", "t-1", "m-1"),
                pointers.findInbound("email", "<abc@mail>").orElseThrow());
        long itemsBefore = itemCount();

        Message again = customerMessage("t-1", "m-2", "hello", T0.plusSeconds(5));
        Ticket moved = v1.moved(new Lifecycle.Move(Status.NEW, null, null, true, false), T0.plusSeconds(5));
        assertThrows(DuplicateInboundException.class, () -> store.commit(new TicketChange(moved, false, List.of(again),
                List.of(new TimelineEntry("t-1", T0.plusSeconds(5), "c-1", "message", Map.of())),
                List.of(HelpdeskEvent.of("Customer Replied", "t-1", T0.plusSeconds(5), Map.of())),
                new TicketChange.InboundReceipt("email", "<abc@mail>", "t-1", "m-2"), null, null)));

        TicketStore.TicketRecord record = store.load("t-1").orElseThrow();
        assertEquals(List.of(first), record.messages(), "no extra message");
        assertEquals(v1, record.ticket(), "the ticket is unchanged");
        assertEquals(List.of(), record.timeline());
        assertEquals(itemsBefore, itemCount());
        assertEquals("m-1", pointers.findInbound("email", "<abc@mail>").orElseThrow().messageId(), "the receipt still points at the first");
    }

    @Test
    @DisplayName("R-INGEST-4 the same provider message id on another channel is a different message")
    void sameProviderIdOnOtherChannelIsNotDuplicate() {
        store.commit(new TicketChange(newTicket("t-1", "c-1", T0), true, List.of(), List.of(), List.of(),
                new TicketChange.InboundReceipt("sms", "SM1", "t-1", "m-1"), null, null));
        store.commit(new TicketChange(newTicket("t-2", "c-1", T0), true, List.of(), List.of(), List.of(),
                new TicketChange.InboundReceipt("whatsapp", "SM1", "t-2", "m-2"), null, null));
        assertEquals("t-1", pointers.findInbound("sms", "SM1").orElseThrow().ticketId());
        assertEquals("t-2", pointers.findInbound("whatsapp", "SM1").orElseThrow().ticketId());
        assertTrue(pointers.findInbound("email", "SM1").isEmpty());
    }

    @Test
    @DisplayName("R-INGEST-2 a change with a conversation key points the conversation at its ticket")
    void conversationKeyPointsAtTicket() {
        store.commit(new TicketChange(newTicket("t-1", "c-1", T0), true, List.of(), List.of(), List.of(), null,
                "chat:conv-1", null));
        assertEquals("t-1", pointers.findConversation("chat:conv-1").orElseThrow());
        assertTrue(pointers.findConversation("chat:conv-2").isEmpty());
    }

    // ---- events ride on the written item (issue 16) -----------------------------------------------------

    @Test
    @DisplayName("R-EVENTS a change's events commit with the ticket, and its stream record yields them once: a later write without events yields nothing")
    void eventsRideOnTheTicketItem() {
        HelpdeskEvent a = HelpdeskEvent.of("Ticket Received", "t-1", T0, Map.of("number", 1));
        HelpdeskEvent b = HelpdeskEvent.of("Agent Handoff", "t-1", T0, Map.of("text", "ünïcödé \"quoted\""));
        List<RecordedChange> fed = new java.util.concurrent.CopyOnWriteArrayList<>();
        store.feedingInline(fed::add);
        Ticket v1 = store.commit(new TicketChange(newTicket("t-1", "c-1", T0), true, List.of(), List.of(), List.of(a, b), null, null, null));
        Map<String, AttributeValue> first = ticketItem("t-1");
        assertEquals(List.of(a, b), ChangeRecords.fromStream(null, first).orElseThrow().events(), "an INSERT yields the change");
        assertEquals(List.of(a, b), fed.get(0).events());

        store.commit(new TicketChange(v1.withPriority(Priority.HIGH, T0.plusSeconds(1)), List.of(), List.of(), List.of(), null));
        Map<String, AttributeValue> second = ticketItem("t-1");
        assertTrue(ChangeRecords.fromStream(first, second).isEmpty(), "nothing to publish: the write had no events");
        assertEquals(1, fed.size());
        assertTrue(ChangeRecords.fromStream(first, first).isEmpty(), "a record whose old image had the same change yields nothing");
    }

    private Map<String, AttributeValue> ticketItem(String ticketId) {
        return dynamo.getItem(b -> b.tableName(table).consistentRead(true).key(Map.of(
                "PK", AttributeValue.fromS(TableDesign.ticketPk(ticketId)), "SK", AttributeValue.fromS(TableDesign.TICKET_SK)))).item();
    }

    private java.util.Optional<RecordedChange> ticketItemChange(String ticketId) {
        return ChangeRecords.of(ticketItem(ticketId));
    }

    // ---- customer history pages (R-HIST) ---------------------------------------------------------------

    private List<String> createHistory(String customerId, int count, Instant from) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String id = customerId + "-t" + i;
            store.commit(created(newTicket(id, customerId, from.plusSeconds(60L * i)), List.of()));
            ids.add(id);
        }
        return ids;
    }

    private List<String> readAllPages(String customerId, boolean newestFirst, int limit, List<Integer> pageSizes) {
        List<String> seen = new ArrayList<>();
        String cursor = null;
        for (int pages = 0; pages < 20; pages++) {
            Page<Ticket> page = views.customerTickets(customerId, newestFirst, limit, cursor);
            assertTrue(page.items().size() <= limit, "a page holds at most the limit");
            pageSizes.add(page.items().size());
            page.items().forEach(t -> seen.add(t.ticketId()));
            cursor = page.cursor();
            if (cursor == null) {
                return seen;
            }
        }
        throw new AssertionError("paging never ended; saw " + seen);
    }

    @Test
    @DisplayName("R-HIST a customer's tickets page newest first with no gaps or repeats, only that customer's")
    void customerTicketsPageNewestFirst() {
        List<String> ann = createHistory("ann", 7, T0);
        createHistory("bob", 4, T0.plusSeconds(30));

        List<Integer> sizes = new ArrayList<>();
        List<String> seen = readAllPages("ann", true, 3, sizes);
        assertEquals(ann.reversed(), seen);
        assertEquals(List.of(3, 3, 1), sizes);
    }

    @Test
    @DisplayName("R-HIST a customer's tickets page oldest first with no gaps or repeats, only that customer's")
    void customerTicketsPageOldestFirst() {
        createHistory("bob", 4, T0.plusSeconds(30));
        List<String> ann = createHistory("ann", 7, T0);

        List<Integer> sizes = new ArrayList<>();
        List<String> seen = readAllPages("ann", false, 3, sizes);
        assertEquals(ann, seen);
        assertEquals(List.of(3, 3, 1), sizes);

        List<String> bob = readAllPages("bob", false, 3, new ArrayList<>());
        assertEquals(List.of("bob-t0", "bob-t1", "bob-t2", "bob-t3"), bob);
    }

    @Test
    @DisplayName("R-HIST a page returns whole, equal tickets and the last page has no cursor")
    void customerTicketsReturnsWholeTickets() {
        Ticket stored = store.commit(created(newTicket("only", "cara", T0), List.of()));
        Page<Ticket> page = views.customerTickets("cara", true, 10, null);
        assertEquals(List.of(stored), page.items());
        assertNull(page.cursor());
        assertEquals(List.of(), views.customerTickets("nobody", true, 10, null).items());
    }

    @Test
    @DisplayName("R-HIST a garbage cursor is refused")
    void garbageCursorIsRefused() {
        createHistory("ann", 4, T0);
        for (String garbage : List.of("!!not-base64!!", "bm90IGpzb24", "e30", "W10")) { // "not json", "{}", "[]"
            assertThrows(Cursors.InvalidCursorException.class, () -> views.customerTickets("ann", true, 3, garbage), garbage);
        }
    }

    @Test
    @DisplayName("R-HIST a base64 cursor of other JSON is refused")
    void cursorOfOtherJsonIsRefused() {
        createHistory("ann", 4, T0);
        List<String> others = List.of(
                "{\"a\":\"b\"}",
                "{\"PK\":\"TICKET#ann-t0\",\"SK\":\"TICKET\",\"GSI1PK\":\"CUSTOMER#ann\"}",
                "{\"PK\":\"TICKET#ann-t0\",\"SK\":\"TICKET\",\"GSI1PK\":\"CUSTOMER#ann\",\"GSI1SK\":5}",
                "{\"PK\":\"TICKET#ann-t0\",\"SK\":\"TICKET\",\"GSI1PK\":\"CUSTOMER#ann\",\"GSI1SK\":\"x\",\"extra\":\"y\"}",
                "[\"PK\",\"SK\",\"GSI1PK\",\"GSI1SK\"]");
        for (String json : others) {
            String cursor = Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
            assertThrows(Cursors.InvalidCursorException.class, () -> views.customerTickets("ann", true, 3, cursor), json);
        }
    }

    @Test
    @DisplayName("R-HIST a cursor issued for another customer's history is refused")
    void cursorFromAnotherCustomerIsRefused() {
        createHistory("ann", 4, T0);
        createHistory("bob", 4, T0);
        String bobsCursor = views.customerTickets("bob", true, 2, null).cursor();
        assertNotNull(bobsCursor);
        assertThrows(Cursors.InvalidCursorException.class, () -> views.customerTickets("ann", true, 2, bobsCursor));

        // Grafting Bob's positions onto Ann's listing fingerprint: the keys are rebuilt in Ann's partition, so
        // the page may start anywhere in Ann's history but can never contain Bob's tickets.
        String annsCursor = views.customerTickets("ann", true, 2, null).cursor();
        com.fasterxml.jackson.databind.node.ObjectNode ann = (com.fasterxml.jackson.databind.node.ObjectNode)
                dev.helpdesk.json.Json.read(new String(Base64.getUrlDecoder().decode(annsCursor), StandardCharsets.UTF_8));
        com.fasterxml.jackson.databind.JsonNode bob =
                dev.helpdesk.json.Json.read(new String(Base64.getUrlDecoder().decode(bobsCursor), StandardCharsets.UTF_8));
        ann.set("p", bob.get("p"));
        String grafted = Base64.getUrlEncoder().withoutPadding().encodeToString(ann.toString().getBytes(StandardCharsets.UTF_8));
        Page<Ticket> page = views.customerTickets("ann", true, 10, grafted);
        assertFalse(page.items().stream().anyMatch(t -> t.customerId().equals("bob")), "never another customer's tickets");
    }
}
