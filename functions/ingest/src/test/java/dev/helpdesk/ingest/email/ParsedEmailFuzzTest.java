package dev.helpdesk.ingest.email;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.helpdesk.domain.Attachment;
import dev.helpdesk.ingest.Fuzz;
import dev.helpdesk.ingest.Gen;
import dev.helpdesk.ingest.Gen.Arb;
import dev.helpdesk.ingest.Mutations;
import dev.helpdesk.ingest.Mutations.Text;
import dev.helpdesk.ingest.Outcomes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * Fuzzing what every email adapter shares (issue 17): Message-IDs read from hostile headers, the thread order built from
 * In-Reply-To and References (a sender chooses how many), and an email of hostile parts made into an inbound message.
 */
@Execution(ExecutionMode.CONCURRENT)
class ParsedEmailFuzzTest {
    private static final Instant NOW = Instant.parse("2026-12-07T09:00:00Z");

    record Headers(Text inReplyTo, Text references) {
    }

    @Test
    @DisplayName("the thread order is In-Reply-To's ids, then References' newest first, every named id once, in bounded time")
    void threadOrder() {
        Fuzz.check("ParsedEmail.threadOrder", idHeaders().with(idHeaders(), Headers::new), input -> {
            Text inReplyTo = input.inReplyTo();
            Text references = input.references();
            List<String> order = Outcomes.within(Outcomes.HANG, () -> ParsedEmail.threadOrder(inReplyTo.value(), references.value()));
            assertEquals(order.size(), new HashSet<>(order).size(), "no id twice");
            Set<String> named = new LinkedHashSet<>(ParsedEmail.messageIds(inReplyTo.value()));
            List<String> answered = List.copyOf(named);
            named.addAll(ParsedEmail.messageIds(references.value()));
            assertEquals(named, new HashSet<>(order), "every id named, and only those");
            assertEquals(answered, order.subList(0, answered.size()), "In-Reply-To first");
            for (String id : order) {
                assertTrue(id.matches("[^<>\\s]+"), "an id is what stood between angle brackets, without spaces: " + id);
            }
        });
    }

    record Parts(Text providerId, Text messageId, Text references, Text from, Text name, Text subject, Text text, Text html,
                 List<Attachment> attachments) {
    }

    @Test
    @DisplayName("an email of hostile parts becomes an inbound message or is refused with InvalidInput (400/413), in bounded time")
    void toInbound() {
        Arb<Text> ids = ids();
        Arb<Text> idHeaders = idHeaders();
        Arb<Text> addresses = addresses();
        Arb<Text> nullableText = nullableText();
        Arb<Text> bodies = bodies();
        Arb<Text> html = html();
        Arb<List<Attachment>> attachments = attachments();
        Arb<Parts> parts = gen -> new Parts(ids.sample(gen), ids.sample(gen), idHeaders.sample(gen), addresses.sample(gen),
                nullableText.sample(gen), nullableText.sample(gen), bodies.sample(gen), html.sample(gen), attachments.sample(gen));
        Fuzz.check("ParsedEmail.toInbound", parts, p -> {
            ParsedEmail email = new ParsedEmail(p.providerId().value(), p.messageId().value(),
                    ParsedEmail.threadOrder(null, p.references().value()), p.from().value(), p.name().value(), p.subject().value(),
                    p.text().value(), p.html().value(), p.attachments());
            Outcomes.parsedOrRefused(() -> email.toInbound(NOW)).ifPresent(inbound -> {
                assertTrue(inbound.email().replyTo().size() <= 20);
                assertTrue(inbound.subject() == null || inbound.subject().length() <= 1000);
            });
        });
    }

    static Arb<Text> idHeaders() {
        Arb<String> id = Gen.frequency(Gen.w(4, Gen.of("a@b", "m1@example.com", "CAK7pQ1x=g@mail.example.se",
                        "x", "9".repeat(600) + "@x", "a\u0000b@c", "ä@ö")),
                Gen.w(1, Gen.strings(12)));
        Arb<Text> lists = Gen.combine(id.list(30), Gen.of(" ", "", "\r\n ", ",", "<>"))
                .as((ids, between) -> Text.of(ids.stream().map(i -> "<" + i + ">").collect(Collectors.joining(between))));
        Arb<Text> manyDistinct = Gen.ints(1_000, 120_000).map(n -> {
            StringBuilder out = new StringBuilder();
            for (int i = 0; i < n; i++) {
                out.append('<').append(i).append("@x> ");
            }
            return new Text("<i@x> for i < " + n, out.toString());
        });
        return Gen.frequency(Gen.w(4, lists), Gen.w(2, Mutations.hostileText()), Gen.w(1, manyDistinct),
                Gen.w(1, Gen.just(new Text("null", null))));
    }

    static Arb<Text> ids() {
        return Gen.frequency(Gen.w(2, Gen.of("ses-1", "CAK7pQ1x-ses-alt@mail.example.se").map(Text::of)),
                Gen.w(2, Mutations.hostileText()), Gen.w(1, Gen.just(new Text("null", null))));
    }

    static Arb<Text> addresses() {
        return Gen.frequency(Gen.w(2, Gen.of("ann@example.com", "Ann@Example.COM", "a@b").map(Text::of)),
                Gen.w(3, Mutations.hostileText()), Gen.w(1, Gen.just(new Text("null", null))));
    }

    static Arb<Text> nullableText() {
        return Gen.frequency(Gen.w(4, Mutations.hostileText()), Gen.w(1, Gen.just(new Text("null", null))));
    }

    static Arb<Text> bodies() {
        return Gen.frequency(Gen.w(3, Markup.replies()), Gen.w(1, Gen.just(new Text("null", null))));
    }

    static Arb<Text> html() {
        return Gen.frequency(Gen.w(2, Markup.html()), Gen.w(2, Gen.just(new Text("null", null))));
    }

    static Arb<List<Attachment>> attachments() {
        Arb<Text> label = Mutations.hostileText().filter(t -> t.value().length() < 4000); // an Attachment prints whole
        Arb<Text> labels = label.injectNull(0.1);
        Arb<Attachment> attachment = gen -> {
            Text n = labels.sample(gen);
            Text type = labels.sample(gen);
            long size = gen.between(-1L, Long.MAX_VALUE);
            return new Attachment(n == null ? null : n.value(), type == null ? null : type.value(), size);
        };
        return attachment.list(5).map(ArrayList::new);
    }
}
