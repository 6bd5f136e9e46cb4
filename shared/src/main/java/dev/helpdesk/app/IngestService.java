package dev.helpdesk.app;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import dev.helpdesk.observability.WorkLog;
import dev.helpdesk.domain.Customer;
import dev.helpdesk.domain.Lifecycle;
import dev.helpdesk.domain.Message;
import dev.helpdesk.domain.Status;
import dev.helpdesk.domain.Ticket;
import dev.helpdesk.domain.TimelineEntry;
import dev.helpdesk.events.DetailType;
import dev.helpdesk.events.HelpdeskEvent;
import dev.helpdesk.store.Counters;
import dev.helpdesk.store.CustomerStore;
import dev.helpdesk.store.StoreExceptions.ConcurrentUpdateException;
import dev.helpdesk.store.StoreExceptions.DuplicateInboundException;
import dev.helpdesk.store.TicketChange;
import dev.helpdesk.store.TicketPointers;
import dev.helpdesk.store.TicketStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Stores a customer's message on the right ticket, exactly once (R-INGEST-2..5): the customer is resolved
 * from the message's identities, the message threads into its conversation's ticket (or starts one), the
 * ticket moves as the lifecycle says, and the events ride on the write to the table stream (ChangeFeed).
 */
public final class IngestService {
    private static final Logger LOG = LoggerFactory.getLogger(IngestService.class);
    /** A customer writing within this time after a ticket was resolved reopens it; later, a new ticket starts. */
    public static final Duration DEFAULT_REOPEN_WINDOW = Duration.ofDays(14);
    /** Longer bodies are cut (a DynamoDB item holds 400 KB); the cut is marked. */
    static final int MAX_STORED_CHARS = 100_000;

    private final TicketStore tickets;
    private final TicketPointers pointers;
    private final CustomerStore customers;
    private final Counters counters;
    private final Clock clock;
    private final Duration reopenWindow;
    private final SlaTimers sla;

    public IngestService(TicketStore tickets, TicketPointers pointers, CustomerStore customers, Counters counters, Clock clock,
                         Duration reopenWindow, SlaTimers sla) {
        this.tickets = tickets;
        this.pointers = pointers;
        this.customers = customers;
        this.counters = counters;
        this.clock = clock;
        this.reopenWindow = reopenWindow;
        this.sla = sla;
    }

    public IngestService(TicketStore tickets, TicketPointers pointers, CustomerStore customers, Counters counters, Clock clock,
                         Duration reopenWindow) {
        this(tickets, pointers, customers, counters, clock, reopenWindow, SlaTimers.NONE);
    }

    public IngestService(TicketStore tickets, TicketPointers pointers, CustomerStore customers, Counters counters, Clock clock) {
        this(tickets, pointers, customers, counters, clock, DEFAULT_REOPEN_WINDOW);
    }

    public IngestResult accept(InboundMessage inbound) {
        WorkLog.clear();
        String channel = inbound.channel().wire();
        Optional<IngestResult> seen = duplicateOf(inbound);
        if (seen.isPresent()) {
            WorkLog.ticket(seen.get().ticketId());
            LOG.info("{} message {} was already stored (provider redelivery)", channel, seen.get().messageId());
            return seen.get();
        }
        Instant now = clock.instant();
        Customer customer = customers.resolve(inbound.identities(), inbound.customerName(), now);
        WorkLog.customer(customer.customerId());
        return ConflictRetry.DEFAULT.run("conversation " + inbound.conversationKey() + " on " + channel, () -> {
            // The conversation may point at a ticket that was purged since: the new ticket takes the pointer over.
            String pointer = inbound.conversationKey() == null ? null
                    : pointers.findConversation(inbound.conversationKey()).orElse(null);
            Optional<Ticket> current = findThread(inbound, customer, pointer);
            TicketChange change = sla.arm(current
                    .map(ticket -> onExisting(ticket, customer, inbound, now))
                    .orElseGet(() -> onNew(customer, inbound, pointer, now)));
            try {
                if (current.isPresent()) {
                    tickets.commit(current.get(), change);
                } else {
                    tickets.commit(change);
                }
            } catch (DuplicateInboundException redelivered) {
                return duplicateOf(inbound).orElseThrow(() -> redelivered);
            }
            String messageId = change.inbound().messageId();
            WorkLog.ticket(change.ticket().ticketId());
            LOG.info("{} message {} stored on {} ticket #{}", channel, messageId, change.created() ? "a new" : "its",
                    change.ticket().number());
            return new IngestResult(change.ticket().ticketId(), messageId, change.created(), false);
        });
    }

