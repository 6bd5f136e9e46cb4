package dev.helpdesk.domain;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One entry of a ticket's conversation: a customer message, an agent reply, or an internal note (which the
 * customer never sees).
 *
 * @param text what agents read: for email, the new part with quoted history trimmed
 * @param fullText the message as sent, quoted history included (null when equal to {@code text})
 * @param html an email's HTML body as sent (null for other channels)
 */
public record Message(String messageId, String ticketId, Kind kind, String authorId, Channel channel, String text,
                      List<Attachment> attachments, Instant createdAt, String fullText, String html) {
    public enum Kind { CUSTOMER, AGENT, NOTE }

    public Message {
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(ticketId, "ticketId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(createdAt, "createdAt");
        text = text == null ? "" : text;
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
        fullText = text.equals(fullText) ? null : fullText;
    }

    public Message(String messageId, String ticketId, Kind kind, String authorId, Channel channel, String text,
                   List<Attachment> attachments, Instant createdAt) {
        this(messageId, ticketId, kind, authorId, channel, text, attachments, createdAt, null, null);
    }

    public boolean isNote() {
        return kind == Kind.NOTE;
    }
}
