package dev.helpdesk.app;

import dev.helpdesk.store.StoreExceptions.Busy;
import dev.helpdesk.store.StoreExceptions.ConcurrentUpdateException;
import dev.helpdesk.store.StoreExceptions.RotationMovedException;
import java.time.Duration;
import java.util.function.Supplier;
import software.amazon.awssdk.retries.api.BackoffStrategy;

/**
 * The one retry policy for write conflicts (issue 16): an attempt that lost a race (someone changed the ticket, took
 * the rotation's turn or the conversation first) is decided again on fresh state after an exponential backoff with
 * full jitter (the AWS SDK's own {@link BackoffStrategy}), until a time budget runs out; then {@link Busy}, which the
 * HTTP layer answers with 503 and {@code Retry-After}. Jitter matters: 32 writers that all lost to one winner would
 * otherwise come back in lockstep and collide again.
 */
public final class ConflictRetry {
    /** Budgets well inside API Gateway's 30 s and every function's timeout. */
    public static final ConflictRetry DEFAULT = new ConflictRetry(Duration.ofMillis(5), Duration.ofMillis(250), Duration.ofSeconds(8));

    private final BackoffStrategy backoff;
    private final Duration budget;

    public ConflictRetry(Duration baseDelay, Duration maxDelay, Duration budget) {
        this.backoff = BackoffStrategy.exponentialDelay(baseDelay, maxDelay);
        this.budget = budget;
    }

    /**
     * Runs {@code attempt} until it completes without a conflict.
     *
     * @throws Busy when conflicts kept coming for the whole budget
     */
    public <T> T run(String what, Supplier<T> attempt) {
        long deadline = System.nanoTime() + budget.toNanos();
        for (int n = 1; ; n++) {
            try {
                return attempt.get();
            } catch (ConcurrentUpdateException | RotationMovedException raced) {
                long delay = backoff.computeDelay(n).toNanos();
                if (System.nanoTime() + delay > deadline) {
                    throw new Busy(what + " kept conflicting with other writers for " + budget.toMillis() + " ms (" + n
                            + " attempts): " + raced.getMessage());
                }
                sleep(delay);
            }
        }
    }

    private static void sleep(long nanos) {
        try {
            Thread.sleep(Duration.ofNanos(nanos));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Busy("interrupted while waiting to retry");
        }
    }
}
