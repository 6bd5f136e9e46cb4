package dev.helpdesk.app;

import static org.junit.jupiter.api.Assertions.*;

import dev.helpdesk.domain.Channel;
import dev.helpdesk.domain.Identity;
import dev.helpdesk.domain.Message;
import dev.helpdesk.domain.TimelineEntry;
import dev.helpdesk.events.DetailType;
import dev.helpdesk.testing.RecordingMetrics;
import dev.helpdesk.outbound.OutboundReply;
import dev.helpdesk.outbound.OutboundSender;
import dev.helpdesk.outbound.OutboundSender.DeliveryException;
import dev.helpdesk.outbound.OutboundSenders;
import dev.helpdesk.store.Counters;
import dev.helpdesk.store.CustomerStore;
import dev.helpdesk.store.DeliveryStore;
import dev.helpdesk.store.TicketStore;
import dev.helpdesk.testing.LocalDynamo;
import dev.helpdesk.testing.MutableClock;
import dev.helpdesk.testing.RecordingPublisher;
import dev.helpdesk.testing.TicketStores;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Outbound delivery of agent replies through the use case, on DynamoDB Local with a recording sender (the
 * providers themselves have local stand-ins only in the offline cloud; see DeliveryEndToEndTest there).
 */
class ReplyDeliveryTest {
    private static final DynamoDbClient dynamo = LocalDynamo.sharedClient();
    private static final Instant T0 = Instant.parse("2026-06-01T09:00:00Z");

    private final MutableClock clock = new MutableClock(T0);
    private final RecordingSender sender = new RecordingSender();
    private TicketStores stores;
    private TicketStore tickets;
    private DeliveryStore deliveries;
    private RecordingPublisher publisher;
    private TicketActions actions;
    private IngestService ingest;
    private ReplyDelivery delivery;
    private String table;

    /** Records what it was asked to send; answers with {@code behaviour} (null: accept). */
    static final class RecordingSender implements OutboundSender {
        final List<OutboundReply> sent = new CopyOnWriteArrayList<>();
        volatile Function<OutboundReply, SendReceipt> behaviour;

        @Override
        public SendReceipt send(OutboundReply reply) {
            SendReceipt receipt = behaviour == null ? new SendReceipt("P-" + sent.size(), null) : behaviour.apply(reply);
            sent.add(reply);
            return receipt;
        }
    }

    @BeforeEach
    void wire() {
        table = LocalDynamo.freshTable(dynamo);
        stores = TicketStores.on(dynamo, table);
        tickets = stores.tickets();
        deliveries = new DeliveryStore(dynamo, table).feedingInline(change -> stores.changeFeed(publisher).apply(change));
        publisher = new RecordingPublisher();
        tickets.feedingInline(stores.changeFeed(publisher)::apply);
        CustomerStore customers = new CustomerStore(dynamo, table);
        actions = new TicketActions(tickets, stores.timers(), new TicketChanges(tickets), publisher, clock, new Counters(dynamo, table));
        ingest = new IngestService(tickets, stores.pointers(), customers, new Counters(dynamo, table), clock);
        delivery = new ReplyDelivery(tickets, customers, deliveries,
                new OutboundSenders(Map.of(Channel.SMS, sender, Channel.EMAIL, sender)), clock,
                new RecordingMetrics());
    }

    /** An SMS ticket answered by an agent; returns {ticketId, replyMessageId}. */
    private String[] answered(Channel channel, String text) {
        InboundMessage inbound = channel == Channel.SMS
                ? new InboundMessage(Channel.SMS, "SM" + System.nanoTime(), "sms:+46701234567:+46766861004", null,
                        List.of(Identity.phone("+46701234567")), null, "Where is it?", List.of(), T0, false)
                : new InboundMessage(Channel.EMAIL, "E" + System.nanoTime(), null, "Ann", List.of(Identity.email("Ann@Example.com")),
                        "Invoice wrong", "Please fix", List.of(), T0, false,
                        new InboundMessage.EmailDetails("in-" + System.nanoTime() + "@example.com", List.of(), null, null, null));
        String ticketId = ingest.accept(inbound).ticketId();
        actions.reply("agent-1", ticketId, text);
        Message reply = tickets.load(ticketId).orElseThrow().messages().stream()
                .filter(m -> m.kind() == Message.Kind.AGENT).reduce((a, b) -> b).orElseThrow();
        publisher.published.clear();
        return new String[] {ticketId, reply.messageId()};
    }

    private List<TimelineEntry> timeline(String ticketId, String type) {
        return tickets.load(ticketId).orElseThrow().timeline().stream().filter(e -> e.type().equals(type)).toList();
    }

