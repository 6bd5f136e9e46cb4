package dev.helpdesk.classify;

import dev.helpdesk.app.ClassifyService;
import dev.helpdesk.app.ClassifyService.Trigger;
import dev.helpdesk.events.BusEvent;
import dev.helpdesk.events.DetailType;
import io.micronaut.context.ApplicationContext;
import dev.helpdesk.config.HelpdeskHandler;
import jakarta.inject.Inject;
import java.util.Map;

/**
 * Lambda target of the classify rule ("Ticket Received", "Agent Handoff", "Ticket Reopened", "Ticket Split") and
 * of the retry schedule. An exception makes EventBridge retry (the rule's retry policy), then the dead-letter
 * queue keeps the event.
 */
public class ClassifyHandler extends HelpdeskHandler<Map<String, Object>, Void> {
    @Inject
    ClassifyService classify;

    public ClassifyHandler() {
    }

    public ClassifyHandler(ApplicationContext context) {
        super(context);
    }

    @Override
    protected Void handle(Map<String, Object> envelope) {
        BusEvent event = BusEvent.fromEnvelope(envelope);
        switch (event.detailType()) {
            case "Scheduled Event" -> classify.retryDue();
            case DetailType.TICKET_RECEIVED -> classify.classify(event.ticketId(), Trigger.CREATED);
            case DetailType.AGENT_HANDOFF -> classify.classify(event.ticketId(),
                    Boolean.TRUE.equals(event.detail().get("newTicket")) ? Trigger.CREATED : Trigger.HANDOFF);
            case DetailType.TICKET_REOPENED -> classify.classify(event.ticketId(), Trigger.REOPENED);
            case DetailType.TICKET_SPLIT -> classify.classify(event.ticketId(), Trigger.SPLIT);
            default -> throw new IllegalArgumentException("classify does not handle '" + event.detailType() + "'");
        }
        return null;
    }
}
