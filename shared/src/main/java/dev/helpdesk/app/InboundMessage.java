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
 */
public record InboundMessage(Channel channel, String providerMessageId, String conversationKey, String customerName,
                             List<Identity> identities, String subject, String text, List<Attachment> attachments,
                             Instant receivedAt, boolean handoff) {
    public InboundMessage {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(providerMessageId, "providerMessageId");
        Objects.requireNonNull(receivedAt, "receivedAt");
        identities = List.copyOf(identities);
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
        text = text == null ? "" : text;
    }
}
