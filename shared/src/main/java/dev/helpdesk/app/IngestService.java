package dev.helpdesk.app;

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
import dev.helpdesk.store.TicketStore;
import java.time.Clock;
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
 * ticket moves as the lifecycle says, and the events go out through the outbox after the write.
 */
public final class IngestService {
    private static final int MAX_ATTEMPTS = 8;

    private final TicketStore tickets;
    private final CustomerStore customers;
    private final Counters counters;
    private final EventRelay relay;
    private final Clock clock;

    public IngestService(TicketStore tickets, CustomerStore customers, Counters counters, EventRelay relay, Clock clock) {
        this.tickets = tickets;
        this.customers = customers;
        this.counters = counters;
        this.relay = relay;
        this.clock = clock;
    }

    public IngestResult accept(InboundMessage inbound) {
        String channel = inbound.channel().wire();
        Optional<IngestResult> seen = duplicateOf(inbound);
        if (seen.isPresent()) {
            return seen.get();
        }
        Instant now = clock.instant();
        Customer customer = customers.resolve(inbound.identities(), inbound.customerName(), now);
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            Optional<Ticket> current = Optional.ofNullable(inbound.conversationKey())
                    .flatMap(tickets::findConversation).flatMap(tickets::find);
            TicketChange change = current
                    .map(ticket -> onExisting(ticket, inbound, now))
                    .orElseGet(() -> onNew(customer, inbound, null, now));
            try {
                tickets.commit(change);
            } catch (DuplicateInboundException redelivered) {
                return duplicateOf(inbound).orElseThrow(() -> redelivered);
            } catch (ConcurrentUpdateException raced) {
                continue;
            }
            relay.relay(change.events());
            String messageId = change.inbound().messageId();
            return new IngestResult(change.ticket().ticketId(), messageId, change.created(), false);
        }
        throw new ConcurrentUpdateException("conversation " + inbound.conversationKey() + " on " + channel
                + " kept changing; gave up after " + MAX_ATTEMPTS + " attempts");
    }

    private Optional<IngestResult> duplicateOf(InboundMessage inbound) {
        return tickets.findInbound(inbound.channel().wire(), inbound.providerMessageId())
                .map(r -> new IngestResult(r.ticketId(), r.messageId(), false, true));
    }

    private TicketChange onExisting(Ticket ticket, InboundMessage inbound, Instant now) {
        Lifecycle.Outcome outcome = Lifecycle.decide(ticket.status(), ticket.restoreStatus(), new Lifecycle.CustomerReply());
        return switch (outcome) {
            case Lifecycle.Move move -> reply(ticket, ticket.moved(move, now), move.reopened(), inbound, now);
            case Lifecycle.Stay stay -> reply(ticket, ticket, false, inbound, now);
            case Lifecycle.NewTicket fresh -> onNew(customerOf(ticket), inbound, ticket.ticketId(), now);
            case Lifecycle.Refusal refusal -> throw new IllegalStateException(refusal.reason());
            case Lifecycle.Removal removal -> throw new IllegalStateException("a customer reply never purges");
        };
    }

    private Customer customerOf(Ticket ticket) {
        return customers.find(ticket.customerId())
                .orElseThrow(() -> new IllegalStateException("ticket " + ticket.ticketId() + " has no customer"));
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
                new TimelineEntry(ticketId, now, customer.customerId(), "created",
                        Map.of("channel", inbound.channel().wire(), "number", number)),
                new TimelineEntry(ticketId, now, customer.customerId(), "message",
                        Map.of("messageId", message.messageId(), "kind", "customer")));
        Map<String, Object> payload = messagePayload(ticket, message);
        payload.put("subject", ticket.subject());
        payload.put("handoff", inbound.handoff());
        List<HelpdeskEvent> events = new ArrayList<>();
        events.add(HelpdeskEvent.of(DetailType.TICKET_RECEIVED, ticketId, now, payload));
        if (inbound.handoff()) {
            events.add(HelpdeskEvent.of(DetailType.AGENT_HANDOFF, ticketId, now, messagePayload(ticket, message)));
        }
        return new TicketChange(ticket, true, List.of(message), timeline, events, receipt(inbound, message),
                inbound.conversationKey(), previousTicketId);
    }

    private static Message messageOf(String ticketId, String customerId, InboundMessage inbound, Instant now) {
        return new Message(UUID.randomUUID().toString(), ticketId, Message.Kind.CUSTOMER, customerId,
                inbound.channel(), inbound.text(), inbound.attachments(), now);
    }

    private static TicketChange.InboundReceipt receipt(InboundMessage inbound, Message message) {
        return new TicketChange.InboundReceipt(inbound.channel().wire(), inbound.providerMessageId(),
                message.ticketId(), message.messageId());
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
