package dev.helpdesk.ingest;

import dev.helpdesk.http.Signatures;
import static dev.helpdesk.ingest.TwilioSmsWebhookTest.assertStatus;
import static org.junit.jupiter.api.Assertions.*;

import dev.helpdesk.app.InboundMessage;
import dev.helpdesk.domain.Channel;
import dev.helpdesk.domain.Identity;
import dev.helpdesk.http.ApiRequest;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class MetaWebhookTest {
    private static final String PATH = "/webhooks/meta";
    private final MetaWebhook webhook = new MetaWebhook(Requests.secrets(), Requests.CLOCK);

    @Test
    @DisplayName("R-INGEST-1 the GET handshake echoes hub.challenge only for the right verify token")
    void verificationHandshake() {
        assertEquals("1158201444", webhook.verify(Requests.get(PATH,
                Map.of("hub.mode", "subscribe", "hub.verify_token", "test-verify-token", "hub.challenge", "1158201444"))));
        assertStatus(403, () -> webhook.verify(Requests.get(PATH,
                Map.of("hub.mode", "subscribe", "hub.verify_token", "wrong", "hub.challenge", "1"))));
        assertStatus(403, () -> webhook.verify(Requests.get(PATH,
                Map.of("hub.mode", "unsubscribe", "hub.verify_token", "test-verify-token", "hub.challenge", "1"))));
        assertStatus(403, () -> webhook.verify(Requests.get(PATH, null)));
    }

    @Test
    @DisplayName("R-INGEST-1 a Messenger message")
    void messenger() {
        InboundMessage m = single("meta/messenger.json");
        assertEquals(Channel.MESSENGER, m.channel());
        assertEquals(List.of(new Identity(Identity.Kind.MESSENGER, "7012345678901234")), m.identities());
        assertEquals("messenger:7012345678901234:106795824901234", m.conversationKey());
        assertTrue(m.text().startsWith("Hi, I love the jacket"));
    }

    @Test
    @DisplayName("R-INGEST-1 an Instagram message with an image, in Polish")
    void instagram() {
        InboundMessage m = single("meta/instagram.json");
        assertEquals(Channel.INSTAGRAM, m.channel());
        assertEquals("Cześć! Czy ta sukienka jest dostępna w rozmiarze M?", m.text());
        assertEquals(1, m.attachments().size());
        assertEquals("image/*", m.attachments().get(0).contentType());
    }

    @Test
    @DisplayName("R-INGEST-1 R-INGEST-3 a WhatsApp Cloud API message: name from contacts, the number as a phone identity")
    void whatsapp() {
        InboundMessage m = single("meta/whatsapp.json");
        assertEquals(Channel.WHATSAPP, m.channel());
        assertEquals("Jānis Bērziņš", m.customerName());
        assertTrue(m.identities().contains(Identity.phone("+37120012345")));
        assertTrue(m.providerMessageId().startsWith("wamid."));
    }

    @Test
    @DisplayName("delivery statuses and echoes are acknowledged and ignored")
    void statusesAreIgnored() {
        assertEquals(List.of(), webhook.parse(signed(Requests.sample("meta/whatsapp-status.json"))).messages());
        String echo = "{\"object\":\"page\",\"entry\":[{\"id\":\"1\",\"messaging\":[{\"sender\":{\"id\":\"1\"},\"recipient\":{\"id\":\"2\"},"
                + "\"message\":{\"mid\":\"m1\",\"text\":\"our reply\",\"is_echo\":true}}]}]}";
        assertEquals(List.of(), webhook.parse(signed(echo)).messages());
    }

    @Test
    @DisplayName("R-INGEST-6 bad signature 401; malformed or unknown object 400; oversize 413")
    void badInput() {
        String body = Requests.sample("meta/messenger.json");
        assertStatus(401, () -> webhook.parse(Requests.post(PATH, Map.of("X-Hub-Signature-256", "sha256=00"), body)));
        assertStatus(401, () -> webhook.parse(Requests.post(PATH, Map.of(), body)));
        assertStatus(400, () -> webhook.parse(signed("{\"object\":\"telegram\",\"entry\":[{}]}")));
        assertStatus(400, () -> webhook.parse(signed("{\"object\":\"page\"")));
        assertStatus(400, () -> webhook.parse(signed("{\"object\":\"page\",\"entry\":{}}")));
        assertStatus(413, () -> webhook.parse(Requests.post(PATH, Map.of(), "x".repeat(1024 * 1024 + 1))));
    }

    @Test
    @DisplayName("issue 17: in a batch, a message without sender or mid, or with a 3,000-byte sender id, is parked; the others are read")
    void oneBadMessageDoesNotSpoilTheBatch() {
        String good = "{\"sender\":{\"id\":\"111\"},\"recipient\":{\"id\":\"2\"},\"message\":{\"mid\":\"m-good\",\"text\":\"hello\"}}";
        String noSender = "{\"recipient\":{\"id\":\"2\"},\"message\":{\"mid\":\"m-nosender\",\"text\":\"who am I\"}}";
        String noMid = "{\"sender\":{\"id\":\"111\"},\"recipient\":{\"id\":\"2\"},\"message\":{\"text\":\"no id\"}}";
        String huge = "{\"sender\":{\"id\":\"" + "9".repeat(3000) + "\"},\"recipient\":{\"id\":\"2\"},\"message\":{\"mid\":\"m-huge\",\"text\":\"big\"}}";
        MetaWebhook.Batch batch = webhook.parse(signed("{\"object\":\"page\",\"entry\":[{\"id\":\"2\",\"messaging\":["
                + String.join(",", noSender, good, noMid, huge) + "]}]}"));
        assertEquals(List.of("m-good"), batch.messages().stream().map(InboundMessage::providerMessageId).toList());
        assertEquals(3, batch.parked().size());
        assertTrue(batch.parked().get(0).reason().contains("sender.id"), batch.parked().get(0).reason());
        assertTrue(batch.parked().get(1).reason().contains("message.mid"));
        assertTrue(batch.parked().get(2).reason().contains("longer than 512 bytes"), batch.parked().get(2).reason());
        assertTrue(batch.parked().get(0).fragment().contains("m-nosender"), "the provider's JSON for the message travels with it");
        assertEquals("messenger", batch.parked().get(0).channel());
    }

    @Test
    @DisplayName("issue 17: an empty WhatsApp text is acknowledged and not read into a message (no customer is made for it)")
    void emptyWhatsAppText() {
        String body = Requests.sample("meta/whatsapp.json").replaceAll("\"body\"\\s*:\\s*\"[^\"]*\"", "\"body\": \"\"");
        MetaWebhook.Batch batch = webhook.parse(signed(body));
        assertEquals(List.of(), batch.messages());
        assertEquals(List.of(), batch.parked());
    }

    private InboundMessage single(String sample) {
        MetaWebhook.Batch batch = webhook.parse(signed(Requests.sample(sample)));
        assertEquals(List.of(), batch.parked());
        List<InboundMessage> messages = batch.messages();
        assertEquals(1, messages.size());
        return messages.get(0);
    }

    static ApiRequest signed(String body) {
        String hex = HexFormat.of().formatHex(Signatures.hmac("HmacSHA256", "test-meta-secret", body.getBytes(StandardCharsets.UTF_8)));
        return Requests.post(PATH, Map.of("X-Hub-Signature-256", "sha256=" + hex, "Content-Type", "application/json"), body);
    }

    /** Signed as Meta signs: over the exact bytes, which need not be UTF-8 (the fuzz tests send such bodies). */
    static ApiRequest signed(byte[] body) {
        return Requests.post(PATH, Map.of("X-Hub-Signature-256", Signatures.sha256Header("test-meta-secret", body),
                "Content-Type", "application/json"), body);
    }
}
