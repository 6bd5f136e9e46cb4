package dev.helpdesk.store;

import java.time.Instant;
import java.util.Objects;

/**
 * A ticket's timer: work of some {@code kind} due at {@code dueAt} (a classification retry, a postponed ticket's
 * wake-up, an SLA deadline). One per ticket and kind; {@code attempt} counts retries for kinds that retry.
 */
public record DueTimer(String ticketId, String kind, Instant dueAt, int attempt) {
    public DueTimer {
        Objects.requireNonNull(ticketId, "ticketId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(dueAt, "dueAt");
    }
}
