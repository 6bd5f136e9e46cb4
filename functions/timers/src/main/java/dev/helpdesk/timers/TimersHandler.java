package dev.helpdesk.timers;

import dev.helpdesk.app.RoutingService;
import dev.helpdesk.app.SlaTimers;
import dev.helpdesk.app.TicketActions;
import dev.helpdesk.config.HelpdeskConfig;
import dev.helpdesk.store.AgentStore;
import io.micronaut.context.ApplicationContext;
import dev.helpdesk.config.HelpdeskHandler;
import jakarta.inject.Inject;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Lambda target of the every-minute schedule: wakes postponed tickets that are due, lapses presence, reassigns overdue tickets, reports SLA deadlines. */
public class TimersHandler extends HelpdeskHandler<Map<String, Object>, Void> {
    private static final Logger LOG = LoggerFactory.getLogger(TimersHandler.class);

    @Inject
    TicketActions actions;
    @Inject
    AgentStore agents;
    @Inject
    SlaTimers sla;
    @Inject
    RoutingService routing;
    @Inject
    HelpdeskConfig config;
    @Inject
    java.time.Clock clock;

    public TimersHandler() {
    }

    public TimersHandler(ApplicationContext context) {
        super(context);
    }

    @Override
    protected Void handle(Map<String, Object> scheduledEvent) {
        // R-ASSIGN-4: an Online agent whose heartbeats stopped (closed laptop, lost network) becomes Offline.
        var lapsed = agents.lapse(clock.instant().minus(config.presenceTimeout()));
        if (!lapsed.isEmpty()) {
            // As if they had gone Offline: their unanswered tickets go back to the queue (when the workspace says so).
            int returned = lapsed.stream().mapToInt(routing::returnTickets).sum();
            LOG.info("presence lapsed for {}; {} tickets back to the queue", lapsed, returned);
        }
        int woken = actions.wakePostponed();
        int reassigned = routing.reassignOverdue();
        if (reassigned > 0) {
            LOG.info("{} tickets had no reply in time and went back to the queue", reassigned);
        }
        int slaEvents = sla.reportDue();
        if (slaEvents > 0) {
            LOG.info("reported {} SLA warnings and breaches", slaEvents);
        }
        if (woken > 0) {
            LOG.info("woke {} postponed tickets", woken);
        }
        return null;
    }
}
