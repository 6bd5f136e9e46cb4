package dev.helpdesk.app;

import dev.helpdesk.observability.WorkLog;
import dev.helpdesk.domain.Channel;
import dev.helpdesk.domain.Customer;
import dev.helpdesk.domain.Message;
import dev.helpdesk.domain.Ticket;
import dev.helpdesk.domain.TimelineEntry;
import dev.helpdesk.events.DetailType;
import dev.helpdesk.events.HelpdeskEvent;
import dev.helpdesk.observability.Metrics;
import dev.helpdesk.outbound.OutboundReply;
import dev.helpdesk.outbound.OutboundSender;
import dev.helpdesk.outbound.OutboundSender.DeliveryException;
import dev.helpdesk.outbound.OutboundSenders;
import dev.helpdesk.outbound.Recipients;
import dev.helpdesk.store.CustomerStore;
import dev.helpdesk.store.DeliveryStore;
import dev.helpdesk.store.DeliveryStore.Claim;
import dev.helpdesk.store.DeliveryStore.State;
import dev.helpdesk.store.TicketStore;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes an agent's reply to the customer on the ticket's channel ("Agent Replied" → the channel's sender), once.
 * The outcome goes on the ticket's timeline and the bus: "Reply Delivered", or "Reply Delivery Failed" when the
 * provider refused it for good (a bad number, no sender configured). A transient failure (provider down,
 * throttled) is thrown, so that EventBridge retries the event and finally parks it in the dead-letter queue.
 */
public final class ReplyDelivery {
    private static final Logger LOG = LoggerFactory.getLogger(ReplyDelivery.class);

    public enum Outcome { DELIVERED, FAILED, ALREADY_DONE, NOTHING_TO_SEND }

    private final TicketStore tickets;
    private final CustomerStore customers;
    private final DeliveryStore deliveries;
    private final OutboundSenders senders;
    private final Clock clock;
    private final Metrics metrics;

    public ReplyDelivery(TicketStore tickets, CustomerStore customers, DeliveryStore deliveries, OutboundSenders senders,
                         Clock clock, Metrics metrics) {
        this.tickets = tickets;
        this.customers = customers;
        this.deliveries = deliveries;
        this.senders = senders;
        this.clock = clock;
        this.metrics = metrics;
    }

    /** Delivers a reply found by its id alone: reads the whole ticket (events from before "Agent Replied" had messageAt). */
    public Outcome deliver(String ticketId, String messageId) {
        return deliver(ticketId, messageId, null);
    }

    /**
     * Delivers the reply {@code messageId} of the ticket.
     *
     * @param messageAt when the reply was written ("Agent Replied"'s {@code messageAt}): with it, the reply and the
     *                  ticket are two item reads however long the conversation; null reads the whole ticket
     */
    public Outcome deliver(String ticketId, String messageId, Instant messageAt) {
        WorkLog.ticket(ticketId);
        Optional<Ticket> found;
        Optional<Message> reply;
        if (messageAt != null) {
            found = tickets.find(ticketId);
            reply = found.isEmpty() ? Optional.empty() : tickets.message(ticketId, messageAt, messageId);
        } else {
            Optional<TicketStore.TicketRecord> record = tickets.load(ticketId);
            found = record.map(TicketStore.TicketRecord::ticket);
            reply = record.flatMap(r -> r.messages().stream().filter(m -> m.messageId().equals(messageId)).findFirst());
        }
        reply = reply.filter(m -> m.kind() == Message.Kind.AGENT);
        if (reply.isEmpty()) {
            // Purged (or split away) before it could be sent: there is nobody to send it for.
            LOG.info("reply {} of ticket {} is gone; nothing to deliver", messageId, ticketId);
            return Outcome.NOTHING_TO_SEND;
        }
        Ticket ticket = found.get();
        Claim claim = deliveries.claim(messageId, ticketId, clock.instant());
        if (!claim.claimed()) {
            if (claim.state() == State.SENDING) {
                throw DeliveryException.transientFailure("reply " + messageId + " is being sent by another attempt");
            }
            return Outcome.ALREADY_DONE;
        }
        OutboundReply outbound;
        OutboundSender sender;
        try {
            // Only email needs the customer's profile (their address); the other channels' ends are in the ticket.
            Customer customer = ticket.channel() == Channel.EMAIL ? customers.find(ticket.customerId()).orElse(null) : null;
            outbound = Recipients.of(ticket, reply.get(), customer);
            sender = senders.forChannel(ticket.channel()).orElseThrow(() ->
                    DeliveryException.permanent("no outbound sender is configured for " + ticket.channel().wire()));
        } catch (DeliveryException e) {
            return failed(ticket, messageId, claim, e);
        }
        long started = System.nanoTime();
        try {
            OutboundSender.SendReceipt receipt = sender.send(outbound);
            long millis = (System.nanoTime() - started) / 1_000_000;
            Map<String, Object> details = details(ticket, messageId, claim);
            details.put("providerMessageId", receipt.providerMessageId() == null ? "" : receipt.providerMessageId());
            record(ticket, messageId, claim, State.SENT, receipt.providerMessageId(), "delivered",
                    DetailType.REPLY_DELIVERED, details, receipt.threadRef());
            metrics.emit(List.of(Metrics.Value.count("RepliesDelivered", 1),
                    Metrics.Value.millis("DeliveryLatency", millis)), Map.of("channel", ticket.channel().wire()));
            return Outcome.DELIVERED;
        } catch (DeliveryException e) {
            if (e.permanent()) {
                return failed(ticket, messageId, claim, e);
            }
            deliveries.release(messageId, claim, e.getMessage());
            metrics.emit(List.of(Metrics.Value.count("DeliveryRetries", 1)), Map.of("channel", ticket.channel().wire()));
            throw e;
        } catch (RuntimeException e) {
            deliveries.release(messageId, claim, String.valueOf(e.getMessage()));
            throw e;
        }
    }

    private Outcome failed(Ticket ticket, String messageId, Claim claim, DeliveryException e) {
        Map<String, Object> details = details(ticket, messageId, claim);
        details.put("reason", e.getMessage());
        record(ticket, messageId, claim, State.FAILED, e.getMessage(), "delivery failed", DetailType.REPLY_DELIVERY_FAILED,
                details, null);
        metrics.emit(List.of(Metrics.Value.count("DeliveryFailures", 1)), Map.of("channel", ticket.channel().wire()));
        LOG.warn("reply {} of ticket {} not delivered: {}", messageId, ticket.ticketId(), e.getMessage());
        return Outcome.FAILED;
    }

    private void record(Ticket ticket, String messageId, Claim claim, State state, String detail, String timelineType,
                        String detailType, Map<String, Object> details, String threadRef) {
        Instant now = clock.instant();
        HelpdeskEvent event = HelpdeskEvent.of(detailType, ticket.ticketId(), now, details);
        boolean written = deliveries.finish(messageId, claim, state, detail,
                new TimelineEntry(ticket.ticketId(), now, "delivery", timelineType, details), event, threadRef);
        if (written) {
        } else {
            LOG.warn("reply {}: the claim was taken over while sending; the other attempt records the outcome", messageId);
        }
    }

    private static Map<String, Object> details(Ticket ticket, String messageId, Claim claim) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("messageId", messageId);
        details.put("channel", ticket.channel().wire());
        details.put("number", ticket.number());
        details.put("attempt", claim.attempt());
        return details;
    }
}
