package dev.helpdesk.routing;

import dev.helpdesk.app.RoutingService;
import dev.helpdesk.events.BusEvent;
import io.micronaut.context.ApplicationContext;
import dev.helpdesk.config.HelpdeskHandler;
import jakarta.inject.Inject;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lambda target of the "Ticket Created"/"Ticket Classified" rule (route the ticket), of "Agent Availability
 * Changed" (an agent came Online: drain the waiting tickets) and of the office-hours schedule (drain when open).
 */
public class RoutingHandler extends HelpdeskHandler<Map<String, Object>, Void> {
    private static final Logger LOG = LoggerFactory.getLogger(RoutingHandler.class);
    static final String SCHEDULED = "Scheduled Event";
    static final String AVAILABILITY = dev.helpdesk.events.DetailType.AGENT_AVAILABILITY_CHANGED;
    /** Waiting tickets assigned per run, oldest first; the next run continues. */
    static final int BACKLOG_PER_RUN = 100;

    @Inject
    RoutingService routing;

    public RoutingHandler() {
    }

    public RoutingHandler(ApplicationContext context) {
        super(context);
    }

    @Override
    protected Void handle(Map<String, Object> envelope) {
        BusEvent event = BusEvent.fromEnvelope(envelope);
        switch (event.detailType()) {
            case SCHEDULED -> log(routing.drainBacklog(BACKLOG_PER_RUN), "office-hours tick");
            case AVAILABILITY -> {
                String agentId = String.valueOf(event.detail().get("agentId"));
                if (Boolean.FALSE.equals(event.detail().get("online"))) {
                    int returned = routing.returnTickets(agentId);
                    if (returned > 0) {
                        LOG.info("agent {} went Offline: {} tickets back to the queue", agentId, returned);
                    }
                }
                log(routing.drainBacklog(BACKLOG_PER_RUN), "agent " + agentId + " changed availability");
            }
            default -> {
                RoutingService.Decision decision = routing.route(event.ticketId());
                LOG.info("routed: {}", decision.assigneeId().map(a -> "assigned to " + a).orElse(decision.reason()));
            }
        }
        return null;
    }

    private static void log(int assigned, String why) {
        if (assigned > 0) {
            LOG.info("{}: assigned {} waiting tickets", why, assigned);
        }
    }
}
