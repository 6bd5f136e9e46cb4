package dev.helpdesk.domain;

/**
 * Input that breaks a limit or a shape the domain keeps (an identifier too long for a key, an address that is no
 * address, a message too large for one item). Thrown before anything is written, so a refused message leaves no
 * record; the HTTP layer answers 400, or 413 when {@link #tooLarge()}.
 */
public class InvalidInput extends IllegalArgumentException {
    private final boolean tooLarge;

    public InvalidInput(String message) {
        this(message, false);
    }

    private InvalidInput(String message, boolean tooLarge) {
        super(message);
        this.tooLarge = tooLarge;
    }

    public static InvalidInput tooLarge(String message) {
        return new InvalidInput(message, true);
    }

    public boolean tooLarge() {
        return tooLarge;
    }
}
