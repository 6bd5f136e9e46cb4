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
        /** The nearest references threading tries; each is one key read, and a sender chooses how many there are. */
        static final int MAX_REFERENCES = 20;

        /** Message-IDs too long for a key or with control characters cannot thread: they are dropped, not refused. */
        public EmailDetails {
            messageId = usableId(messageId) ? messageId : null;
            replyTo = replyTo == null ? List.of() : replyTo.stream().filter(EmailDetails::usableId).limit(MAX_REFERENCES).toList();
        }

        private static boolean usableId(String id) {
            try {
                InboundLimits.checkId("Message-ID", id, InboundLimits.MAX_ID_BYTES);
                return true;
            } catch (dev.helpdesk.domain.InvalidInput unusable) {
                return false;
            }
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

    /**
     * Checks what would otherwise fail half-way through storing (issue 17): ids and identities that cannot be keys,
     * identities that are not what they claim, bodies too large for one item ({@link InboundLimits}). Throws
     * {@link dev.helpdesk.domain.InvalidInput} before anything is written; names and subjects are cut, not refused.
     */
    public InboundMessage {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(receivedAt, "receivedAt");
        InboundLimits.checkId("the provider's message id", providerMessageId, InboundLimits.MAX_ID_BYTES);
        // Identities first: a conversation key is made of them, and their message names the culprit.
        identities = List.copyOf(identities);
        identities.forEach(InboundLimits::checkIdentity);
        if (conversationKey != null) {
            InboundLimits.checkId("the conversation", conversationKey, InboundLimits.MAX_CONVERSATION_KEY_BYTES);
        }
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
        text = text == null ? "" : text;
        customerName = InboundLimits.cut(customerName, InboundLimits.MAX_NAME_CHARS);
        subject = InboundLimits.cut(subject, InboundLimits.MAX_SUBJECT_CHARS);
        long body = InboundLimits.bytes(text) + (email == null ? 0 : InboundLimits.bytes(email.fullText()) + InboundLimits.bytes(email.html()));
        if (body > InboundLimits.MAX_BODY_BYTES) {
            throw dev.helpdesk.domain.InvalidInput.tooLarge("the message is " + body / 1024 + " KB; at most "
                    + InboundLimits.MAX_BODY_BYTES / 1024 + " KB of text and HTML are stored per message");
        }
    }
}
