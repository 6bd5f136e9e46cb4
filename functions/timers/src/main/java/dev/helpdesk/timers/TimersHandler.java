package dev.helpdesk.timers;

import dev.helpdesk.app.OutboxSweep;
import dev.helpdesk.app.TicketActions;
import io.micronaut.context.ApplicationContext;
import io.micronaut.function.aws.MicronautRequestHandler;
import jakarta.inject.Inject;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Lambda target of the every-minute schedule: wakes postponed tickets that are due, sweeps the outbox. */
public class TimersHandler extends MicronautRequestHandler<Map<String, Object>, Void> {
    private static final Logger LOG = LoggerFactory.getLogger(TimersHandler.class);

    @Inject
    OutboxSweep outbox;
    @Inject
    TicketActions actions;

    public TimersHandler() {
    }

    public TimersHandler(ApplicationContext context) {
        super(context);
    }

    @Override
    public Void execute(Map<String, Object> scheduledEvent) {
        int woken = actions.wakePostponed();
        if (woken > 0) {
            LOG.info("woke {} postponed tickets", woken);
        }
        OutboxSweep.Result result = outbox.sweep();
        if (result.published() > 0 || result.failed()) {
            LOG.info("outbox sweep: published {} events{}", result.published(), result.failed() ? ", bus still failing" : "");
        }
        return null;
    }
}
