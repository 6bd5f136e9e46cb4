package dev.helpdesk.routing;

import dev.helpdesk.app.RoutingService;
import dev.helpdesk.events.BusEvent;
import io.micronaut.context.ApplicationContext;
import io.micronaut.function.aws.MicronautRequestHandler;
import jakarta.inject.Inject;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lambda target of the "Ticket Created"/"Ticket Classified" rule and of the office-hours schedule
 * ("Scheduled Event"). Draining the backlog when office hours open comes with round robin.
 */
public class RoutingHandler extends MicronautRequestHandler<Map<String, Object>, Void> {
    private static final Logger LOG = LoggerFactory.getLogger(RoutingHandler.class);
    static final String SCHEDULED = "Scheduled Event";

    @Inject
    RoutingService routing;

    public RoutingHandler() {
    }

    public RoutingHandler(ApplicationContext context) {
        super(context);
    }

    @Override
    public Void execute(Map<String, Object> envelope) {
        BusEvent event = BusEvent.fromEnvelope(envelope);
        if (SCHEDULED.equals(event.detailType())) {
            LOG.info("office-hours tick: round robin is off, no backlog to drain");
            return null;
        }
        if (Boolean.TRUE.equals(event.detail().get("awaitingHandoff"))) {
            // A chat still with the brand's bot is routed at its handoff ("Ticket Classified"), not before.
            LOG.info("ticket {} waits for its bot to hand it off", event.ticketId());
            return null;
        }
        routing.route(event.ticketId());
        return null;
    }
}
