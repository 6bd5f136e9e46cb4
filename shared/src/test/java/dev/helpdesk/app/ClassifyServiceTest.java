package dev.helpdesk.app;

import static org.junit.jupiter.api.Assertions.*;

import dev.helpdesk.ai.SentimentModel;
import dev.helpdesk.app.ClassifyService.Policy;
import dev.helpdesk.app.ClassifyService.Trigger;
import dev.helpdesk.domain.Ticket;
import dev.helpdesk.domain.Channel;
import dev.helpdesk.domain.Classification;
import dev.helpdesk.domain.Identity;
import dev.helpdesk.domain.Sentiment;
import dev.helpdesk.domain.SentimentLabel;
import dev.helpdesk.events.DetailType;
import dev.helpdesk.events.HelpdeskEvent;
import dev.helpdesk.testing.RecordingMetrics;
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
import java.util.Deque;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** R-SENT-1, -3, -6: when a ticket is classified, what is announced, and what happens when the model fails. */
class ClassifyServiceTest {
    private static final DynamoDbClient dynamo = LocalDynamo.sharedClient();
    private static final Instant T0 = Instant.parse("2026-05-04T10:00:00Z");
    private static final Policy POLICY = new Policy(3, Duration.ofMillis(500), Duration.ofSeconds(25),
            List.of(Duration.ofMinutes(2), Duration.ofMinutes(10)));
    private static final SentimentModel.Reading READING = new SentimentModel.Reading(
            new Classification(new Sentiment(2, SentimentLabel.NEGATIVE), List.of("delivery")), "test-model", "p1", 120, 20, 35);

    private final MutableClock clock = new MutableClock(T0);
    /** The model's scripted answers, in order: a Reading, or null for a failure. */
    private final Deque<SentimentModel.Reading> script = new java.util.LinkedList<>();
    private final List<Duration> sleeps = new ArrayList<>();
    private final RecordingMetrics metrics = new RecordingMetrics();
    private TicketStores stores;
    private TicketStore tickets;
    private RecordingPublisher publisher;
    private ClassifyService classify;
    private IngestService ingest;
    private int calls;

    @BeforeEach
    void wire() {
        String table = LocalDynamo.freshTable(dynamo);
        stores = TicketStores.on(dynamo, table);
        tickets = stores.tickets();
        publisher = new RecordingPublisher();
        tickets.feedingInline(stores.changeFeed(publisher)::apply);
        ingest = new IngestService(tickets, stores.pointers(), new CustomerStore(dynamo, table), new Counters(dynamo, table), clock);
        SentimentModel model = (conversation, taxonomy) -> {
            calls++;
            if (script.isEmpty() || script.peek() == null) {
                script.poll();
                throw new SentimentModel.ModelFailure("ThrottlingException: slow down", null);
            }
            return script.poll();
        };
        classify = new ClassifyService(tickets, stores.timers(), new TicketChanges(tickets), model, clock, POLICY, d -> {
            sleeps.add(d);
            clock.advance(d);
        }, metrics);
    }

    private String newTicket() {
        String id = ingest.accept(new InboundMessage(Channel.CHAT, "p-" + System.nanoTime(), "chat:" + System.nanoTime(), null,
                List.of(Identity.email("c@example.com")), null, "Where is my parcel?", List.of(), T0, false)).ticketId();
        publisher.published.clear();
        return id;
    }

    private HelpdeskEvent only() {
        assertEquals(1, publisher.published.size(), publisher.detailTypes().toString());
        return publisher.published.get(0);
    }

    @Test
    @DisplayName("R-SENT-1 R-SENT-7 a new ticket is classified once and announced as 'Ticket Created' with sentiment and labels")
    void happyPath() {
        String id = newTicket();
        script.add(READING);
        assertTrue(classify.classify(id, Trigger.CREATED));
        HelpdeskEvent created = only();
        assertEquals(DetailType.TICKET_CREATED, created.detailType());
        assertEquals(Map.of("score", 2, "label", "Negative"), created.payload().get("sentiment"));
        assertEquals(List.of("delivery"), created.payload().get("labels"));
        var record = tickets.load(id).orElseThrow();
        assertEquals(SentimentLabel.NEGATIVE, record.ticket().sentiment().label());
        Map<String, Object> provenance = record.timeline().stream().filter(e -> e.type().equals("classified"))
                .findFirst().orElseThrow().details();
        assertEquals("test-model", provenance.get("model"));
        assertEquals("p1", provenance.get("promptVersion"));
        assertEquals(120, provenance.get("inputTokens"));
        assertEquals(List.of(120.0), metrics.values("ModelInputTokens"), "token metrics reported");

        publisher.published.clear();
        assertFalse(classify.classify(id, Trigger.CREATED), "a redelivered 'Ticket Received' changes nothing");
        assertTrue(publisher.published.isEmpty());
        assertEquals(1, calls);
    }

