package dev.helpdesk.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.TreeSet;

/**
 * A ticket's SLA clock (R-STATUS-4, R-BEYOND): it runs while the ticket waits on an agent (New, Open) and pauses
 * while it waits on the customer or is closed, so targets count only the brand's time. It also remembers the
 * first agent reply and which warnings and breaches were already reported (each is reported once).
 */
public record SlaClock(long elapsedMs, Instant runningSince, Instant firstResponseAt, Set<String> reported) {
    public static final String FIRST_RESPONSE = "first-response";
    public static final String RESOLUTION = "resolution";

    public SlaClock {
        reported = reported == null ? Set.of() : Set.copyOf(reported);
    }

    public static SlaClock startedAt(Instant at) {
        return new SlaClock(0, at, null, Set.of());
    }

    public boolean running() {
        return runningSince != null;
    }

    public SlaClock pause(Instant at) {
        return running() ? new SlaClock(elapsedMs + Math.max(0, Duration.between(runningSince, at).toMillis()), null,
                firstResponseAt, reported) : this;
    }

    public SlaClock resume(Instant at) {
        return running() ? this : new SlaClock(elapsedMs, at, firstResponseAt, reported);
    }

    public SlaClock responded(Instant at) {
        return firstResponseAt != null ? this : new SlaClock(elapsedMs, runningSince, at, reported);
    }

    public SlaClock report(String what) {
        Set<String> more = new TreeSet<>(reported);
        more.add(what);
        return new SlaClock(elapsedMs, runningSince, firstResponseAt, more);
    }

    public Duration elapsed(Instant now) {
        return Duration.ofMillis(elapsedMs + (running() ? Math.max(0, Duration.between(runningSince, now).toMillis()) : 0));
    }

    /** When the running clock reaches {@code target} in total; null while paused. */
    public Instant reaches(Duration target) {
        return running() ? runningSince.plus(target.minusMillis(elapsedMs)) : null;
    }
}
