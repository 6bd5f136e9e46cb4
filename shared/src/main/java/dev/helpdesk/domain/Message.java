package dev.helpdesk.domain;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One entry of a ticket's conversation: a customer message, an agent reply, or an internal note (which the
 * customer never sees).
 */
public record Message(String messageId, String ticketId, Kind kind, String authorId, Channel channel, String text,
                      List<Attachment> attachments, Instant createdAt) {
    public enum Kind { CUSTOMER, AGENT, NOTE }

    public Message {
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(ticketId, "ticketId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(createdAt, "createdAt");
        text = text == null ? "" : text;
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
    }

    public boolean isNote() {
        return kind == Kind.NOTE;
    }
}
