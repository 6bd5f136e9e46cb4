package dev.helpdesk.store;

/** Page cursors are opaque to clients; one that was not issued for the listing it is used with is refused (400). */
public final class Cursors {
    private Cursors() {
    }

    public static class InvalidCursorException extends RuntimeException {
        public InvalidCursorException(String message) {
            super(message);
        }
    }
}
