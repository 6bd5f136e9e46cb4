package dev.helpdesk.ingest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.helpdesk.app.InboundMessage;
import dev.helpdesk.domain.Channel;
import dev.helpdesk.http.ApiRequest;
import dev.helpdesk.http.Signatures;
import dev.helpdesk.ingest.Gen.Arb;
import dev.helpdesk.ingest.Mutations.Mutant;
import dev.helpdesk.ingest.Mutations.Text;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * Fuzzing the chat widget's webhook (issue 17): real messages from {@code events/chat/} damaged, and random JSON, each
 * signed as the widget signs (so the body reaches the parser), or with a bad signature. Tries and seed: see {@link Fuzz}.
 */
@Execution(ExecutionMode.CONCURRENT)
class ChatWebhookFuzzTest {
    private static final String PATH = "/webhooks/chat";
    private static final String SECRET = "test-chat-secret";
    private final ChatWebhook webhook = new ChatWebhook(Requests.secrets(), Requests.CLOCK);

    @Test
    @DisplayName("a signed chat message, damaged or random, is read or refused with a 4xx; nothing else escapes")
    void signedMessages() {
        Fuzz.check("ChatWebhook.signedMessages", messages(), message -> {
            byte[] body = message.bytes();
            Outcomes.parsedOrRefused(() -> webhook.parse(signed(body))).ifPresent(read -> {
                assertEquals(Channel.CHAT, read.channel());
                assertTrue(read.conversationKey().startsWith("chat:"), read.conversationKey());
            });
        });
    }

    record Signed(Mutant message, Text signature) {
    }

    @Test
    @DisplayName("a chat message whose signature is missing, garbled or for other bytes is refused before it is read")
    void badSignatures() {
        Fuzz.check("ChatWebhook.badSignatures", messages().with(signatures(), Signed::new), input -> {
            byte[] body = input.message().bytes();
            Map<String, String> headers = new LinkedHashMap<>();
            if (input.signature().value() != null) {
                headers.put("X-Helpdesk-Signature", input.signature().value());
            }
            Optional<InboundMessage> read = Outcomes.parsedOrRefused(() -> webhook.parse(Requests.post(PATH, headers, body)));
            if (read.isPresent()) {
                // Only the replayed signature of the unharmed sample can be right, and only for those very bytes.
                assertEquals("the sample's own signature", input.signature().label());
                assertArrayEquals(input.message().original(), body);
            }
        });
    }

    static Arb<Mutant> messages() {
        Map<String, byte[]> seeds = new LinkedHashMap<>();
        for (String name : List.of("chat/01-order-late.json", "chat/02-order-late-followup.json", "chat/03-refund-polish.json")) {
            seeds.put(name, Requests.sampleBytes(name));
        }
        return Gen.frequency(Gen.w(4, Mutations.json(seeds)), Gen.w(1, Mutations.randomJson(
                List.of("conversationId", "messageId", "customer", "name", "email", "phone", "text", "handoff", "bot"))));
    }

    static Arb<Text> signatures() {
        byte[] sample = Requests.sampleBytes("chat/01-order-late.json");
        return Gen.frequency(
                Gen.w(1, Gen.just(new Text("no header", null))),
                Gen.w(1, Gen.just(new Text("the sample's own signature", Signatures.sha256Header(SECRET, sample)))),
                Gen.w(1, Gen.just(new Text("another secret's", Signatures.sha256Header("guess", sample)))),
                Gen.w(3, Mutations.hostileText().map(t -> new Text("sha256=" + t.label(), "sha256=" + t.value()))),
                Gen.w(2, Mutations.hostileText()));
    }

    /** Signed as the widget signs: HMAC-SHA256 of the exact bytes (sent base64 when they are not UTF-8). */
    static ApiRequest signed(byte[] body) {
        Map<String, String> headers = Map.of("X-Helpdesk-Signature", Signatures.sha256Header(SECRET, body),
                "Content-Type", "application/json");
        String text = new String(body, StandardCharsets.UTF_8);
        return java.util.Arrays.equals(text.getBytes(StandardCharsets.UTF_8), body)
                ? Requests.post(PATH, headers, text) : Requests.post(PATH, headers, body);
    }
}
