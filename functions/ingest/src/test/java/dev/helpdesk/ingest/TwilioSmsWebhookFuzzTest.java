package dev.helpdesk.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.helpdesk.domain.Channel;
import dev.helpdesk.http.ApiException;
import dev.helpdesk.http.ApiRequest;
import dev.helpdesk.ingest.Gen.Arb;
import dev.helpdesk.ingest.Mutations.Mutant;
import dev.helpdesk.ingest.Mutations.Step;
import dev.helpdesk.ingest.Mutations.Text;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * Fuzzing Twilio's SMS webhook (issue 17): the real form from {@code events/sms/} with fields set to hostile values,
 * dropped or repeated, then damaged byte by byte; and random forms. Each is signed as Twilio signs (over the public
 * URL and the parameters the webhook will read), so it reaches the parser; a few are sent with a bad signature.
 */
@Execution(ExecutionMode.CONCURRENT)
class TwilioSmsWebhookFuzzTest {
    private static final String PATH = "/webhooks/sms/twilio";
    private static final List<String> FIELDS = List.of("MessageSid", "From", "To", "Body", "NumMedia", "MediaUrl0",
            "MediaContentType0", "MediaUrl1", "MediaUrl9", "MediaContentType9", "AccountSid", "SmsStatus");
    private final TwilioSmsWebhook webhook = new TwilioSmsWebhook(Requests.secrets(), new PublicUrl(Requests.settings()), Requests.CLOCK);

    @Test
    @DisplayName("a signed Twilio form, damaged or random, is read or refused with a 4xx; nothing else escapes")
    void signedForms() {
        Fuzz.check("TwilioSmsWebhook.signedForms", forms(), form -> {
            byte[] body = form.bytes();
            Outcomes.parsedOrRefused(() -> webhook.parse(signed(body))).ifPresent(read -> {
                assertEquals(Channel.SMS, read.channel());
                assertTrue(read.attachments().size() <= 10, "at most 10 media are read");
            });
        });
    }

    record Signed(Mutant form, Text signature) {
    }

    @Test
    @DisplayName("a Twilio form with a missing or garbled signature is refused")
    void badSignatures() {
        Fuzz.check("TwilioSmsWebhook.badSignatures", forms().with(garbage(), Signed::new), input -> {
            byte[] body = input.form().bytes();
            Map<String, String> headers = input.signature().value() == null ? Map.of()
                    : Map.of("X-Twilio-Signature", input.signature().value());
            assertTrue(Outcomes.parsedOrRefused(() -> webhook.parse(Requests.post(PATH, headers, body))).isEmpty());
        });
    }

    static Arb<Mutant> forms() {
        Arb<Step> steps = Gen.frequency(Gen.w(3, formStep()), Gen.w(2, Mutations.byteStep()));
        Arb<Mutant> samples = Mutations.mutants(Map.of("sms/twilio-inbound.txt",
                Requests.sample("sms/twilio-inbound.txt").getBytes(StandardCharsets.UTF_8)), steps);
        Arb<List<Map.Entry<String, Text>>> fieldLists = Gen.of(FIELDS).with(numbersAndHostile(), Map::<String, Text>entry).list(12);
        Arb<List<Step>> damages = Mutations.byteStep().list(2);
        Arb<Mutant> random = gen -> {
            List<Map.Entry<String, Text>> fields = fieldLists.sample(gen);
            List<Step> damage = damages.sample(gen);
            String body = fields.stream().map(f -> encode(f.getKey()) + "=" + encode(f.getValue().value()))
                    .collect(Collectors.joining("&"));
            return new Mutant("random " + fields.stream().map(f -> f.getKey() + "=" + f.getValue().label())
                    .collect(Collectors.joining("&")), body.getBytes(StandardCharsets.UTF_8), damage);
        };
        return Gen.frequency(Gen.w(4, samples), Gen.w(1, random));
    }

