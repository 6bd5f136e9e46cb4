package dev.helpdesk.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Targets for one priority (R-STATUS-4): a first response within {@code firstResponse}, resolution within
 * {@code resolution}, and a warning {@code warning} before either is breached.
 */
public record SlaPolicy(Duration firstResponse, Duration resolution, Duration warning) {

    /** An SLA moment: a warning or a breach of one target, and when the running clock reaches it. */
    public record Checkpoint(String name, String target, boolean breach, Instant at) {
    }

    /** The checkpoints not yet reported, in time order; none while the clock is paused. */
    public List<Checkpoint> pending(SlaClock clock) {
        List<Checkpoint> points = new ArrayList<>();
        if (!clock.running()) {
            return points;
        }
        if (clock.firstResponseAt() == null && firstResponse != null) {
            add(points, clock, SlaClock.FIRST_RESPONSE, firstResponse);
        }
        if (resolution != null) {
            add(points, clock, SlaClock.RESOLUTION, resolution);
        }
        points.sort(Comparator.comparing(Checkpoint::at));
        return points;
    }

    /** The checkpoints due at {@code now}. */
    public List<Checkpoint> due(SlaClock clock, Instant now) {
        return pending(clock).stream().filter(c -> !c.at().isAfter(now)).toList();
    }

    public Optional<Instant> next(SlaClock clock) {
        return pending(clock).stream().map(Checkpoint::at).findFirst();
    }

    /**
     * When the ticket breaches its next target (first response while unanswered, else resolution), reported or not,
     * so a breached ticket keeps showing a due time in the past; null while the clock is paused or without targets.
     */
    public Instant dueAt(SlaClock clock) {
        if (clock == null || !clock.running()) {
            return null;
        }
        Instant due = resolution == null ? null : clock.reaches(resolution);
        if (clock.firstResponseAt() == null && firstResponse != null) {
            Instant first = clock.reaches(firstResponse);
            due = due == null || first.isBefore(due) ? first : due;
        }
        return due;
    }

    private void add(List<Checkpoint> points, SlaClock clock, String target, Duration limit) {
        if (warning != null && warning.compareTo(limit) < 0 && !clock.reported().contains(target + "-warning")) {
            points.add(new Checkpoint(target + "-warning", target, false, clock.reaches(limit.minus(warning))));
        }
        if (!clock.reported().contains(target + "-breach")) {
            points.add(new Checkpoint(target + "-breach", target, true, clock.reaches(limit)));
        }
    }
}