    @Test
    @DisplayName("with the reply's time that 'Agent Replied' carries, a reply on a 60-message ticket is found by two item reads and no query of the ticket")
    void targetedRead() {
        String[] first = answered(Channel.SMS, "Looking into it");
        for (int i = 0; i < 58; i++) {
            clock.advance(Duration.ofSeconds(1));
            actions.reply("agent-1", first[0], "Update " + i);
        }
        clock.advance(Duration.ofSeconds(1));
        publisher.published.clear();
        actions.reply("agent-1", first[0], "It ships today");
        var replied = publisher.published.stream().filter(e -> e.detailType().equals(DetailType.AGENT_REPLIED)).findFirst().orElseThrow();
        String messageId = (String) replied.payload().get("messageId");
        Instant messageAt = Instant.parse((String) replied.payload().get("messageAt"));

        AtomicInteger queries = new AtomicInteger();
        AtomicInteger gets = new AtomicInteger();
        DynamoDbClient counted = LocalDynamo.client(List.of(new software.amazon.awssdk.core.interceptor.ExecutionInterceptor() {
            @Override
            public void beforeExecution(software.amazon.awssdk.core.interceptor.Context.BeforeExecution context,
                                        software.amazon.awssdk.core.interceptor.ExecutionAttributes attributes) {
                switch (context.request()) {
                    case software.amazon.awssdk.services.dynamodb.model.QueryRequest q -> queries.incrementAndGet();
                    case software.amazon.awssdk.services.dynamodb.model.GetItemRequest g -> gets.incrementAndGet();
                    default -> { }
                }
            }
        }));
        ReplyDelivery targeted = new ReplyDelivery(new TicketStore(counted, table), new CustomerStore(dynamo, table), deliveries,
                new OutboundSenders(Map.of(Channel.SMS, sender)), clock, new RecordingMetrics());

        assertEquals(ReplyDelivery.Outcome.DELIVERED, targeted.deliver(first[0], messageId, messageAt));
        assertEquals("It ships today", sender.sent.get(sender.sent.size() - 1).text());
        assertEquals(0, queries.get(), "no query of the ticket's partition");
        assertEquals(2, gets.get(), "the ticket and the reply");

        // An event from before messageAt existed: the reply is still found, by reading the whole ticket.
        assertEquals(ReplyDelivery.Outcome.DELIVERED, targeted.deliver(first[0], first[1]));
        assertTrue(queries.get() > 0);
        // A wrong time finds nothing to send rather than another message.
        assertEquals(ReplyDelivery.Outcome.NOTHING_TO_SEND, targeted.deliver(first[0], messageId, messageAt.plusMillis(1)));
        counted.close();
    }

    @Test
    @DisplayName("an SMS reply goes to the customer's number from the brand's number; delivered once, on the timeline and the bus")
    void deliversOnce() {
        String[] r = answered(Channel.SMS, "It ships today");
        assertEquals(ReplyDelivery.Outcome.DELIVERED, delivery.deliver(r[0], r[1]));
        OutboundReply sent = sender.sent.get(0);
        assertEquals("+46701234567", sent.to());
        assertEquals("+46766861004", sent.from());
        assertEquals("It ships today", sent.text());
        assertEquals(List.of(DetailType.REPLY_DELIVERED), publisher.detailTypes());
        assertEquals("P-0", timeline(r[0], "delivered").get(0).details().get("providerMessageId"));
        assertEquals(ReplyDelivery.Outcome.ALREADY_DONE, delivery.deliver(r[0], r[1]), "a redelivered event sends nothing");
        assertEquals(1, sender.sent.size());
        assertEquals(1, timeline(r[0], "delivered").size());
    }

