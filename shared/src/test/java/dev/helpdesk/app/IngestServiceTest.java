package dev.helpdesk.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.helpdesk.domain.Attachment;
import dev.helpdesk.domain.Channel;
import dev.helpdesk.domain.Identity;
import dev.helpdesk.domain.Lifecycle;
import dev.helpdesk.domain.Message;
import dev.helpdesk.domain.Status;
import dev.helpdesk.domain.Ticket;
import dev.helpdesk.domain.TimelineEntry;
import dev.helpdesk.events.DetailType;
import dev.helpdesk.events.HelpdeskEvent;
import dev.helpdesk.store.Counters;
import dev.helpdesk.store.CustomerStore;
import dev.helpdesk.store.TicketChange;
import dev.helpdesk.store.TicketStore;
import dev.helpdesk.testing.LocalDynamo;
import dev.helpdesk.testing.RecordingPublisher;
import dev.helpdesk.testing.TicketStores;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** IngestService on DynamoDB Local with the real stores (R-INGEST-2..5, R-STATUS-2). */
class IngestServiceTest {
    private static final Instant NOW = Instant.parse("2025-03-10T09:15:30.250Z");
    private static final Identity ANN = Identity.email("ann@example.com");

    private static final DynamoDbClient dynamo = LocalDynamo.sharedClient();
    private TicketStores stores;
    private TicketStore tickets;
    private CustomerStore customers;
    private RecordingPublisher publisher;
    private IngestService ingest;
    private String table;