    private Optional<IngestResult> duplicateOf(InboundMessage inbound) {
        return pointers.findInbound(inbound.channel().wire(), inbound.providerMessageId())
                .map(r -> new IngestResult(r.ticketId(), r.messageId(), false, true));
    }

    /**
     * The ticket this message continues (R-INGEST-2): a chat, SMS or social conversation by its key; an email by
     * the Message-IDs it answers, then by a ticket number in its subject, and only if the sender is that
     * ticket's customer (a stranger replying to a forwarded thread starts a ticket of their own).
     */
    private Optional<Ticket> findThread(InboundMessage inbound, Customer customer, String conversationPointer) {
        if (inbound.conversationKey() != null) {
            return Optional.ofNullable(conversationPointer).flatMap(tickets::find);
        }
        InboundMessage.EmailDetails email = inbound.email();
        if (email == null) {
            return Optional.empty();
        }
        Optional<String> ticketId = email.replyTo().stream().map(pointers::findThreadRef).flatMap(Optional::stream).findFirst();
        if (ticketId.isEmpty() && email.ticketNumber() != null) {
            ticketId = pointers.findByNumber(email.ticketNumber());
        }
        return ticketId.flatMap(tickets::find).filter(ticket -> ticket.customerId().equals(customer.customerId()));
    }

    private TicketChange onExisting(Ticket ticket, Customer customer, InboundMessage inbound, Instant now) {
        if (ticket.status() == Status.RESOLVED && ticket.closedAt() != null
                && ticket.closedAt().plus(reopenWindow).isBefore(now)) {
            // Resolved long ago: this is a new matter, not a reopening.
            return onNew(customer, inbound, ticket.ticketId(), now);
        }
        Lifecycle.Outcome outcome = Lifecycle.decide(ticket.status(), ticket.restoreStatus(), new Lifecycle.CustomerReply());
        return switch (outcome) {
            case Lifecycle.Move move -> reply(ticket, ticket.moved(move, now), move.reopened(), inbound, now);
            case Lifecycle.Stay stay -> reply(ticket, ticket, false, inbound, now);
            case Lifecycle.NewTicket fresh -> onNew(customer, inbound, ticket.ticketId(), now);
            case Lifecycle.Refusal refusal -> throw new IllegalStateException(refusal.reason());
            case Lifecycle.Removal removal -> throw new IllegalStateException("a customer reply never purges");
        };
    }

    private TicketChange reply(Ticket before, Ticket after, boolean reopened, InboundMessage inbound, Instant now) {
        Message message = messageOf(after.ticketId(), after.customerId(), inbound, now);
        List<TimelineEntry> timeline = new ArrayList<>();
        timeline.add(new TimelineEntry(after.ticketId(), now, after.customerId(), "message",
                Map.of("messageId", message.messageId(), "kind", "customer")));
        List<HelpdeskEvent> events = new ArrayList<>();
        if (after.status() != Status.SPAM) {
            events.add(HelpdeskEvent.of(DetailType.CUSTOMER_REPLIED, after.ticketId(), now,
                    messagePayload(after, message)));
        }
        if (before.status() != after.status()) {
            timeline.add(new TimelineEntry(after.ticketId(), now, after.customerId(), "status",
                    Map.of("from", before.status().wire(), "to", after.status().wire())));
            events.add(HelpdeskEvent.of(DetailType.TICKET_STATUS_CHANGED, after.ticketId(), now,
                    Map.of("from", before.status().wire(), "to", after.status().wire(), "actor", after.customerId())));
        }
        if (reopened) {
            events.add(HelpdeskEvent.of(DetailType.TICKET_REOPENED, after.ticketId(), now, messagePayload(after, message)));
        }
        if (inbound.handoff()) {
            events.add(HelpdeskEvent.of(DetailType.AGENT_HANDOFF, after.ticketId(), now, messagePayload(after, message)));
        }
        return new TicketChange(after, List.of(message), timeline, events, receipt(inbound, message));
    }