    @Test
    @DisplayName("R-INGEST-4 eight deliveries of one reply at once (real threads, DynamoDB Local) send it exactly once")
    void concurrentDeliveriesSendOnce() throws Exception {
        String[] r = answered(Channel.SMS, "Once only");
        sender.behaviour = reply -> {
            sleep(150);
            return new OutboundSender.SendReceipt("P-slow", null);
        };
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch go = new CountDownLatch(1);
        AtomicInteger busy = new AtomicInteger();
        List<Future<ReplyDelivery.Outcome>> results = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            results.add(pool.submit(() -> {
                go.await();
                try {
                    return delivery.deliver(r[0], r[1]);
                } catch (DeliveryException e) {
                    assertFalse(e.permanent());
                    busy.incrementAndGet();
                    return null;
                }
            }));
        }
        go.countDown();
        int delivered = 0;
        for (Future<ReplyDelivery.Outcome> f : results) {
            if (f.get() == ReplyDelivery.Outcome.DELIVERED) {
                delivered++;
            }
        }
        pool.shutdown();
        assertEquals(1, delivered);
        assertEquals(1, sender.sent.size(), "sent exactly once");
        assertTrue(busy.get() >= 1, "the others were told to retry later (or found it done)");
        assertEquals(ReplyDelivery.Outcome.ALREADY_DONE, delivery.deliver(r[0], r[1]));
    }

    @Test
    @DisplayName("a transient failure gives the claim back and is thrown (EventBridge retries); the retry sends")
    void transientFailureIsRetried() {
        String[] r = answered(Channel.SMS, "Retry me");
        sender.behaviour = reply -> {
            throw DeliveryException.transientFailure("Twilio answered 503");
        };
        DeliveryException thrown = assertThrows(DeliveryException.class, () -> delivery.deliver(r[0], r[1]));
        assertFalse(thrown.permanent());
        assertTrue(timeline(r[0], "delivered").isEmpty());
        sender.behaviour = null;
        assertEquals(ReplyDelivery.Outcome.DELIVERED, delivery.deliver(r[0], r[1]));
        assertEquals(2, timeline(r[0], "delivered").get(0).details().get("attempt"));
    }

    @Test
    @DisplayName("an attempt that died while holding the claim blocks others only until its lease runs out")
    void deadHolderLeaseRunsOut() {
        String[] r = answered(Channel.SMS, "Lease");
        assertTrue(deliveries.claim(r[1], r[0], clock.instant()).claimed(), "a holder that then crashed");
        assertThrows(DeliveryException.class, () -> delivery.deliver(r[0], r[1]));
        assertTrue(sender.sent.isEmpty());
        clock.advance(DeliveryStore.LEASE.plus(Duration.ofSeconds(1)));
        assertEquals(ReplyDelivery.Outcome.DELIVERED, delivery.deliver(r[0], r[1]));
        assertEquals(1, sender.sent.size());
    }

    @Test
    @DisplayName("a permanent refusal is recorded as 'delivery failed' with the reason and never retried")
    void permanentFailureIsRecorded() {
        String[] r = answered(Channel.SMS, "Bad number");
        sender.behaviour = reply -> {
            throw DeliveryException.permanent("Twilio answered 400: invalid 'To' number");
        };
        assertEquals(ReplyDelivery.Outcome.FAILED, delivery.deliver(r[0], r[1]));
        assertEquals(List.of(DetailType.REPLY_DELIVERY_FAILED), publisher.detailTypes());
        assertTrue(String.valueOf(timeline(r[0], "delivery failed").get(0).details().get("reason")).contains("invalid 'To'"));
        sender.behaviour = null;
        assertEquals(ReplyDelivery.Outcome.ALREADY_DONE, delivery.deliver(r[0], r[1]));
        assertTrue(sender.sent.isEmpty());
    }

    @Test
    @DisplayName("a channel with no sender configured fails visibly instead of dropping the reply")
    void unconfiguredChannel() {
        String[] r = answered(Channel.SMS, "Nobody sends this");
        ReplyDelivery noSenders = new ReplyDelivery(tickets, new CustomerStore(dynamo, table), deliveries,
                new OutboundSenders(Map.of()), clock,
                new RecordingMetrics());
        assertEquals(ReplyDelivery.Outcome.FAILED, noSenders.deliver(r[0], r[1]));
        assertTrue(String.valueOf(timeline(r[0], "delivery failed").get(0).details().get("reason")).contains("no outbound sender"));
    }

    @Test
    @DisplayName("an email reply goes to the customer's address; its Message-ID threads the customer's answer back")
    void emailThreadsBack() {
        String[] r = answered(Channel.EMAIL, "Fixed it");
        sender.behaviour = reply -> new OutboundSender.SendReceipt("ses-1", "ses-1@email.amazonses.com");
        assertEquals(ReplyDelivery.Outcome.DELIVERED, delivery.deliver(r[0], r[1]));
        assertEquals("ann@example.com", sender.sent.get(0).to());
        assertTrue(sender.sent.get(0).emailSubject().startsWith("Re: Invoice wrong [#"));
        assertEquals(r[0], stores.pointers().findThreadRef("ses-1@email.amazonses.com").orElseThrow());
    }

    @Test
    @DisplayName("a purged ticket's reply is not sent")
    void purgedTicket() {
        String[] r = answered(Channel.SMS, "Too late");
        assertTrue(tickets.purge(r[0]));
        assertEquals(ReplyDelivery.Outcome.NOTHING_TO_SEND, delivery.deliver(r[0], r[1]));
        assertTrue(sender.sent.isEmpty());
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
