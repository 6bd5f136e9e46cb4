package dev.helpdesk.ingest;

import static dev.helpdesk.ingest.TwilioSmsWebhookTest.assertStatus;
import static org.junit.jupiter.api.Assertions.*;

import dev.helpdesk.app.InboundMessage;
import dev.helpdesk.domain.Attachment;
import dev.helpdesk.domain.Channel;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class PostmarkWebhookTest {
    private static final String PATH = "/webhooks/email/postmark";
    static final Map<String, String> AUTH = Map.of("Authorization",
            "Basic " + Base64.getEncoder().encodeToString("postmark:pm-secret".getBytes(StandardCharsets.UTF_8)));
    private final PostmarkWebhook webhook = webhook();

    /** The adapter with the credentials {@link #AUTH} carries. */
    static PostmarkWebhook webhook() {
        return new PostmarkWebhook(new dev.helpdesk.config.Secrets(
                new dev.helpdesk.config.Settings(Map.of("POSTMARK_INBOUND_USER", "postmark", "POSTMARK_INBOUND_PASSWORD", "pm-secret")::get),
                p -> null), Requests.CLOCK);
    }

    @Test
    @DisplayName("R-INGEST-1 Postmark's inbound JSON: sender, subject, body, Message-ID header, attachments")
    void realPayload() {
        InboundMessage m = webhook.parse(Requests.post(PATH, AUTH, Requests.sample("email/postmark-inbound.json")));
        assertEquals(Channel.EMAIL, m.channel());
        assertEquals("73e6d360-66eb-11e1-8e72-a8904824019b", m.providerMessageId());
        assertEquals("Mette Hansen", m.customerName());
        assertEquals("Faktura 2291 er forkert", m.subject());
        assertTrue(m.text().contains("opkrævet to gange"));
        assertEquals("CAGXpo2W8vBjy1+xvkqOy3NzmiVMr1DLn-bNKN4L4BWLcbrYf=g@mail.example.dk", m.email().messageId());
        assertTrue(m.email().html().contains("<b>to gange</b>"));
        assertEquals(List.of(new Attachment("faktura-2291.pdf", "application/pdf", 48213)), m.attachments());
    }

    @Test
    @DisplayName("R-INGEST-6 wrong or missing basic auth 401; malformed 400")
    void badInput() {
        String body = Requests.sample("email/postmark-inbound.json");
        assertStatus(401, () -> webhook.parse(Requests.post(PATH, Map.of(), body)));
        assertStatus(401, () -> webhook.parse(Requests.post(PATH, Map.of("Authorization", "Basic " +
                Base64.getEncoder().encodeToString("postmark:guess".getBytes(StandardCharsets.UTF_8))), body)));
        assertStatus(400, () -> webhook.parse(Requests.post(PATH, AUTH, "{\"From\":")));
        assertStatus(400, () -> webhook.parse(Requests.post(PATH, AUTH, "{\"MessageID\":\"x\",\"From\":\"not an address\",\"TextBody\":\"hi\"}")));
        assertStatus(400, () -> webhook.parse(Requests.post(PATH, AUTH, "{\"From\":\"a@b.c\",\"TextBody\":\"hi\"}")));
        assertStatus(400, () -> webhook.parse(Requests.post(PATH, AUTH, "{\"MessageID\":\"x\",\"From\":\"a@b.c\"}")));
    }
}
