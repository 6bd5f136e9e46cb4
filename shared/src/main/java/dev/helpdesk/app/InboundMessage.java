package dev.helpdesk.app;

import dev.helpdesk.domain.Attachment;
import dev.helpdesk.domain.Channel;
import dev.helpdesk.domain.Identity;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A customer's message as every channel adapter normalises it (R-INGEST-1): who wrote, on which channel,
 * in which provider conversation, with the provider's own message id (for de-duplication, R-INGEST-4).
 *
 * @param conversationKey the channel conversation this message belongs to, e.g. {@code chat:<conversationId>}
 * @param handoff true when a chat bot hands this conversation to a human agent
 * @param email for email, the threading headers and the full and HTML bodies; null for other channels
 * @param withBot true while a chat is still with the brand's bot: its ticket is routed at the handoff, not before
 */
public record InboundMessage(Channel channel, String providerMessageId, String conversationKey, String customerName,
                             List<Identity> identities, String subject, String text, List<Attachment> attachments,
                             Instant receivedAt, boolean handoff, EmailDetails email, boolean withBot) {

    /**
     * What only email has: its RFC 5322 {@code Message-ID}, the ids it answers ({@code In-Reply-To}, then
     * {@code References}, nearest first), a ticket number referenced in the subject ({@code [#123]}), and the
     * bodies as sent.
     */
    public record EmailDetails(String messageId, List<String> replyTo, Long ticketNumber, String fullText, String html) {
        public EmailDetails {
            replyTo = replyTo == null ? List.of() : List.copyOf(replyTo);
        }
    }

    public InboundMessage(Channel channel, String providerMessageId, String conversationKey, String customerName,
                          List<Identity> identities, String subject, String text, List<Attachment> attachments,
                          Instant receivedAt, boolean handoff) {
        this(channel, providerMessageId, conversationKey, customerName, identities, subject, text, attachments,
                receivedAt, handoff, null, false);
    }

    public InboundMessage(Channel channel, String providerMessageId, String conversationKey, String customerName,
                          List<Identity> identities, String subject, String text, List<Attachment> attachments,
                          Instant receivedAt, boolean handoff, EmailDetails email) {
        this(channel, providerMessageId, conversationKey, customerName, identities, subject, text, attachments,
                receivedAt, handoff, email, false);
    }

    public InboundMessage {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(providerMessageId, "providerMessageId");
        Objects.requireNonNull(receivedAt, "receivedAt");
        identities = List.copyOf(identities);
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
        text = text == null ? "" : text;
    }
}
