package dev.helpdesk.app;

import dev.helpdesk.observability.WorkLog;
import dev.helpdesk.events.EventPublisher;
import dev.helpdesk.store.RecordedChange;
import dev.helpdesk.store.TimelineStore;
import dev.helpdesk.store.TimerStore;

/**
 * The table stream's consumer (issue 16, R-EVENTS): for each committed change it copies the timeline entries a ticket
 * item carried into items of their own, arms and disarms the change's timers, then publishes its events. Both are idempotent, so the stream's
 * at-least-once delivery and retries after a failure publish each event at least once, always with the same
 * {@code eventId}, which subscribers de-duplicate on. A failure throws, and the function reports the record as
 * failed, so the stream retries it (and everything after it on the shard, in order).
 */
public final class ChangeFeed {
    private final TimelineStore timeline;
    private final TimerStore timers;
    private final EventPublisher publisher;

    public ChangeFeed(TimelineStore timeline, TimerStore timers, EventPublisher publisher) {
        this.timeline = timeline;
        this.timers = timers;
        this.publisher = publisher;
    }

    public void apply(RecordedChange change) {
        WorkLog.clear();
        WorkLog.ticket(change.ticketId());
        if (change.onTicket() && !change.timeline().isEmpty()) {
            timeline.recordTimeline(change);
        }
        if (!change.timersSet().isEmpty() || !change.timersCleared().isEmpty()) {
            timers.applyTimers(change);
        }
        if (!change.events().isEmpty()) {
            publisher.publish(change.events());
        }
    }
}
