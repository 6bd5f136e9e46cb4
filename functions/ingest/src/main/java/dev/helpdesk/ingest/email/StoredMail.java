package dev.helpdesk.ingest.email;

import dev.helpdesk.app.InboundLimits;
import dev.helpdesk.app.InboundMessage;
import dev.helpdesk.domain.Channel;
import dev.helpdesk.domain.Identity;
import dev.helpdesk.domain.InvalidInput;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Mail whose raw copy SES keeps in S3 (the S3 action): it always becomes a message (issue 17), since SES has
 * already accepted it and no one would send it again. Parsed as usual when it can be; too large for one item, it is
 * kept with its text cut and a note; unreadable (nesting, no sender, garbage), it becomes a message that says why and
 * where the raw copy is, from the sender its headers name when one can be found.
 */
public final class StoredMail {
    /** Text kept from a mail too large to store whole; the raw copy holds the rest. */
    static final int KEPT_TEXT_CHARS = 100_000;
    /**
     * And at most this many bytes of it in UTF-8: the message stores it twice (text and full text), and both must fit
     * in {@link InboundLimits#MAX_BODY_BYTES} with the note, whatever the script (100k characters of Polish or Japanese
     * are 200 or 300 KB; issue 17).
     */
    static final int KEPT_TEXT_BYTES = 100 * 1024;
    static final String UNKNOWN_SENDER = "unknown-sender@mail.invalid";
    private static final int HEADER_SCAN_BYTES = 64 * 1024;
    private static final Pattern SUBJECT = Pattern.compile("(?im)^Subject:[ \\t]*([^\\r\\n]{0,998})");
    private static final Pattern FROM = Pattern.compile("(?im)^From:([^\\r\\n]{0,998})");
    private static final Pattern ADDRESS = Pattern.compile("[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]{1,63}(\\.[A-Za-z0-9-]{1,63}){1,8}");

    private StoredMail() {
    }

    /** {@code location}: where the raw copy is ({@code s3://bucket/key}), named in any note. */
    public static InboundMessage inbound(byte[] raw, String sesId, String location, Instant receivedAt) {
        ParsedEmail parsed;
        try {
            parsed = MimeEmails.parse(raw, sesId);
        } catch (MimeEmails.InvalidEmailException e) {
            return unreadable(raw, sesId, location, e.getMessage(), receivedAt);
        }
        try {
            return parsed.toInbound(receivedAt);
        } catch (InvalidInput e) {
            if (e.tooLarge()) {
                return shortened(parsed, raw.length, location).toInbound(receivedAt);
            }
            return unreadable(raw, sesId, location, e.getMessage(), receivedAt);
        }
    }

    private static ParsedEmail shortened(ParsedEmail mail, int rawBytes, String location) {
        String plain = mail.text() != null && !mail.text().isBlank() ? mail.text() : HtmlText.toText(mail.html());
        String kept = head(plain, KEPT_TEXT_CHARS, KEPT_TEXT_BYTES);
        String note = "\n\n[This email is " + rawBytes / 1024 + " KB, more than one message holds: "
                + (kept.length() < plain.length() ? "the first " + kept.length() / 1000 + "k characters of its text are shown and its HTML is left out"
                : "its HTML is left out") + ". The whole message is kept at " + location + ".]";
        return new ParsedEmail(mail.providerId(), mail.messageId(), mail.replyTo(), mail.fromAddress(), mail.fromName(),
                mail.subject(), kept + note, null, mail.attachments());
    }

    /** The longest start of {@code text} within {@code maxChars} characters and {@code maxBytes} bytes of UTF-8, never half a pair. */
    static String head(String text, int maxChars, int maxBytes) {
        int bytes = 0;
        int end = 0;
        while (end < text.length()) {
            int codePoint = text.codePointAt(end);
            int chars = Character.charCount(codePoint);
            bytes += codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
            if (end + chars > maxChars || bytes > maxBytes) {
                break;
            }
            end += chars;
        }
        return text.substring(0, end);
    }

    private static InboundMessage unreadable(byte[] raw, String sesId, String location, String reason, Instant receivedAt) {
        String head = new String(raw, 0, Math.min(raw.length, HEADER_SCAN_BYTES), StandardCharsets.ISO_8859_1);
        int end = head.indexOf("\r\n\r\n") >= 0 ? head.indexOf("\r\n\r\n") : head.indexOf("\n\n");
        String headers = end >= 0 ? head.substring(0, end) : head;
        String sender = UNKNOWN_SENDER;
        Matcher from = FROM.matcher(headers);
        if (from.find()) {
            Matcher address = ADDRESS.matcher(from.group(1));
            if (address.find() && address.group().length() <= InboundLimits.MAX_EMAIL_CHARS) {
                sender = address.group();
            }
        }
        Matcher subject = SUBJECT.matcher(headers);
        String text = "This email could not be read (" + reason + "). The raw message, " + raw.length
                + " bytes, is kept at " + location + ".";
        return new InboundMessage(Channel.EMAIL, sesId, null, sender.equals(UNKNOWN_SENDER) ? "Unreadable mail" : null,
                List.of(Identity.email(sender)), subject.find() ? subject.group(1).strip() : "(unreadable email)", text, List.of(),
                receivedAt, false, new InboundMessage.EmailDetails(null, List.of(), null, text, null));
    }
}
