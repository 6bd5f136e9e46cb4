package dev.helpdesk.config;

import org.junit.jupiter.api.parallel.Isolated;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@Isolated
class PrimingTest {

    @AfterEach
    void clear() {
        System.clearProperty("helpdesk.prime");
    }

    @Test
    @DisplayName("a primer waits for the snapshot unless priming at init is asked for")
    void primesAtInitOnlyWhenAsked() {
        AtomicInteger calls = new AtomicInteger();
        Priming.register("not-at-init", calls::incrementAndGet);
        assertEquals(0, calls.get(), "without HELPDESK_PRIME=init nothing runs before the snapshot");
        assertFalse(Priming.primed().contains("not-at-init"));

        System.setProperty("helpdesk.prime", " INIT ");
        Priming.register("at-init", calls::incrementAndGet);
        assertEquals(1, calls.get());
        assertTrue(Priming.primed().contains("at-init"));
    }

    @Test
    @DisplayName("a failing primer is logged and does not fail the function's init")
    void failureIsHarmless() {
        System.setProperty("helpdesk.prime", "init");
        Priming.register("failing", () -> {
            throw new IllegalStateException("DynamoDB is unreachable");
        });
        assertFalse(Priming.primed().contains("failing"));
    }
}