    @BeforeEach
    void wire() {
        table = LocalDynamo.freshTable(dynamo);
        stores = TicketStores.on(dynamo, table);
        tickets = stores.tickets();
        // The change feed runs inline here; end-to-end tests run it from the table stream as Lambda does.
        tickets.feedingInline(change -> stores.changeFeed(publisher).apply(change));
        customers = new CustomerStore(dynamo, table);
        publisher = new RecordingPublisher();
        ingest = new IngestService(tickets, stores.pointers(), customers, new Counters(dynamo, table), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static InboundMessage chat(String providerMessageId, String conversation, String text, boolean handoff) {
        return new InboundMessage(Channel.CHAT, providerMessageId, "chat:" + conversation, "Ann Larsson", List.of(ANN),
                null, text, List.of(), NOW.minusSeconds(1), handoff);
    }

    private static InboundMessage chat(String providerMessageId, String text) {
        return chat(providerMessageId, "conv-1", text, false);
    }

    private TicketStore.TicketRecord load(String ticketId) {
        return tickets.load(ticketId).orElseThrow();
    }

    // ---- a new conversation ------------------------------------------------------------------------------

    @Test
    @DisplayName("R-INGEST-2 a first chat message creates a New ticket with its number, message and timeline, "
            + "and publishes exactly \"Ticket Received\"")
    void firstChatMessageCreatesNewTicket() {
        IngestResult result = ingest.accept(chat("p-1", "Where is my order #123?\nIt was due Friday."));

        assertTrue(result.createdTicket());
        assertFalse(result.duplicate());
        TicketStore.TicketRecord record = load(result.ticketId());
        Ticket ticket = record.ticket();
        assertEquals(Status.NEW, ticket.status());
        assertEquals(1L, ticket.number(), "the first ticket number");
        assertEquals(1L, ticket.version());
        assertEquals(Channel.CHAT, ticket.channel());
        assertEquals("Where is my order #123?", ticket.subject(), "the first line is the subject");
        assertEquals("chat:conv-1", ticket.conversationKey());
        assertEquals(NOW, ticket.createdAt());
        assertEquals(NOW, ticket.lastInteractionAt());
        String customerId = customers.findByIdentity(ANN).orElseThrow();
        assertEquals(customerId, ticket.customerId());
        assertEquals(result.ticketId(), stores.pointers().findConversation("chat:conv-1").orElseThrow());
        assertEquals(1L, customers.ticketCount(customerId));

        assertEquals(1, record.messages().size());
        Message message = record.messages().get(0);
        assertEquals(result.messageId(), message.messageId());
        assertEquals(Message.Kind.CUSTOMER, message.kind());
        assertEquals("Where is my order #123?\nIt was due Friday.", message.text());
        assertEquals(customerId, message.authorId());
        assertEquals(NOW, message.createdAt());
        assertEquals(List.of(), record.notes());

        assertEquals(List.of("created", "message"), record.timeline().stream().map(TimelineEntry::type).toList());
        assertEquals(result.messageId(), record.timeline().get(1).details().get("messageId"));

        assertEquals(List.of(DetailType.TICKET_RECEIVED), publisher.detailTypes());
        Map<String, Object> detail = publisher.published.get(0).detail();
        assertEquals("1", detail.get("version"));
        assertEquals(result.ticketId(), detail.get("ticketId"));
        assertEquals(result.messageId(), detail.get("messageId"));
        assertEquals(1L, ((Number) detail.get("number")).longValue());
        assertEquals("New", detail.get("status"));
        assertEquals(false, detail.get("handoff"));
    }

    @Test
    @DisplayName("R-INGEST-2 a second message on the same conversation joins the ticket; it stays New")
    void secondMessageJoinsSameTicket() {
        IngestResult first = ingest.accept(chat("p-1", "Hello?"));
        IngestResult second = ingest.accept(chat("p-2", "Anyone there?"));

        assertEquals(first.ticketId(), second.ticketId());
        assertFalse(second.createdTicket());
        assertFalse(second.duplicate());
        assertNotEquals(first.messageId(), second.messageId());

        TicketStore.TicketRecord record = load(first.ticketId());
        assertEquals(Status.NEW, record.ticket().status(), "R-STATUS-2 a follow-up on a New ticket keeps it New");
        assertEquals(Set.of(first.messageId(), second.messageId()),
                new HashSet<>(record.messages().stream().map(Message::messageId).toList()));
        assertEquals(List.of(DetailType.TICKET_RECEIVED, DetailType.CUSTOMER_REPLIED), publisher.detailTypes());
        assertEquals(second.messageId(), publisher.published.get(1).detail().get("messageId"));
        assertEquals(1L, customers.ticketCount(record.ticket().customerId()));
    }

    @Test
    @DisplayName("R-INGEST-2 another conversation of the same customer is another ticket of the same customer")
    void otherConversationIsAnotherTicket() {
        IngestResult a = ingest.accept(chat("p-1", "conv-1", "First topic", false));
        IngestResult b = ingest.accept(chat("p-2", "conv-2", "Second topic", false));
        assertNotEquals(a.ticketId(), b.ticketId());
        assertTrue(b.createdTicket());
        Ticket ta = tickets.find(a.ticketId()).orElseThrow();
        Ticket tb = tickets.find(b.ticketId()).orElseThrow();
        assertEquals(ta.customerId(), tb.customerId());
        assertEquals(List.of(1L, 2L), List.of(ta.number(), tb.number()));
        assertEquals(2L, customers.ticketCount(ta.customerId()));
    }

    @Test
    @DisplayName("R-INGEST-1 attachments are recorded with the message and an explicit subject wins")
    void attachmentsAndSubjectAreKept() {
        Attachment photo = new Attachment("broken.jpg", "image/jpeg", 48_213);
        IngestResult result = ingest.accept(new InboundMessage(Channel.EMAIL, "<m1@mail>", "email:<m1@mail>", "Ann",
                List.of(ANN), "  Broken lamp  ", "It arrived broken.", List.of(photo), NOW, false));
        TicketStore.TicketRecord record = load(result.ticketId());
        assertEquals("Broken lamp", record.ticket().subject());
        assertEquals(List.of(photo), record.messages().get(0).attachments());
    }

    /**
     * An IngestService whose first {@code deliveries} ticket-number draws wait until all of them have arrived (at
     * most 5 s), so that every delivery has already looked up its conversation and inbound receipt before any of
     * them commits: the deterministic form of messages arriving at the same moment.
     */
    private IngestService heldAtTicketNumber(int deliveries) {
        CountDownLatch allArrived = new CountDownLatch(deliveries);
        DynamoDbClient held = (DynamoDbClient) java.lang.reflect.Proxy.newProxyInstance(
                DynamoDbClient.class.getClassLoader(), new Class<?>[] {DynamoDbClient.class}, (proxy, method, args) -> {
                    if (method.getName().equals("updateItem")) {
                        allArrived.countDown();
                        allArrived.await(5, TimeUnit.SECONDS);
                    }
                    try {
                        return method.invoke(dynamo, args);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        return new IngestService(tickets, stores.pointers(), customers, new Counters(held, table), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    // ---- idempotency (R-INGEST-4) ----------------------------------------------------------------------

    @Test
    @DisplayName("R-INGEST-4 the same provider message delivered twice is stored once")
    void sameProviderMessageTwiceIsStoredOnce() {
        IngestResult first = ingest.accept(chat("p-1", "Hello"));
        IngestResult again = ingest.accept(chat("p-1", "Hello"));

        assertTrue(again.duplicate());
        assertFalse(again.createdTicket());
        assertEquals(first.ticketId(), again.ticketId());
        assertEquals(first.messageId(), again.messageId());
        TicketStore.TicketRecord record = load(first.ticketId());
        assertEquals(1, record.messages().size());
        assertEquals(1L, record.ticket().version());
        assertEquals(List.of(DetailType.TICKET_RECEIVED), publisher.detailTypes(), "nothing published again");
    }

    @Test
    @Timeout(60)
    @DisplayName("R-INGEST-4 twenty deliveries of the same provider message at once store it exactly once")
    void concurrentRedeliveriesStoreOneMessage() throws Exception {
        int threads = 20;
        IngestService racing = heldAtTicketNumber(threads);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<IngestResult> results = new ArrayList<>();
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<IngestResult>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                futures.add(pool.submit(() -> {
                    go.await();
                    return racing.accept(chat("p-same", "Hello, is my parcel lost?"));
                }));
            }
            go.countDown();
            for (Future<IngestResult> f : futures) {
                results.add(f.get(50, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }

        assertEquals(1, results.stream().map(IngestResult::ticketId).distinct().count(), "ticket ids: " + results);
        assertEquals(1, results.stream().map(IngestResult::messageId).distinct().count(), "message ids: " + results);
        assertEquals(1, results.stream().filter(r -> !r.duplicate()).count(), "exactly one delivery stored it");
        String ticketId = results.get(0).ticketId();
        TicketStore.TicketRecord record = load(ticketId);
        assertEquals(1, record.messages().size());
        assertEquals(results.get(0).messageId(), record.messages().get(0).messageId());
        assertEquals(ticketId, stores.pointers().findConversation("chat:conv-1").orElseThrow());

        String customerId = customers.findByIdentity(ANN).orElseThrow();
        assertEquals(1L, customers.ticketCount(customerId), "no other ticket was created");
        assertEquals(List.of(ticketId), stores.views().customerTickets(customerId, true, 50, null).items().stream()
                .map(Ticket::ticketId).toList());
        assertEquals(List.of(DetailType.TICKET_RECEIVED), publisher.detailTypes());
    }

    @Test
    @Timeout(60)
    @DisplayName("R-INGEST-2 messages of one new conversation arriving at once all thread into one ticket")
    void concurrentFirstMessagesOfOneConversationMakeOneTicket() throws Exception {
        int threads = 6;
        IngestService racing = heldAtTicketNumber(threads);
        customers.resolve(List.of(ANN), "Ann Larsson", NOW);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<IngestResult> results = new ArrayList<>();
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<IngestResult>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                int n = i;
                futures.add(pool.submit(() -> {
                    go.await();
                    return racing.accept(chat("p-" + n, "line " + n));
                }));
            }
            go.countDown();
            for (Future<IngestResult> f : futures) {
                results.add(f.get(50, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
        Set<String> ticketIds = new HashSet<>(results.stream().map(IngestResult::ticketId).toList());
        assertEquals(1, ticketIds.size(), "tickets: " + ticketIds);
        assertEquals(threads, load(ticketIds.iterator().next()).messages().size());
        assertEquals(1L, customers.ticketCount(customers.findByIdentity(ANN).orElseThrow()));
    }

    // ---- durable before acknowledged (R-INGEST-5) ------------------------------------------------------

    @Test
    @DisplayName("R-INGEST-5 with the event bus down the message is still stored and its event waits on the message item for the stream's retry")
    void busDownLeavesEventOnTheTicket() {
        publisher.failing = true;
        IngestResult result = ingest.accept(chat("p-1", "Hello"));

        assertTrue(result.createdTicket());
        assertFalse(result.duplicate());
        TicketStore.TicketRecord record = load(result.ticketId());
        assertEquals(Status.NEW, record.ticket().status());
        assertEquals(List.of(result.messageId()), record.messages().stream().map(Message::messageId).toList());
        assertEquals(List.of(), publisher.published);
        // The new ticket's first message carries the change, for the stream to deliver again.
        var item = dynamo.query(b -> b.tableName(table).consistentRead(true).keyConditionExpression("PK = :pk AND begins_with(SK, :msg)")
                .expressionAttributeValues(java.util.Map.of(
                        ":pk", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS(dev.helpdesk.store.TableDesign.ticketPk(result.ticketId())),
                        ":msg", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("MSG#")))).items().get(0);
        dev.helpdesk.store.RecordedChange pending = dev.helpdesk.store.ChangeRecords.of(item).orElseThrow();
        assertEquals(List.of(DetailType.TICKET_RECEIVED), pending.events().stream().map(HelpdeskEvent::detailType).toList());
        assertEquals(result.messageId(), pending.events().get(0).payload().get("messageId"));

        // The bus is back: the stream delivers the record again and the feed publishes it, with the same event id.
        publisher.failing = false;
        stores.changeFeed(publisher).apply(pending);
        assertEquals(List.of(DetailType.TICKET_RECEIVED), publisher.detailTypes());
        assertEquals(pending.events().get(0).eventId(), publisher.published.get(0).eventId());
    }

    // ---- chat handoff --------------------------------------------------------------------------------

    @Test
    @DisplayName("R-INGEST-1 a chat handed off by the bot also publishes \"Agent Handoff\"")
    void handoffPublishesAgentHandoff() {
        IngestResult result = ingest.accept(chat("p-1", "conv-1", "I want a human", true));
        assertEquals(List.of(DetailType.TICKET_RECEIVED, DetailType.AGENT_HANDOFF), publisher.detailTypes());
        assertEquals(true, publisher.published.get(0).detail().get("handoff"));
        assertEquals(result.ticketId(), publisher.published.get(1).ticketId());
    }

    @Test
    @DisplayName("R-INGEST-1 a handoff later in a bot conversation publishes \"Agent Handoff\" on the same ticket")
    void laterHandoffPublishesAgentHandoff() {
        IngestResult first = ingest.accept(chat("p-1", "conv-1", "Opening hours?", false));
        IngestResult handoff = ingest.accept(chat("p-2", "conv-1", "Talk to a person please", true));
        assertEquals(first.ticketId(), handoff.ticketId());
        assertEquals(List.of(DetailType.TICKET_RECEIVED, DetailType.CUSTOMER_REPLIED, DetailType.AGENT_HANDOFF),
                publisher.detailTypes());
        assertEquals(handoff.messageId(), publisher.published.get(2).detail().get("messageId"));
    }

    @Test
    @DisplayName("without a handoff no \"Agent Handoff\" is published")
    void noHandoffNoAgentHandoff() {
        ingest.accept(chat("p-1", "Hi"));
        ingest.accept(chat("p-2", "Hi again"));
        assertFalse(publisher.detailTypes().contains(DetailType.AGENT_HANDOFF));
    }

    // ---- the lifecycle on a customer's message (R-STATUS-2) --------------------------------------------

    /** Moves the ticket as an agent would, committing it straight through the store. */
    private Ticket move(String ticketId, Status to, Instant at) {
        Ticket current = tickets.find(ticketId).orElseThrow();
        return tickets.commit(new TicketChange(current.moved(new Lifecycle.Move(to, null, null, false, false), at), false,
                List.of(), List.of(), List.of(), null, null, null));
    }

    @Test
    @DisplayName("R-STATUS-2 R-INGEST-2 a customer writing on a Resolved ticket reopens it: Open, \"Ticket Reopened\"")
    void customerMessageOnResolvedTicketReopensIt() {
        IngestResult first = ingest.accept(chat("p-1", "Broken lamp"));
        Ticket resolved = move(first.ticketId(), Status.RESOLVED, NOW.minusSeconds(1));
        assertEquals(Status.RESOLVED, resolved.status());
        assertEquals(NOW.minusSeconds(1), resolved.closedAt());
        publisher.published.clear();

        IngestResult reply = ingest.accept(chat("p-2", "It is broken again"));

        assertEquals(first.ticketId(), reply.ticketId());
        assertFalse(reply.createdTicket());
        Ticket reopened = tickets.find(first.ticketId()).orElseThrow();
        assertEquals(Status.OPEN, reopened.status());
        assertNull(reopened.closedAt());
        assertEquals(NOW, reopened.lastInteractionAt());
        assertTrue(publisher.detailTypes().contains(DetailType.TICKET_REOPENED), "published: " + publisher.detailTypes());
        assertTrue(publisher.detailTypes().contains(DetailType.CUSTOMER_REPLIED), "published: " + publisher.detailTypes());
        assertEquals(1, publisher.detailTypes().stream().filter(DetailType.TICKET_REOPENED::equals).count());
        HelpdeskEvent changed = publisher.published.stream()
                .filter(e -> e.detailType().equals(DetailType.TICKET_STATUS_CHANGED)).findFirst().orElseThrow();
        assertEquals("Resolved", changed.payload().get("from"));
        assertEquals("Open", changed.payload().get("to"));
        assertTrue(load(first.ticketId()).timeline().stream().anyMatch(e -> e.type().equals("status")
                && "Open".equals(e.details().get("to"))), "the reopen is on the timeline");
    }

    @Test
    @DisplayName("R-STATUS-2 a customer writing on an Answered ticket makes it Open, without \"Ticket Reopened\"")
    void customerMessageOnAnsweredTicketMakesItOpen() {
        IngestResult first = ingest.accept(chat("p-1", "Question"));
        move(first.ticketId(), Status.ANSWERED, NOW.minusSeconds(1));
        publisher.published.clear();

        ingest.accept(chat("p-2", "Follow-up"));
        assertEquals(Status.OPEN, tickets.find(first.ticketId()).orElseThrow().status());
        assertEquals(List.of(DetailType.CUSTOMER_REPLIED, DetailType.TICKET_STATUS_CHANGED), publisher.detailTypes());
    }

    @Test
    @DisplayName("R-STATUS-2 a customer writing on a Spam ticket: the message is kept, the ticket stays Spam, nothing published")
    void customerMessageOnSpamTicketStaysSpam() {
        IngestResult first = ingest.accept(chat("p-1", "Buy cheap watches"));
        move(first.ticketId(), Status.SPAM, NOW.minusSeconds(1));
        publisher.published.clear();

        IngestResult again = ingest.accept(chat("p-2", "Buy more watches"));
        assertEquals(first.ticketId(), again.ticketId());
        TicketStore.TicketRecord record = load(first.ticketId());
        assertEquals(Status.SPAM, record.ticket().status());
        assertEquals(2, record.messages().size());
        assertEquals(List.of(), publisher.detailTypes());
    }

    @Test
    @DisplayName("R-STATUS-2 a customer writing on a Deleted ticket starts a new ticket, which the conversation now threads into")
    void customerMessageOnDeletedTicketStartsNewTicket() {
        IngestResult first = ingest.accept(chat("p-1", "Old question"));
        move(first.ticketId(), Status.DELETED, NOW.minusSeconds(1));
        publisher.published.clear();

        IngestResult fresh = ingest.accept(chat("p-2", "New question"));
        assertTrue(fresh.createdTicket());
        assertNotEquals(first.ticketId(), fresh.ticketId());
        Ticket ticket = tickets.find(fresh.ticketId()).orElseThrow();
        assertEquals(Status.NEW, ticket.status());
        assertEquals(2L, ticket.number());
        assertEquals(tickets.find(first.ticketId()).orElseThrow().customerId(), ticket.customerId());
        assertEquals(fresh.ticketId(), stores.pointers().findConversation("chat:conv-1").orElseThrow());
        assertEquals(1, load(first.ticketId()).messages().size(), "the deleted ticket got nothing");
        assertEquals(Status.DELETED, tickets.find(first.ticketId()).orElseThrow().status());
        assertEquals(List.of(DetailType.TICKET_RECEIVED), publisher.detailTypes());

        ingest.accept(chat("p-3", "And another thing"));
        assertEquals(2, load(fresh.ticketId()).messages().size(), "later messages join the new ticket");
    }

    @Test
    @DisplayName("R-STATUS-1 after a purge, the same conversation starts a fresh ticket")
    void conversationAfterPurgeStartsAFreshTicket() {
        IngestResult first = ingest.accept(chat("p-1", "Hello"));
        assertTrue(tickets.purge(first.ticketId()));
        IngestResult again = ingest.accept(chat("p-2", "Hello again"));
        assertTrue(again.createdTicket());
        assertNotEquals(first.ticketId(), again.ticketId());
        assertEquals(again.ticketId(), stores.pointers().findConversation("chat:conv-1").orElseThrow());
    }
}
