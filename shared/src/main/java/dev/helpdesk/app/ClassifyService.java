package dev.helpdesk.app;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import dev.helpdesk.observability.WorkLog;
import dev.helpdesk.ai.SentimentModel;
import dev.helpdesk.ai.SentimentModel.ModelFailure;
import dev.helpdesk.ai.SentimentModel.Reading;
import dev.helpdesk.domain.Message;
import dev.helpdesk.domain.Taxonomy;
import dev.helpdesk.domain.Ticket;
import dev.helpdesk.domain.TimelineEntry;
import dev.helpdesk.events.DetailType;
import dev.helpdesk.events.HelpdeskEvent;
import dev.helpdesk.observability.Metrics;
import dev.helpdesk.store.DueTimer;
import dev.helpdesk.store.TicketChange;
import dev.helpdesk.store.TicketStore;
import dev.helpdesk.store.TimerStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Reads a ticket with the model (R-SENT): at creation, at a chat's handoff, when reopened or split, never
 * otherwise and never for older tickets. The first reading is announced as "Ticket Created" (with sentiment and
 * labels, or none and the reason); later ones as "Ticket Classified". The model gets bounded attempts with
 * exponential backoff inside a time budget, so routing never waits longer than that budget (R-SENT-6); when it
 * gives up, a retry timer is armed and {@link #retryDue()} tries again later.
 */
public final class ClassifyService {
    private static final Logger LOG = LoggerFactory.getLogger(ClassifyService.class);
    static final String ACTOR = "classifier";
    public static final String TIMER = "CLASSIFY";

    /** Why a ticket is being classified. */
    public enum Trigger { CREATED, HANDOFF, REOPENED, SPLIT, RETRY }

    /**
     * @param attempts model calls per classification; @param backoff the first wait, doubled after each failure;
     * @param budget the most time spent before routing goes ahead without a classification;
     * @param retryDelays waits before each later retry by the timer; after the last one it gives up
     */
    public record Policy(int attempts, Duration backoff, Duration budget, List<Duration> retryDelays) {
        public static final Policy DEFAULT = new Policy(3, Duration.ofMillis(500), Duration.ofSeconds(25),
                List.of(Duration.ofMinutes(2), Duration.ofMinutes(10), Duration.ofMinutes(30), Duration.ofHours(2)));
    }

    /** Sleeps between attempts; tests pass one that does not. */
    public interface Sleeper {
        void sleep(Duration duration);
    }

    private final TicketStore tickets;
    private final TimerStore timers;
    private final TicketChanges changes;
    private final SentimentModel model;
    private final Clock clock;
    private final Policy policy;
    private final Sleeper sleeper;
    private final Metrics metrics;

    public ClassifyService(TicketStore tickets, TimerStore timers, TicketChanges changes, SentimentModel model, Clock clock,
                           Policy policy, Sleeper sleeper, Metrics metrics) {
        this.tickets = tickets;
        this.timers = timers;
        this.changes = changes;
        this.model = model;
        this.clock = clock;
        this.policy = policy;
        this.sleeper = sleeper;
        this.metrics = metrics;
    }

    /** Returns false when there was nothing to do (ticket gone, or its creation already announced). */
    public boolean classify(String ticketId, Trigger trigger) {
        WorkLog.ticket(ticketId);
        Optional<TicketStore.TicketRecord> record = tickets.load(ticketId);
        if (record.isEmpty()) {
            return false;
        }
        boolean announced = record.get().timeline().stream()
                .anyMatch(e -> e.type().equals("classified") || e.type().equals("unclassified"));
        if (trigger == Trigger.CREATED && announced) {
            return false; // EventBridge delivers at least once
        }
        if (trigger == Trigger.RETRY && record.get().ticket().sentiment() != null) {
            changes.apply(ticketId, t -> Optional.of(new TicketChange(t, List.of(), List.of(), List.of(), null).clearingTimer(TIMER)));
            return false;
        }
        Outcome outcome = read(conversation(record.get()));
        if (outcome.reading() != null) {
            LOG.info("classified ({}) as {} after {} attempt(s)", trigger, outcome.reading().classification(), outcome.attempts());
        } else {
            LOG.warn("not classified ({}): {} (after {} attempt(s))", trigger, category(outcome.failure()), outcome.attempts());
        }
        String through = lastCustomerMessage(record.get());
        int retry = trigger == Trigger.RETRY ? currentAttempt(ticketId) + 1 : 0;
        boolean awaitingHandoff = trigger == Trigger.CREATED && record.get().timeline().stream()
                .anyMatch(e -> e.type().equals("created") && Boolean.TRUE.equals(e.details().get("awaitingHandoff")));
        return changes.apply(ticketId, ticket -> Optional.ofNullable(record(ticket, trigger, outcome, retry, announced, awaitingHandoff,
                        through))).isPresent();
    }

    /** Retries the classifications that have come due; returns how many it tried. */
    public int retryDue() {
        List<DueTimer> due = timers.dueTimers(TIMER, clock.instant(), 50);
        due.forEach(timer -> classify(timer.ticketId(), Trigger.RETRY));
        return due.size();
    }

    private int currentAttempt(String ticketId) {
        return timers.findTimer(ticketId, TIMER).map(DueTimer::attempt).orElse(0);
    }

    private record Outcome(Reading reading, String failure, int attempts) {
    }

    /**
     * What kind of failure, for logs and metrics: the part before the first colon ("ThrottlingException", "unknown
     * sentiment label"), at most 80 characters. The rest may quote the model's answer, which may echo the customer.
     */
    static String category(String failure) {
        String kind = failure == null ? "unknown" : failure.split(":", 2)[0].strip();
        return kind.length() > 80 ? kind.substring(0, 80) : kind;
    }

    /** Less time than this left in the budget is not worth a call: routing goes ahead unclassified. */
    static final Duration MIN_ATTEMPT = Duration.ofSeconds(1);

    private Outcome read(String conversation) {
        Instant deadline = clock.instant().plus(policy.budget());
        Duration wait = policy.backoff();
        String failure = "no attempt made";
        int attempt = 0;
        while (attempt < policy.attempts()) {
            // Each call gets only what is left of the budget (the SDK cuts it off there), so the budget holds the
            // calls themselves and not only the waits between them (issue 17: a 31.7 s answer outlived a 25 s budget).
            Duration left = Duration.between(clock.instant(), deadline);
            if (left.compareTo(MIN_ATTEMPT) < 0) {
                break;
            }
            attempt++;
            try {
                Reading reading = model.classify(conversation, Taxonomy.DEFAULT, left);
                emit(reading, attempt);
                return new Outcome(reading, null, attempt);
            } catch (ModelFailure e) {
                failure = e.getMessage();
            }
            if (attempt == policy.attempts() || clock.instant().plus(wait).plus(MIN_ATTEMPT).isAfter(deadline)) {
                break;
            }
            sleeper.sleep(wait);
            wait = wait.multipliedBy(2);
        }
        metrics.emit(List.of(Metrics.Value.count("ClassificationFailed", 1)), Map.of("reason", category(failure)));
        return new Outcome(null, failure + " (after " + attempt + " attempt" + (attempt == 1 ? "" : "s") + ")", attempt);
    }

    /**
     * The change a reading makes, decided on the ticket as it is now; null when the ticket already holds a reading of
     * later messages (issue 16: a slow reading of the first message, finishing after the handoff's reading of the whole
     * chat, must not replace it).
     */
    private TicketChange record(Ticket ticket, Trigger trigger, Outcome outcome, int retry, boolean announced,
                                boolean awaitingHandoff, String through) {
        Instant now = clock.instant();
        Reading reading = outcome.reading();
        if (reading != null && ticket.classifiedBeyond(through)) {
            return null;
        }
        Ticket after = reading == null ? ticket
                : ticket.withClassification(reading.classification().sentiment(), reading.classification().labels(), now, through);
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("number", ticket.number());
        payload.put("channel", ticket.channel().wire());
        payload.put("customerId", ticket.customerId());
        payload.put("trigger", trigger.name().toLowerCase(java.util.Locale.ROOT));
        payload.put("sentiment", after.sentiment() == null ? null
                : Map.of("score", after.sentiment().score(), "label", after.sentiment().label().wire()));
        payload.put("labels", after.labels());
        if (awaitingHandoff) {
            payload.put("awaitingHandoff", true);
        }
        Map<String, Object> details = new LinkedHashMap<>(payload);
        if (reading != null) {
            details.put("model", reading.modelId());
            details.put("promptVersion", reading.promptVersion());
            details.put("inputTokens", reading.inputTokens());
            details.put("outputTokens", reading.outputTokens());
            details.put("latencyMs", reading.latencyMs());
            details.put("attempts", outcome.attempts());
        } else {
            payload.put("unclassifiedReason", outcome.failure());
            details.put("unclassifiedReason", outcome.failure());
        }
        String detailType = trigger == Trigger.CREATED || (!announced && trigger == Trigger.HANDOFF)
                ? DetailType.TICKET_CREATED : DetailType.TICKET_CLASSIFIED;
        TimelineEntry entry = new TimelineEntry(ticket.ticketId(), now, ACTOR, reading == null ? "unclassified" : "classified", details);
        // A failed retry on an already-unclassified ticket is only a timeline note; routing already went ahead.
        List<HelpdeskEvent> events = reading == null && trigger == Trigger.RETRY ? List.of()
                : List.of(HelpdeskEvent.of(detailType, ticket.ticketId(), now, payload));
        TicketChange change = new TicketChange(after, List.of(), List.of(entry), events, null);
        if (reading != null) {
            return change.clearingTimer(TIMER);
        }
        if (retry < policy.retryDelays().size()) {
            return change.withTimer(new DueTimer(ticket.ticketId(), TIMER, now.plus(policy.retryDelays().get(retry)), retry));
        }
        return change.clearingTimer(TIMER);
    }

    /** The last customer message a reading of this record reads, as {@code <sortable time>#<messageId>}. */
    private static String lastCustomerMessage(TicketStore.TicketRecord record) {
        return record.messages().stream().filter(m -> m.kind() == Message.Kind.CUSTOMER)
                .map(m -> dev.helpdesk.store.SortableTime.format(m.createdAt()) + "#" + m.messageId())
                .max(String::compareTo).orElse(null);
    }

    private static String conversation(TicketStore.TicketRecord record) {
        return record.messages().stream().filter(m -> m.kind() == Message.Kind.CUSTOMER).map(Message::text)
                .collect(Collectors.joining("\n---\n"));
    }

    private void emit(Reading reading, int attempts) {
        metrics.emit(List.of(
                Metrics.Value.millis("ClassificationLatency", reading.latencyMs()),
                Metrics.Value.count("ModelInputTokens", reading.inputTokens()),
                Metrics.Value.count("ModelOutputTokens", reading.outputTokens()),
                Metrics.Value.count("ClassificationAttempts", attempts)),
                Map.of("model", reading.modelId(), "promptVersion", reading.promptVersion()));
    }
}
