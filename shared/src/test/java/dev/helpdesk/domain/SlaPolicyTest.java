package dev.helpdesk.domain;

import static org.junit.jupiter.api.Assertions.*;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The SLA due time a list row shows (CONSOLE.md C-LIST): the next target the running clock will breach. */
class SlaPolicyTest {
    private static final Instant T0 = Instant.parse("2026-04-01T08:00:00Z");
    private static final SlaPolicy POLICY = new SlaPolicy(Duration.ofMinutes(30), Duration.ofMinutes(120), Duration.ofMinutes(10));

    @Test
    @DisplayName("due at the first-response target while unanswered, then at resolution")
    void firstResponseThenResolution() {
        SlaClock clock = SlaClock.startedAt(T0);
        assertEquals(T0.plus(Duration.ofMinutes(30)), POLICY.dueAt(clock));
        SlaClock answered = clock.responded(T0.plusSeconds(600));
        assertEquals(T0.plus(Duration.ofMinutes(120)), POLICY.dueAt(answered));
    }

    @Test
    @DisplayName("time spent paused moves the due time later; paused clocks have none")
    void pausedTimeDoesNotCount() {
        SlaClock paused = SlaClock.startedAt(T0).responded(T0.plusSeconds(60)).pause(T0.plus(Duration.ofMinutes(20)));
        assertNull(POLICY.dueAt(paused));
        Instant resumed = T0.plus(Duration.ofHours(5));
        assertEquals(resumed.plus(Duration.ofMinutes(100)), POLICY.dueAt(paused.resume(resumed)));
    }

    @Test
    @DisplayName("a reported breach still shows its due time, in the past")
    void breachedStaysDue() {
        SlaClock breached = SlaClock.startedAt(T0).report("first-response-breach");
        assertEquals(T0.plus(Duration.ofMinutes(30)), POLICY.dueAt(breached));
    }

    @Test
    @DisplayName("no targets, no due time")
    void withoutTargets() {
        SlaPolicy none = new SlaPolicy(null, null, null);
        assertNull(none.dueAt(SlaClock.startedAt(T0)));
        assertNull(POLICY.dueAt(null));
        SlaPolicy resolutionOnly = new SlaPolicy(null, Duration.ofHours(8), null);
        assertEquals(T0.plus(Duration.ofHours(8)), resolutionOnly.dueAt(SlaClock.startedAt(T0)));
    }
}
