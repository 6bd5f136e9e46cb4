package dev.helpdesk.app;

import static org.junit.jupiter.api.Assertions.*;

import dev.helpdesk.store.StoreExceptions.Busy;
import dev.helpdesk.store.StoreExceptions.ConcurrentUpdateException;
import dev.helpdesk.store.StoreExceptions.RotationMovedException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Issue 16: the one retry policy for write conflicts. */
class ConflictRetryTest {
    private final ConflictRetry retry = new ConflictRetry(Duration.ofMillis(1), Duration.ofMillis(20), Duration.ofMillis(300));

    @Test
    @DisplayName("a lost race is decided again until it wins")
    void retriesConflicts() {
        AtomicInteger attempts = new AtomicInteger();
        String result = retry.run("ticket t", () -> {
            int n = attempts.incrementAndGet();
            if (n == 1) {
                throw new ConcurrentUpdateException("moved");
            }
            if (n == 2) {
                throw new RotationMovedException("turn taken");
            }
            return "done";
        });
        assertEquals("done", result);
        assertEquals(3, attempts.get());
    }

    @Test
    @DisplayName("conflicts for the whole time budget end in Busy (HTTP 503), not an endless loop or a 500")
    void givesUpAfterTheBudget() {
        AtomicInteger attempts = new AtomicInteger();
        long start = System.nanoTime();
        Busy busy = assertThrows(Busy.class, () -> retry.run("ticket t", () -> {
            attempts.incrementAndGet();
            throw new ConcurrentUpdateException("moved again");
        }));
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(millis <= 1_000, "bounded by the budget, took " + millis + " ms");
        assertTrue(attempts.get() > 2, "retried several times: " + attempts.get());
        assertTrue(busy.getMessage().contains("ticket t"), busy.getMessage());
    }

    @Test
    @DisplayName("anything but a conflict is not retried")
    void otherFailuresPassThrough() {
        AtomicInteger attempts = new AtomicInteger();
        assertThrows(IllegalStateException.class, () -> retry.run("ticket t", () -> {
            attempts.incrementAndGet();
            throw new IllegalStateException("refused");
        }));
        assertEquals(1, attempts.get());
    }
}
