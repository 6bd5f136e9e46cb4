package dev.helpdesk.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.helpdesk.domain.Channel;
import dev.helpdesk.ingest.Gen.Arb;
import dev.helpdesk.ingest.Mutations.Mutant;
import dev.helpdesk.ingest.Mutations.Text;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * Fuzzing Postmark's inbound webhook (issue 17): the real inbound JSON from {@code events/email/} damaged (wrong types
 * for every field, huge bodies and headers, deep nesting, NUL, invalid UTF-8, truncation) and random JSON, with the
 * right basic auth so it reaches the parser; and the right body with hostile credentials.
 */
@Execution(ExecutionMode.CONCURRENT)
class PostmarkWebhookFuzzTest {
    private static final String PATH = "/webhooks/email/postmark";
    private final PostmarkWebhook webhook = PostmarkWebhookTest.webhook();

    @Test
    @DisplayName("an authenticated Postmark delivery, damaged or random, is read or refused with a 4xx; nothing else escapes")
    void authenticated() {
        Fuzz.check("PostmarkWebhook.authenticated", deliveries(), delivery -> {
            byte[] body = delivery.bytes();
            String text = new String(body, StandardCharsets.UTF_8);
            boolean utf8 = java.util.Arrays.equals(text.getBytes(StandardCharsets.UTF_8), body);
            Outcomes.parsedOrRefused(() -> webhook.parse(utf8 ? Requests.post(PATH, PostmarkWebhookTest.AUTH, text)
                    : Requests.post(PATH, PostmarkWebhookTest.AUTH, body))).ifPresent(read -> {
                assertEquals(Channel.EMAIL, read.channel());
                assertTrue(read.email().replyTo().size() <= 20, "at most 20 references are kept");
            });
        });
    }

    record Credentialed(Mutant delivery, Text authorization) {
    }

    @Test
    @DisplayName("a Postmark delivery with missing or hostile credentials is refused")
    void badCredentials() {
        Fuzz.check("PostmarkWebhook.badCredentials", deliveries().with(credentials(), Credentialed::new), input -> {
            byte[] body = input.delivery().bytes();
            Map<String, String> headers = input.authorization().value() == null ? Map.of()
                    : Map.of("Authorization", input.authorization().value());
            assertTrue(Outcomes.parsedOrRefused(() -> webhook.parse(Requests.post(PATH, headers, body))).isEmpty());
        });
    }

    static Arb<Mutant> deliveries() {
        return Gen.frequency(
                Gen.w(5, Mutations.json(Map.of("email/postmark-inbound.json", Requests.sampleBytes("email/postmark-inbound.json")))),
                Gen.w(1, Mutations.randomJson(List.of("MessageID", "From", "FromFull", "Email", "Name", "FromName", "Headers",
                        "Value", "Attachments", "ContentType", "ContentLength", "TextBody", "HtmlBody", "Subject"))));
    }

    static Arb<Text> credentials() {
        return Gen.frequency(Gen.w(1, Gen.just(new Text("no header", null))),
                Gen.w(1, Gen.of("postmark:guess", "postmark:", ":pm-secret", "postmark:pm-secret\u0000", "Postmark:pm-secret")
                        .map(c -> new Text("Basic " + c, "Basic " + Base64.getEncoder().encodeToString(c.getBytes(StandardCharsets.UTF_8))))),
                Gen.w(2, Mutations.hostileText().map(t -> new Text("Basic " + t.label(), "Basic " + t.value()))),
                Gen.w(1, Mutations.hostileText()));
    }
}
