package dev.helpdesk.ingest;

import static org.junit.jupiter.api.Assertions.*;

import dev.helpdesk.app.InboundMessage;
import dev.helpdesk.domain.Channel;
import dev.helpdesk.domain.Identity;
import dev.helpdesk.http.ApiException;
import java.util.AbstractMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class TwilioSmsWebhookTest {
    private static final String PATH = "/webhooks/sms/twilio";
    private final TwilioSmsWebhook webhook = new TwilioSmsWebhook(Requests.secrets(), new PublicUrl(Requests.settings()), Requests.CLOCK);

    @Test
    @DisplayName("R-INGEST-1 the signature matches Twilio's own published example")
    void signatureMatchesTwiliosPublishedExample() {
        List<Map.Entry<String, String>> params = List.of(
                entry("CallSid", "CA1234567890ABCDE"), entry("Caller", "+14158675310"), entry("Digits", "1234"),
                entry("From", "+14158675310"), entry("To", "+18005551212"));
        assertEquals("GvWf1cFY/Q7PnoempGyD5oXAezc=",
                TwilioSignature.compute("12345", "https://mycompany.com/myapp.php?foo=1&bar=2", params));
        assertTrue(TwilioSignature.valid("GvWf1cFY/Q7PnoempGyD5oXAezc=", "12345", "https://mycompany.com/myapp.php?foo=1&bar=2", params));
        assertFalse(TwilioSignature.valid("GvWf1cFY/Q7PnoempGyD5oXAezd=", "12345", "https://mycompany.com/myapp.php?foo=1&bar=2", params));
    }

    @Test
    @DisplayName("R-INGEST-1 a real inbound SMS payload, signed over the public URL, becomes one inbound message")
    void realPayloadParses() {
        String body = Requests.sample("sms/twilio-inbound.txt");
        InboundMessage message = webhook.parse(signed(body));
        assertEquals(Channel.SMS, message.channel());
        assertEquals("SM9c1f6d2a0b8e4f0a9c3b2d1e0f9a8b7c", message.providerMessageId());
        assertEquals("Hej! Mitt paket har inte kommit fram, kan ni kolla?", message.text());
        assertEquals(List.of(Identity.phone("+46701234567")), message.identities());
        assertEquals("sms:+46701234567:+46766861004", message.conversationKey());
        assertEquals(1, message.attachments().size());
        assertEquals("image/jpeg", message.attachments().get(0).contentType());
    }

    @Test
    @DisplayName("R-INGEST-6 a wrong, missing or replayed-elsewhere signature is 401")
    void badSignatureIs401() {
        String body = Requests.sample("sms/twilio-inbound.txt");
        assertStatus(401, () -> webhook.parse(Requests.post(PATH, Map.of("X-Twilio-Signature", "bm9wZQ=="), body)));
        assertStatus(401, () -> webhook.parse(Requests.post(PATH, Map.of(), body)));
        String signedForElsewhere = TwilioSignature.compute("test-twilio-token", "https://evil.example.com" + PATH,
                FormBody.parse(body).fields());
        assertStatus(401, () -> webhook.parse(Requests.post(PATH, Map.of("X-Twilio-Signature", signedForElsewhere), body)));
        String genuine = TwilioSignature.compute("test-twilio-token", "https://helpdesk.example.com" + PATH, FormBody.parse(body).fields());
        assertStatus(401, () -> webhook.parse(Requests.post(PATH, Map.of("X-Twilio-Signature", genuine),
                body.replace("Hej", "Hej%20tampered"))));
    }

    @Test
    @DisplayName("R-INGEST-6 signed but malformed: missing MessageSid or From, nothing to say, bad NumMedia → 400; oversize → 413")
    void malformedIs400() {
        assertStatus(400, () -> webhook.parse(signed("From=%2B46701234567&To=%2B46766861004&Body=hi")));
        assertStatus(400, () -> webhook.parse(signed("MessageSid=SM1&To=%2B46766861004&Body=hi")));
        assertStatus(400, () -> webhook.parse(signed("MessageSid=SM1&From=%2B4670&To=%2B4676&Body=")));
        assertStatus(400, () -> webhook.parse(signed("MessageSid=SM1&From=%2B4670&To=%2B4676&Body=hi&NumMedia=lots")));
        assertStatus(400, () -> webhook.parse(signed("MessageSid=SM1&From=%2B4670&To=%2B4676&Body=%ZZ")));
        assertStatus(413, () -> webhook.parse(Requests.post(PATH, Map.of(), "Body=" + "x".repeat(70_000))));
    }

    static dev.helpdesk.http.ApiRequest signed(String body) {
        String signature = TwilioSignature.compute("test-twilio-token", "https://helpdesk.example.com" + PATH,
                FormBody.parse(body).fields());
        return Requests.post(PATH, Map.of("X-Twilio-Signature", signature, "Content-Type", "application/x-www-form-urlencoded"), body);
    }

    private static Map.Entry<String, String> entry(String k, String v) {
        return new AbstractMap.SimpleImmutableEntry<>(k, v);
    }

    static void assertStatus(int status, org.junit.jupiter.api.function.Executable call) {
        ApiException e = assertThrows(ApiException.class, call);
        assertEquals(status, e.status(), e.getMessage());
    }
}
