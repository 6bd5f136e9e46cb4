package dev.helpdesk.ingest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.helpdesk.app.InboundMessage;
import dev.helpdesk.app.InboundParking;
import dev.helpdesk.domain.Channel;
import dev.helpdesk.http.Signatures;
import dev.helpdesk.ingest.Gen.Arb;
import dev.helpdesk.ingest.Mutations.Mutant;
import dev.helpdesk.ingest.Mutations.Text;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * Fuzzing Meta's webhook (issue 17): Messenger, Instagram and WhatsApp deliveries from {@code events/meta/} damaged
 * (wrong JSON types, deep nesting, huge and 3,000-byte ids, NUL, invalid UTF-8, truncation), and random JSON; each
 * signed with the app secret over its exact bytes, so it reaches the parser, and some with a bad signature.
 */
@Execution(ExecutionMode.CONCURRENT)
class MetaWebhookFuzzTest {
    private static final String PATH = "/webhooks/meta";
    private final MetaWebhook webhook = new MetaWebhook(Requests.secrets(), Requests.CLOCK);

    @Test
    @DisplayName("a signed Meta delivery, damaged or random, is read (each message stored or parked) or refused with a 4xx")
    void signedDeliveries() {
        Fuzz.check("MetaWebhook.signedDeliveries", deliveries(), delivery -> {
            byte[] body = delivery.bytes();
            String text = new String(body, StandardCharsets.UTF_8);
            boolean utf8 = java.util.Arrays.equals(text.getBytes(StandardCharsets.UTF_8), body);
            Outcomes.parsedOrRefused(() -> webhook.parse(utf8 ? MetaWebhookTest.signed(text) : MetaWebhookTest.signed(body)))
                    .ifPresent(batch -> {
                        for (InboundMessage message : batch.messages()) {
                            assertTrue(Set.of(Channel.MESSENGER, Channel.INSTAGRAM, Channel.WHATSAPP).contains(message.channel()));
                            assertFalse(message.identities().isEmpty());
                        }
                        for (InboundParking.Parked parked : batch.parked()) {
                            assertFalse(parked.reason() == null || parked.reason().isBlank(), "a parked message says why");
                        }
                    });
        });
    }

    record Signed(Mutant delivery, Text signature) {
    }

    @Test
    @DisplayName("a Meta delivery whose signature is missing, garbled or for other bytes is refused before it is read")
    void badSignatures() {
        Fuzz.check("MetaWebhook.badSignatures", deliveries().with(signatures(), Signed::new), input -> {
            byte[] body = input.delivery().bytes();
            Map<String, String> headers = input.signature().value() == null ? Map.of()
                    : Map.of("X-Hub-Signature-256", input.signature().value());
            Optional<MetaWebhook.Batch> read = Outcomes.parsedOrRefused(() -> webhook.parse(Requests.post(PATH, headers, body)));
            if (read.isPresent()) {
                assertEquals("the sample's own signature", input.signature().label());
                assertArrayEquals(Requests.sampleBytes("meta/messenger.json"), body);
            }
        });
    }

    record Handshake(Text mode, Text token, Text challenge) {
    }

    @Test
    @DisplayName("the GET handshake echoes the challenge only for mode subscribe and the right token; anything else is a 4xx")
    void handshake() {
        Arb<Text> modes = Gen.frequency(Gen.w(2, Gen.just(Text.of("subscribe"))), Gen.w(1, nullable()));
        Arb<Text> tokens = Gen.frequency(Gen.w(2, Gen.just(Text.of("test-verify-token"))),
                Gen.w(1, Gen.of("test-verify-token ", "TEST-VERIFY-TOKEN", "test-verify-toke", "test-verify-token\u0000")
                        .map(Text::of)), Gen.w(1, nullable()));
        Arb<Text> challenges = Gen.frequency(Gen.w(1, Gen.just(Text.of("1158201444"))), Gen.w(2, nullable()));
        Arb<Handshake> handshakes = gen -> new Handshake(modes.sample(gen), tokens.sample(gen), challenges.sample(gen));
        Fuzz.check("MetaWebhook.handshake", handshakes, input -> {
            Map<String, String> query = new java.util.HashMap<>();
            query.put("hub.mode", input.mode().value());
            query.put("hub.verify_token", input.token().value());
            query.put("hub.challenge", input.challenge().value());
            Optional<String> echoed = Outcomes.parsedOrRefused(() -> webhook.verify(Requests.get(PATH, query)));
            if (echoed.isPresent()) {
                assertEquals("subscribe", input.mode().value());
                assertEquals("test-verify-token", input.token().value());
                assertEquals(input.challenge().value(), echoed.get());
            }
        });
    }

    private static Arb<Text> nullable() {
        return Gen.frequency(Gen.w(4, Mutations.hostileText()), Gen.w(1, Gen.just(new Text("absent", null))));
    }

    static Arb<Mutant> deliveries() {
        Map<String, byte[]> seeds = new LinkedHashMap<>();
        for (String name : List.of("meta/messenger.json", "meta/instagram.json", "meta/whatsapp.json", "meta/whatsapp-status.json")) {
            seeds.put(name, Requests.sampleBytes(name));
        }
        return Gen.frequency(Gen.w(5, Mutations.json(seeds)), Gen.w(1, Mutations.randomJson(List.of("object",
                "entry", "messaging", "changes", "value", "messages", "sender", "recipient", "id", "message", "mid", "text",
                "attachments", "payload", "url", "type", "is_echo", "metadata", "phone_number_id", "from", "contacts", "wa_id",
                "profile", "name", "body", "caption", "filename", "mime_type", "image", "statuses"))));
    }

    static Arb<Text> signatures() {
        byte[] sample = Requests.sampleBytes("meta/messenger.json");
        return Gen.frequency(
                Gen.w(1, Gen.just(new Text("no header", null))),
                Gen.w(1, Gen.just(new Text("the sample's own signature", Signatures.sha256Header("test-meta-secret", sample)))),
                Gen.w(1, Gen.just(new Text("another secret's", Signatures.sha256Header("guess", sample)))),
                Gen.w(3, Mutations.hostileText().map(t -> new Text("sha256=" + t.label(), "sha256=" + t.value()))),
                Gen.w(2, Mutations.hostileText()));
    }
}