    @Test
    @DisplayName("R-SENT-6 throttled twice, then answered: three attempts with exponential backoff")
    void retriesWithBackoff() {
        String id = newTicket();
        script.add(null);
        script.add(null);
        script.add(READING);
        classify.classify(id, Trigger.CREATED);
        assertEquals(List.of(Duration.ofMillis(500), Duration.ofMillis(1000)), sleeps);
        assertNotNull(only().payload().get("sentiment"));
        assertEquals(3, tickets.load(id).orElseThrow().timeline().stream().filter(e -> e.type().equals("classified"))
                .findFirst().orElseThrow().details().get("attempts"));
    }

    @Test
    @DisplayName("R-SENT-6 the model keeps failing: 'Ticket Created' without sentiment and with the reason; a later retry classifies")
    void givesUpThenRetriesLater() {
        String id = newTicket();
        script.add(null);
        script.add(null);
        script.add(null);
        classify.classify(id, Trigger.CREATED);
        HelpdeskEvent created = only();
        assertEquals(DetailType.TICKET_CREATED, created.detailType());
        assertNull(created.payload().get("sentiment"));
        assertTrue(String.valueOf(created.payload().get("unclassifiedReason")).contains("after 3 attempts"));
        assertNull(tickets.find(id).orElseThrow().sentiment());
        assertTrue(stores.timers().findTimer(id, ClassifyService.TIMER).isPresent());

        publisher.published.clear();
        assertEquals(0, classify.retryDue(), "not due yet");
        clock.advance(Duration.ofMinutes(3));
        script.add(READING);
        assertEquals(1, classify.retryDue());
        assertEquals(DetailType.TICKET_CLASSIFIED, only().detailType());
        assertNotNull(tickets.find(id).orElseThrow().sentiment());
        assertTrue(stores.timers().findTimer(id, ClassifyService.TIMER).isEmpty(), "timer cleared once classified");
    }

    @Test
    @DisplayName("R-SENT-6 retries are bounded: after the last retry delay the timer is gone and nothing more is tried")
    void retriesAreBounded() {
        String id = newTicket();
        for (int i = 0; i < 3 * 3; i++) {
            script.add(null);
        }
        classify.classify(id, Trigger.CREATED);
        clock.advance(Duration.ofMinutes(3));
        classify.retryDue();
        clock.advance(Duration.ofMinutes(11));
        classify.retryDue();
        assertTrue(stores.timers().findTimer(id, ClassifyService.TIMER).isEmpty());
        clock.advance(Duration.ofDays(1));
        int before = calls;
        assertEquals(0, classify.retryDue());
        assertEquals(before, calls);
        assertEquals(1, publisher.published.stream().filter(e -> e.detailType().equals(DetailType.TICKET_CREATED)).count());
    }

    /**
     * A model as the SDK runs it with an API-call timeout: each call records the time it was given and fails after
     * {@code answerAfter} or at that time, whichever comes first.
     */
    private SentimentModel timingOut(Duration answerAfter, List<Duration> limits) {
        return new SentimentModel() {
            @Override
            public Reading classify(String conversation, dev.helpdesk.domain.Taxonomy taxonomy) {
                throw new AssertionError("the budgeted call is used");
            }

            @Override
            public Reading classify(String conversation, dev.helpdesk.domain.Taxonomy taxonomy, Duration timeLeft) {
                limits.add(timeLeft);
                clock.advance(answerAfter.compareTo(timeLeft) < 0 ? answerAfter : timeLeft);
                throw new SentimentModel.ModelFailure("ApiCallTimeoutException after " + timeLeft, null);
            }
        };
    }

    /** Ten attempts, 2 s backoff, a 25 s budget: the budget, not the attempts, ends the tries. */
    private ClassifyService budgeted(SentimentModel model) {
        return new ClassifyService(tickets, stores.timers(), new TicketChanges(tickets), model, clock,
                new Policy(10, Duration.ofSeconds(2), Duration.ofSeconds(25), List.of()), d -> {
                    sleeps.add(d);
                    clock.advance(d);
                }, metrics);
    }

    @Test
    @DisplayName("R-SENT-6 issue 17: the budget holds the calls too; a model answering in 31.7 s is cut off, the ticket goes on unclassified within 25 s")
    void budgetBoundsTheCalls() {
        String id = newTicket();
        List<Duration> limits = new java.util.ArrayList<>();
        Instant start = clock.instant();
        budgeted(timingOut(Duration.ofMillis(31_700), limits)).classify(id, Trigger.CREATED);
        Duration spent = Duration.between(start, clock.instant());
        assertTrue(spent.compareTo(Duration.ofSeconds(25)) <= 0, "gave up within the budget itself: " + spent);
        assertEquals(Duration.ofSeconds(25), limits.get(0), "the first call may use the whole budget, no more");
        assertNull(only().payload().get("sentiment"), "routed on, unclassified");
        assertNotNull(only().payload().get("unclassifiedReason"));
    }

