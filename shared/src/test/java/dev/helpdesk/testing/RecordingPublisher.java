package dev.helpdesk.testing;

import dev.helpdesk.events.EventPublisher;
import dev.helpdesk.events.HelpdeskEvent;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records published events; can be told to fail, to test that nothing is lost when the bus is down. */
public final class RecordingPublisher implements EventPublisher {
    public final List<HelpdeskEvent> published = new CopyOnWriteArrayList<>();
    public volatile boolean failing;

    @Override
    public void publish(List<HelpdeskEvent> events) {
        if (failing) {
            throw new PublishException("bus unavailable (injected fault)", null);
        }
        published.addAll(events);
    }

    public List<String> detailTypes() {
        return published.stream().map(HelpdeskEvent::detailType).toList();
    }
}
