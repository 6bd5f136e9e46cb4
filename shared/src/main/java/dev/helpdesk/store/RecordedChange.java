package dev.helpdesk.store;

import dev.helpdesk.domain.TimelineEntry;
import dev.helpdesk.events.HelpdeskEvent;
import java.util.List;

/**
 * What one committed write recorded besides its state: the events it must publish and the timeline entries it adds,
 * kept in the written item's {@code change} attribute, so that they commit atomically with the state itself and the
 * table's stream carries them on (issue 16: events from the table stream, no outbox).
 *
 * @param id the change's id: entries and events derive their stable ids from it
 * @param onTicket true when the ticket item carries the change; its next change replaces the attribute, so the
 *                 change feed copies the timeline entries into items of their own. On a message or note item the
 *                 change is kept for good and read from there.
 * @param timersSet timers the change arms, and {@code timersCleared} the kinds it disarms: the ticket's state is the truth
 *                  and every timer re-checks it when it fires, so the change feed (re)arms them after the commit
 */
public record RecordedChange(String id, String ticketId, List<HelpdeskEvent> events, List<TimelineEntry> timeline,
                             boolean onTicket, List<DueTimer> timersSet, List<String> timersCleared) {
    public RecordedChange {
        events = events == null ? List.of() : List.copyOf(events);
        timeline = timeline == null ? List.of() : List.copyOf(timeline);
        timersSet = timersSet == null ? List.of() : List.copyOf(timersSet);
        timersCleared = timersCleared == null ? List.of() : List.copyOf(timersCleared);
    }

    public boolean isEmpty() {
        return events.isEmpty() && timeline.isEmpty() && timersSet.isEmpty() && timersCleared.isEmpty();
    }
}