    @Test
    @DisplayName("R-SENT-6 failing fast, retries fit the budget: each call gets only what is left, no sleep passes it")
    void retriesFitTheBudget() {
        String id = newTicket();
        List<Duration> limits = new java.util.ArrayList<>();
        Instant start = clock.instant();
        budgeted(timingOut(Duration.ofSeconds(9), limits)).classify(id, Trigger.CREATED);
        assertTrue(Duration.between(start, clock.instant()).compareTo(Duration.ofSeconds(25)) <= 0,
                "within the budget: " + Duration.between(start, clock.instant()));
        // 9 s, sleep 2, 9 s, sleep 4: the third call gets the last second only.
        assertEquals(List.of(Duration.ofSeconds(25), Duration.ofSeconds(14), Duration.ofSeconds(1)), limits);
        assertNull(only().payload().get("sentiment"));
    }

    @Test
    @DisplayName("issue 16 ordering: the creation reading that finishes after the handoff's reading of the whole chat does not replace it")
    void olderReadingNeverOverwritesNewer() {
        String conversation = "chat:order-" + System.nanoTime();
        String id = ingest.accept(new InboundMessage(Channel.CHAT, "o-1", conversation, null, List.of(Identity.email("o@example.com")),
                null, "Hi, a question about my order", List.of(), T0, false)).ticketId();
        SentimentModel.Reading neutral = new SentimentModel.Reading(
                new Classification(new Sentiment(5, SentimentLabel.NEUTRAL), List.of("order tracking")), "test-model", "p1", 10, 5, 5);
        SentimentModel.Reading urgent = new SentimentModel.Reading(
                new Classification(new Sentiment(1, SentimentLabel.URGENT), List.of("refund")), "test-model", "p1", 10, 5, 5);
        // The creation reading is slow: while the model works on the first message, the customer writes again with a
        // handoff, and that reading of both messages lands first.
        java.util.concurrent.atomic.AtomicBoolean first = new java.util.concurrent.atomic.AtomicBoolean(true);
        SentimentModel slowFirst = (text, taxonomy) -> {
            if (first.getAndSet(false)) {
                clock.advance(Duration.ofSeconds(1));
                ingest.accept(new InboundMessage(Channel.CHAT, "o-2", conversation, null, List.of(Identity.email("o@example.com")),
                        null, "I want a refund NOW, get me a human", List.of(), clock.instant(), true));
                assertTrue(racing().classify(id, Trigger.HANDOFF));
                return neutral;
            }
            return urgent;
        };
        this.racingModel = slowFirst;
        ClassifyService creation = racing();
        assertFalse(creation.classify(id, Trigger.CREATED), "the older reading changes nothing");
        Ticket ticket = tickets.find(id).orElseThrow();
        assertEquals(SentimentLabel.URGENT, ticket.sentiment().label(), "the handoff's reading stands");
        assertEquals(List.of("refund"), ticket.labels());
        assertEquals(1, publisher.published.stream().filter(e -> e.detailType().equals(DetailType.TICKET_CREATED)).count(),
                "announced once: " + publisher.detailTypes());
    }

    private SentimentModel racingModel;

    private ClassifyService racing() {
        return new ClassifyService(tickets, stores.timers(), new TicketChanges(tickets), racingModel, clock, POLICY, d -> clock.advance(d),
                metrics);
    }

    @Test
    @DisplayName("R-SENT-3 a handoff or a reopening re-evaluates and announces 'Ticket Classified'")
    void reEvaluations() {
        String id = newTicket();
        script.add(READING);
        classify.classify(id, Trigger.CREATED);
        publisher.published.clear();
        script.add(new SentimentModel.Reading(new Classification(new Sentiment(1, SentimentLabel.URGENT), List.of("delivery", "refund")),
                "test-model", "p1", 10, 5, 3));
        classify.classify(id, Trigger.HANDOFF);
        assertEquals(DetailType.TICKET_CLASSIFIED, only().detailType());
        assertEquals(SentimentLabel.URGENT, tickets.find(id).orElseThrow().sentiment().label());
        publisher.published.clear();
        script.add(READING);
        classify.classify(id, Trigger.REOPENED);
        assertEquals(DetailType.TICKET_CLASSIFIED, only().detailType());
    }

    @Test
    @DisplayName("a failure is logged and counted by its kind only: the model's words (which may echo the customer) stay out")
    void failureCategoryKeepsTheModelsWordsOut() {
        assertEquals("unknown sentiment label", ClassifyService.category("unknown sentiment label: my card number is 4111…"));
        assertEquals("ThrottlingException", ClassifyService.category("ThrottlingException: slow down"));
        assertEquals(80, ClassifyService.category("x".repeat(500)).length());
        assertEquals("unknown", ClassifyService.category(null));
    }
}
