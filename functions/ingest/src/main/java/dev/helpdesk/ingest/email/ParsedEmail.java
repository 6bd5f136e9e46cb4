package dev.helpdesk.ingest.email;

import dev.helpdesk.app.InboundMessage;
import dev.helpdesk.domain.Attachment;
import dev.helpdesk.domain.Channel;
import dev.helpdesk.domain.Identity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An email as every email adapter reads it (SES raw MIME, Postmark JSON), before it becomes an inbound message.
 *
 * @param replyTo the Message-IDs this email answers: In-Reply-To first, then References from the newest
 */
public record ParsedEmail(String providerId, String messageId, List<String> replyTo, String fromAddress, String fromName,
                          String subject, String text, String html, List<Attachment> attachments) {
    private static final Pattern TICKET_REFERENCE = Pattern.compile("\\[#(\\d{1,12})]");
    private static final Pattern MESSAGE_ID = Pattern.compile("<([^<>\\s]+)>");

    public ParsedEmail {
        replyTo = List.copyOf(replyTo);
        attachments = List.copyOf(attachments);
    }

    /** Message-IDs in a header value ({@code <a@b> <c@d>}), in order, without the angle brackets. */
    public static List<String> messageIds(String header) {
        List<String> ids = new ArrayList<>();
        if (header != null) {
            Matcher m = MESSAGE_ID.matcher(header);
            while (m.find()) {
                ids.add(m.group(1));
            }
        }
        return ids;
    }

    /**
     * In-Reply-To, then References newest first, without repeats; in linear time, since the sender chooses how many
     * there are (issue 17: 120,000 References took some 20 s when each was looked for in a list, and a repeated
     * In-Reply-To id was kept twice).
     */
    public static List<String> threadOrder(String inReplyTo, String references) {
        java.util.Set<String> order = new java.util.LinkedHashSet<>(messageIds(inReplyTo));
        List<String> refs = messageIds(references);
        java.util.Collections.reverse(refs);
        order.addAll(refs);
        return new ArrayList<>(order);
    }

    public InboundMessage toInbound(Instant receivedAt) {
        String plain = text != null && !text.isBlank() ? text.strip() : HtmlText.toText(html);
        String display = QuotedReply.newPart(plain);
        Long ticketNumber = null;
        Matcher m = TICKET_REFERENCE.matcher(subject == null ? "" : subject);
        if (m.find()) {
            ticketNumber = Long.parseLong(m.group(1));
        }
        return new InboundMessage(Channel.EMAIL, providerId, null, fromName, List.of(Identity.email(fromAddress)),
                subject, display, attachments, receivedAt, false,
                new InboundMessage.EmailDetails(messageId, replyTo, ticketNumber, plain, html));
    }
}
