package dev.helpdesk.outbound;

import dev.helpdesk.domain.Channel;
import dev.helpdesk.domain.Customer;
import dev.helpdesk.domain.Identity;
import dev.helpdesk.domain.Message;
import dev.helpdesk.domain.Ticket;
import dev.helpdesk.outbound.OutboundSender.DeliveryException;

/**
 * Where a ticket's reply goes. Conversational channels keep both ends in the ticket's conversation key, as ingest
 * wrote it ({@code sms:<customer>:<brand number>}, {@code messenger:<psid>:<page>}, {@code instagram:<igsid>:<account>},
 * {@code whatsapp:<wa_id>:<phone-number id>}, {@code chat:<conversationId>}); email goes to the customer's address.
 */
public final class Recipients {
    private Recipients() {
    }

    public static OutboundReply of(Ticket ticket, Message reply, Customer customer) {
        String to;
        String from = null;
        if (ticket.channel() == Channel.EMAIL) {
            to = customer == null ? null : customer.identities().stream().filter(i -> i.kind() == Identity.Kind.EMAIL)
                    .map(Identity::value).findFirst().orElse(null);
            if (to == null) {
                throw DeliveryException.permanent("customer " + ticket.customerId() + " has no email address");
            }
        } else {
            String key = ticket.conversationKey();
            String prefix = ticket.channel().wire() + ":";
            if (key == null || !key.startsWith(prefix)) {
                throw DeliveryException.permanent("ticket " + ticket.ticketId() + " has no " + ticket.channel().wire() + " conversation");
            }
            String rest = key.substring(prefix.length());
            if (ticket.channel() == Channel.CHAT) {
                to = rest;
            } else {
                // The brand's side never contains ':' (a number or a numeric id); the customer's side is before it.
                int split = rest.lastIndexOf(':');
                if (split <= 0 || split == rest.length() - 1) {
                    throw DeliveryException.permanent("conversation key " + key + " does not name both ends");
                }
                to = rest.substring(0, split);
                from = rest.substring(split + 1);
            }
        }
        return new OutboundReply(ticket.ticketId(), ticket.number(), ticket.subject(), reply.messageId(), ticket.channel(),
                to, from, reply.text());
    }
}
