package dev.helpdesk.outbound;

import static org.junit.jupiter.api.Assertions.*;

import dev.helpdesk.domain.Channel;
import dev.helpdesk.domain.Customer;
import dev.helpdesk.domain.Identity;
import dev.helpdesk.domain.Message;
import dev.helpdesk.domain.Ticket;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class RecipientsTest {
    private static final Instant T0 = Instant.parse("2026-06-01T09:00:00Z");

    private static OutboundReply to(Channel channel, String conversationKey, Customer customer) {
        Ticket ticket = Ticket.open("t-1", 42, "Order late", channel, "c-1", conversationKey, T0);
        Message reply = new Message("m-1", "t-1", Message.Kind.AGENT, "a-1", channel, "On its way", List.of(), T0);
        return Recipients.of(ticket, reply, customer);
    }

    @Test
    @DisplayName("each channel's reply goes to the customer's end of the conversation, from the brand's end")
    void conversationEnds() {
        OutboundReply sms = to(Channel.SMS, "sms:+46701234567:+46766861004", null);
        assertEquals("+46701234567", sms.to());
        assertEquals("+46766861004", sms.from());
        OutboundReply messenger = to(Channel.MESSENGER, "messenger:7012345678901234:106795824901234", null);
        assertEquals("7012345678901234", messenger.to());
        assertEquals("106795824901234", messenger.from());
        OutboundReply whatsapp = to(Channel.WHATSAPP, "whatsapp:37120012345:106540352242922", null);
        assertEquals("37120012345", whatsapp.to());
        assertEquals("106540352242922", whatsapp.from());
        OutboundReply chat = to(Channel.CHAT, "chat:widget:conv:9", null);
        assertEquals("widget:conv:9", chat.to(), "a chat conversation id is taken whole, colons and all");
        assertNull(chat.from());
    }

    @Test
    @DisplayName("email goes to the customer's address; a reply with nowhere to go is a permanent failure")
    void emailAndMissingAddresses() {
        Customer ann = new Customer("c-1", "Ann", List.of(Identity.phone("+4670"), Identity.email("ann@example.com")), Set.of(), T0);
        assertEquals("ann@example.com", to(Channel.EMAIL, null, ann).to());
        Customer phoneOnly = new Customer("c-1", "Bo", List.of(Identity.phone("+4670")), Set.of(), T0);
        assertTrue(assertThrows(OutboundSender.DeliveryException.class, () -> to(Channel.EMAIL, null, phoneOnly)).permanent());
        assertThrows(OutboundSender.DeliveryException.class, () -> to(Channel.SMS, null, null));
        assertThrows(OutboundSender.DeliveryException.class, () -> to(Channel.SMS, "sms:+4670", null));
        assertThrows(OutboundSender.DeliveryException.class, () -> to(Channel.SMS, "chat:abc", null));
    }

    @Test
    @DisplayName("an email reply's subject: 'Re: ' once and the ticket reference once")
    void emailSubject() {
        OutboundReply reply = new OutboundReply("t", 42, "Order late", "m", Channel.EMAIL, "a@b.c", null, "x");
        assertEquals("Re: Order late [#42]", reply.emailSubject());
        assertEquals("RE: Order late [#42]", new OutboundReply("t", 42, "RE: Order late [#42]", "m", Channel.EMAIL, "a@b.c", null, "x").emailSubject());
        assertEquals("Re: Your request [#7]", new OutboundReply("t", 7, "", "m", Channel.EMAIL, "a@b.c", null, "x").emailSubject());
    }
}
