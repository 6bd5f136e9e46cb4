package dev.helpdesk.store;

/** Why a conditional write did not happen. */
public final class StoreExceptions {
    private StoreExceptions() {
    }

    /** Someone else changed the ticket since it was read (optimistic concurrency): read again and retry. */
    public static class ConcurrentUpdateException extends RuntimeException {
        public ConcurrentUpdateException(String message) {
            super(message);
        }
    }

    /** Another router took the team's round-robin turn first: read the cursor again and choose again. */
    public static class RotationMovedException extends RuntimeException {
        public RotationMovedException(String message) {
            super(message);
        }
    }

    /**
     * The store could not take the write now: conflicts kept coming for the whole retry budget, or DynamoDB kept
     * throttling. Nothing was written; the caller may try again later (HTTP 503 with {@code Retry-After}).
     */
    public static class Busy extends RuntimeException {
        public static final int RETRY_AFTER_SECONDS = 1;

        public Busy(String message) {
            super(message);
        }
    }

    /** This provider message was already stored (a redelivery). */
    public static class DuplicateInboundException extends RuntimeException {
        public DuplicateInboundException(String message) {
            super(message);
        }
    }
}
