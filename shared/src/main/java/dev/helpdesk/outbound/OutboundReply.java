package dev.helpdesk.outbound;

import dev.helpdesk.domain.Channel;
import java.util.Objects;

/**
 * An agent's reply as a channel's sender needs it: what to say, to whom, and from which of the brand's
 * addresses (the number, page or WhatsApp phone the customer wrote to).
 *
 * @param to the customer's address on the channel: phone, page-scoped id, WhatsApp id, chat conversation, email
 * @param from the brand's side of the conversation (Twilio number, page or Instagram account id, WhatsApp
 *             phone-number id); null for chat and email, whose sender is configured
 */
public record OutboundReply(String ticketId, long ticketNumber, String subject, String messageId, Channel channel,
                            String to, String from, String text) {
    public OutboundReply {
        Objects.requireNonNull(ticketId, "ticketId");
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(text, "text");
        subject = subject == null ? "" : subject;
    }

    /** An email reply's subject: "Re: " once, and the ticket reference that threads the customer's answer back. */
    public String emailSubject() {
        String base = subject.isBlank() ? "Your request" : subject.strip();
        String withRe = base.regionMatches(true, 0, "Re:", 0, 3) ? base : "Re: " + base;
        String reference = "[#" + ticketNumber + "]";
        return withRe.contains(reference) ? withRe : withRe + " " + reference;
    }
}
