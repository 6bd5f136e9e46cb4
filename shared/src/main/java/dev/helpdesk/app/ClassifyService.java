package dev.helpdesk.app;

import dev.helpdesk.domain.Classification;
import dev.helpdesk.domain.Message;
import dev.helpdesk.domain.Taxonomy;
import dev.helpdesk.domain.Ticket;
import dev.helpdesk.domain.TimelineEntry;
import dev.helpdesk.events.DetailType;
import dev.helpdesk.events.HelpdeskEvent;
import dev.helpdesk.store.TicketChange;
import dev.helpdesk.store.TicketStore;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Classifies a new ticket once (R-SENT-1, R-SENT-3) and announces it as "Ticket Created", with sentiment and
 * labels, or with none and the reason when the model failed (routing must not wait for it, R-SENT-6).
 */
public final class ClassifyService {
    static final String ACTOR = "classifier";

    private final TicketStore tickets;
    private final TicketChanges changes;
    private final SentimentModel model;
    private final Clock clock;

    public ClassifyService(TicketStore tickets, TicketChanges changes, SentimentModel model, Clock clock) {
        this.tickets = tickets;
        this.changes = changes;
        this.model = model;
        this.clock = clock;
    }

    /** Returns false when there was nothing to do (ticket gone, or already classified: events arrive at least once). */
    public boolean classifyNew(String ticketId) {
        Optional<TicketStore.TicketRecord> record = tickets.load(ticketId);
        if (record.isEmpty() || alreadyAnnounced(record.get())) {
            return false;
        }
        String conversation = record.get().messages().stream()
                .filter(m -> m.kind() == Message.Kind.CUSTOMER).map(Message::text)
                .collect(Collectors.joining("\n---\n"));
        Classification classification = null;
        String failure = null;
        try {
            classification = model.classify(conversation, Taxonomy.DEFAULT);
        } catch (SentimentModel.ModelFailure e) {
            failure = e.getMessage();
        }
        Classification result = classification;
        String reason = failure;
        return changes.apply(ticketId, ticket -> Optional.of(announce(ticket, result, reason))).isPresent();
    }

    private static boolean alreadyAnnounced(TicketStore.TicketRecord record) {
        return record.timeline().stream().anyMatch(e -> e.type().equals("classified") || e.type().equals("unclassified"));
    }

    private TicketChange announce(Ticket ticket, Classification classification, String failure) {
        Instant now = clock.instant();
        Ticket after = classification == null ? ticket
                : ticket.withClassification(classification.sentiment(), classification.labels(), now);
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("number", ticket.number());
        payload.put("channel", ticket.channel().wire());
        payload.put("customerId", ticket.customerId());
        payload.put("sentiment", classification == null ? null : Map.of(
                "score", classification.sentiment().score(), "label", classification.sentiment().label().wire()));
        payload.put("labels", classification == null ? List.of() : classification.labels());
        if (failure != null) {
            payload.put("unclassifiedReason", failure);
        }
        TimelineEntry entry = new TimelineEntry(ticket.ticketId(), now, ACTOR,
                classification == null ? "unclassified" : "classified", payload);
        return new TicketChange(after, List.of(), List.of(entry),
                List.of(HelpdeskEvent.of(DetailType.TICKET_CREATED, ticket.ticketId(), now, payload)), null);
    }
}
