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

    /** This provider message was already stored (a redelivery). */
    public static class DuplicateInboundException extends RuntimeException {
        public DuplicateInboundException(String message) {
            super(message);
        }
    }
}