    /** @param previousTicketId the ticket the conversation pointed at (a Deleted one), or null */
    private TicketChange onNew(Customer customer, InboundMessage inbound, String previousTicketId, Instant now) {
        String ticketId = UUID.randomUUID().toString();
        long number = counters.next(Counters.TICKET_NUMBER);
        Ticket ticket = Ticket.open(ticketId, number, subjectOf(inbound), inbound.channel(), customer.customerId(),
                inbound.conversationKey(), now);
        Message message = messageOf(ticketId, customer.customerId(), inbound, now);
        List<TimelineEntry> timeline = List.of(
                new TimelineEntry(ticketId, now, customer.customerId(), "created", Map.of("channel", inbound.channel().wire(),
                        "number", number, "awaitingHandoff", inbound.withBot() && !inbound.handoff())),
                new TimelineEntry(ticketId, now, customer.customerId(), "message",
                        Map.of("messageId", message.messageId(), "kind", "customer")));
        Map<String, Object> payload = messagePayload(ticket, message);
        payload.put("subject", ticket.subject());
        payload.put("handoff", inbound.handoff());
        // A chat still with the brand's bot: classified now, routed only at its handoff.
        payload.put("awaitingHandoff", inbound.withBot() && !inbound.handoff());
        List<HelpdeskEvent> events = new ArrayList<>();
        events.add(HelpdeskEvent.of(DetailType.TICKET_RECEIVED, ticketId, now, payload));
        if (inbound.handoff()) {
            // Handed off in its very first message: the creation's classification covers it.
            Map<String, Object> handoff = messagePayload(ticket, message);
            handoff.put("newTicket", true);
            events.add(HelpdeskEvent.of(DetailType.AGENT_HANDOFF, ticketId, now, handoff));
        }
        // Only a conversation has a pointer to move; email threads by Message-ID instead.
        return new TicketChange(ticket, true, List.of(message), timeline, events, receipt(inbound, message),
                inbound.conversationKey(), inbound.conversationKey() == null ? null : previousTicketId);
    }

    private static Message messageOf(String ticketId, String customerId, InboundMessage inbound, Instant now) {
        InboundMessage.EmailDetails email = inbound.email();
        return new Message(UUID.randomUUID().toString(), ticketId, Message.Kind.CUSTOMER, customerId,
                inbound.channel(), capped(inbound.text()), inbound.attachments(), now,
                email == null ? null : capped(email.fullText()), email == null ? null : capped(email.html()));
    }

    private static String capped(String text) {
        return text == null || text.length() <= MAX_STORED_CHARS ? text
                : text.substring(0, MAX_STORED_CHARS) + "\n[… cut: " + (text.length() - MAX_STORED_CHARS) + " more characters]";
    }

    private static TicketChange.InboundReceipt receipt(InboundMessage inbound, Message message) {
        return new TicketChange.InboundReceipt(inbound.channel().wire(), inbound.providerMessageId(),
                message.ticketId(), message.messageId(), inbound.email() == null ? null : inbound.email().messageId());
    }

    private static Map<String, Object> messagePayload(Ticket ticket, Message message) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("number", ticket.number());
        payload.put("channel", ticket.channel().wire());
        payload.put("customerId", ticket.customerId());
        payload.put("messageId", message.messageId());
        payload.put("status", ticket.status().wire());
        return payload;
    }

    private static String subjectOf(InboundMessage inbound) {
        if (inbound.subject() != null && !inbound.subject().isBlank()) {
            return inbound.subject().strip();
        }
        String firstLine = inbound.text().strip().lines().findFirst().orElse("");
        return firstLine.length() <= 80 ? firstLine : firstLine.substring(0, 77) + "...";
    }
}