    static Arb<Text> garbage() {
        return Gen.frequency(Gen.w(1, Gen.just(new Text("no header", null))),
                Gen.w(1, Gen.just(Text.of("bm9wZQ=="))), Gen.w(3, Mutations.hostileText()));
    }

    /** Values for a form field: hostile text, and what NumMedia might be sent as. */
    static Arb<Text> numbersAndHostile() {
        return Gen.frequency(Gen.w(3, Mutations.hostileText()),
                Gen.w(1, Gen.of("1", "10", "11", "2147483647", "2147483648", "99999999999", "-5", " 3 ", "+2", "0x1",
                        "1e3", "٣", "").map(Text::of)));
    }

    /** A form-level step: a field set to a value (the first of that name, or added), dropped, or sent twice. */
    static Arb<Step> formStep() {
        return Gen.frequency(
                Gen.w(3, Gen.of(FIELDS).with(numbersAndHostile(), SetField::new)),
                Gen.w(1, Gen.of(FIELDS).map(DropField::new)),
                Gen.w(1, Gen.of(FIELDS).with(numbersAndHostile(), AddField::new)));
    }

    abstract static class FormStep implements Step {
        @Override
        public byte[] apply(byte[] in) {
            List<Map.Entry<String, String>> fields;
            try {
                fields = new ArrayList<>(FormBody.parse(new String(in, StandardCharsets.UTF_8)).fields());
            } catch (ApiException notAForm) {
                return in;
            }
            change(fields);
            return fields.stream().map(f -> encode(f.getKey()) + "=" + encode(f.getValue())).collect(Collectors.joining("&"))
                    .getBytes(StandardCharsets.UTF_8);
        }

        abstract void change(List<Map.Entry<String, String>> fields);
    }

    static final class SetField extends FormStep {
        final String name;
        final Text value;

        SetField(String name, Text value) {
            this.name = name;
            this.value = value;
        }

        void change(List<Map.Entry<String, String>> fields) {
            for (int i = 0; i < fields.size(); i++) {
                if (fields.get(i).getKey().equals(name)) {
                    fields.set(i, new AbstractMap.SimpleImmutableEntry<>(name, value.value()));
                    return;
                }
            }
            fields.add(new AbstractMap.SimpleImmutableEntry<>(name, value.value()));
        }

        @Override
        public String toString() {
            return name + "=" + value;
        }
    }

    static final class DropField extends FormStep {
        final String name;

        DropField(String name) {
            this.name = name;
        }

        void change(List<Map.Entry<String, String>> fields) {
            fields.removeIf(f -> f.getKey().equals(name));
        }

        @Override
        public String toString() {
            return "drop " + name;
        }
    }

    static final class AddField extends FormStep {
        final String name;
        final Text value;

        AddField(String name, Text value) {
            this.name = name;
            this.value = value;
        }

        void change(List<Map.Entry<String, String>> fields) {
            fields.add(new AbstractMap.SimpleImmutableEntry<>(name, value.value()));
        }

        @Override
        public String toString() {
            return "add " + name + "=" + value;
        }
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /**
     * Signed as Twilio signs, over the parameters the webhook will read from these bytes; a body that is not even a
     * form goes unsigned (the webhook refuses it before looking at the signature).
     */
    static ApiRequest signed(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8);
        if (java.util.Arrays.equals(text.getBytes(StandardCharsets.UTF_8), body)) {
            try {
                return TwilioSmsWebhookTest.signed(text);
            } catch (ApiException notAForm) {
                return Requests.post(PATH, Map.of(), text);
            }
        }
        Map<String, String> headers;
        try {
            headers = Map.of("X-Twilio-Signature", TwilioSignature.compute("test-twilio-token",
                    "https://helpdesk.example.com" + PATH, FormBody.parse(text).fields()));
        } catch (ApiException notAForm) {
            headers = Map.of();
        }
        return Requests.post(PATH, headers, body);
    }
}
