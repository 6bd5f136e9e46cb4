package dev.helpdesk.app;

import dev.helpdesk.domain.Identity;
import dev.helpdesk.domain.InvalidInput;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * The limits an inbound message must keep before anything is stored (issue 17). Identifiers become parts of
 * DynamoDB keys (2,048 bytes for a partition key, with a prefix), so each is held well under; an identity must look
 * like what it says it is; the bodies stored on one message item must leave room under DynamoDB's 400 KB item limit.
 */
public final class InboundLimits {
    /** A provider's message id, a chat, page-scoped or WhatsApp id: real ones are under 100 bytes. */
    public static final int MAX_ID_BYTES = 512;
    /** {@code channel:sender:recipient}: two ids and a channel. */
    public static final int MAX_CONVERSATION_KEY_BYTES = 1100;
    /** RFC 5321's limit on a forward path, less the angle brackets. */
    public static final int MAX_EMAIL_CHARS = 254;
    /** Text, full text and HTML of one message together (the item also holds attachments' names and the keys). */
    public static final int MAX_BODY_BYTES = 300 * 1024;
    /** A display name or subject longer than this is cut (it is a label, not content). */
    public static final int MAX_NAME_CHARS = 200;
    public static final int MAX_SUBJECT_CHARS = 1000;

    // One '@', no spaces, brackets, quotes or commas: what is left once a mailbox's display part is parsed away.
    private static final Pattern EMAIL = Pattern.compile("[^\\s@<>()\\[\\]\\\\,;:\"]+@[^\\s@<>()\\[\\]\\\\,;:\"]+");
    // E.164 and national forms once spaces and punctuation are gone: digits, an optional leading '+'.
    private static final Pattern PHONE = Pattern.compile("\\+?[0-9]{1,20}");
    private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");

    private InboundLimits() {
    }

    static int bytes(String value) {
        return value == null ? 0 : value.getBytes(StandardCharsets.UTF_8).length;
    }

    /** Refuses an identifier that is empty, has control characters, or is longer than {@code max} bytes. */
    static void checkId(String what, String value, int max) {
        if (value == null || value.isBlank()) {
            throw new InvalidInput(what + " is empty");
        }
        if (bytes(value) > max) {
            throw new InvalidInput(what + " is longer than " + max + " bytes");
        }
        if (CONTROL.matcher(value).find()) {
            throw new InvalidInput(what + " contains control characters");
        }
    }

    /** An identity a customer can be found by: an email that is one, a phone of digits, other ids within bounds. */
    static void checkIdentity(Identity identity) {
        String value = identity.value();
        switch (identity.kind()) {
            case EMAIL -> {
                if (value.length() > MAX_EMAIL_CHARS || !EMAIL.matcher(value).matches()) {
                    throw new InvalidInput("'" + shorten(value) + "' is not an email address");
                }
            }
            case PHONE -> {
                if (!PHONE.matcher(value).matches()) {
                    throw new InvalidInput("'" + shorten(value) + "' is not a phone number");
                }
            }
            default -> checkId(identity.kind().name().toLowerCase(java.util.Locale.ROOT) + " id", value, MAX_ID_BYTES);
        }
    }

    /** A label cut to {@code max} characters (never inside a surrogate pair); null stays null. */
    static String cut(String label, int max) {
        if (label == null || label.length() <= max) {
            return label;
        }
        int end = Character.isHighSurrogate(label.charAt(max - 1)) ? max - 1 : max;
        return label.substring(0, end);
    }

    private static String shorten(String value) {
        return value.length() <= 60 ? value : value.substring(0, 57) + "...";
    }
}
