package dev.helpdesk.delivery;

import dev.helpdesk.app.ReplyDelivery;
import dev.helpdesk.events.BusEvent;
import dev.helpdesk.events.DetailType;
import io.micronaut.context.ApplicationContext;
import dev.helpdesk.config.HelpdeskHandler;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;

/**
 * Lambda target of the delivery rule ("Agent Replied"): sends the reply on the ticket's channel. A transient
 * provider failure is thrown, so that EventBridge retries (the rule's retry policy) and finally keeps the event
 * in the dead-letter queue; a permanent one is recorded on the ticket and not retried.
 */
public class DeliveryHandler extends HelpdeskHandler<Map<String, Object>, Void> {
    @Inject
    ReplyDelivery delivery;

    public DeliveryHandler() {
    }

    public DeliveryHandler(ApplicationContext context) {
        super(context);
    }

    @Override
    protected Void handle(Map<String, Object> envelope) {
        BusEvent event = BusEvent.fromEnvelope(envelope);
        if (!DetailType.AGENT_REPLIED.equals(event.detailType())) {
            throw new IllegalArgumentException("delivery does not handle '" + event.detailType() + "'");
        }
        Object messageId = event.detail().get("messageId");
        if (!(messageId instanceof String id) || id.isBlank()) {
            throw new IllegalArgumentException("'Agent Replied' without a messageId: " + event.detail());
        }
        delivery.deliver(event.ticketId(), id, messageAt(event.detail().get("messageAt")));
        return null;
    }

    /** The reply's time, when the event carries it (events published before it did are delivered by the ticket's id). */
    private static Instant messageAt(Object value) {
        if (value instanceof String text) {
            try {
                return Instant.parse(text);
            } catch (DateTimeParseException malformed) {
                return null;
            }
        }
        return null;
    }
}
