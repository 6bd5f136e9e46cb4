package dev.helpdesk.classify;

import dev.helpdesk.app.ClassifyService;
import dev.helpdesk.events.BusEvent;
import io.micronaut.context.ApplicationContext;
import io.micronaut.function.aws.MicronautRequestHandler;
import jakarta.inject.Inject;
import java.util.Map;

/**
 * Lambda target of the "Ticket Received" rule: classifies the new ticket. An exception makes EventBridge retry
 * (the rule's retry policy), then the dead-letter queue keeps the event.
 */
public class ClassifyHandler extends MicronautRequestHandler<Map<String, Object>, Void> {
    @Inject
    ClassifyService classify;

    public ClassifyHandler() {
    }

    public ClassifyHandler(ApplicationContext context) {
        super(context);
    }

    @Override
    public Void execute(Map<String, Object> envelope) {
        classify.classifyNew(BusEvent.fromEnvelope(envelope).ticketId());
        return null;
    }
}
