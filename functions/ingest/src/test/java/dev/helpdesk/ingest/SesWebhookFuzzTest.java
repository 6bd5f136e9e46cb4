package dev.helpdesk.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import dev.helpdesk.app.InboundMessage;
import dev.helpdesk.config.Settings;
import dev.helpdesk.domain.Channel;
import dev.helpdesk.ingest.Gen.Arb;
import dev.helpdesk.ingest.Mutations.Mutant;
import dev.helpdesk.ingest.Mutations.Step;
import dev.helpdesk.ingest.email.Mails;
import dev.helpdesk.ingest.email.RawMailStore;
import dev.helpdesk.json.Json;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * Fuzzing the SES webhook end to end (issue 17), through the real SNS verification: a certificate made for the run
 * (keytool) is served on the loopback, and {@code SNS_CERT_URL_PREFIX} points there, exactly as the local cloud does.
 * Each delivery is an SES "Received" notification around raw mail (the samples damaged, generated MIME, deep nesting):
 * inline in base64 or UTF-8 (SNS action) or in a bucket (S3 action); the notification and the envelope are damaged
 * too, and then signed (v1 or v2) over the canonical string, so the damage reaches the parser. A few go unsigned or
 * are damaged after signing.
 */
@Execution(ExecutionMode.CONCURRENT)
class SesWebhookFuzzTest {
    private static final String PATH = "/webhooks/email/ses";
    private static final String TOPIC = "arn:aws:sns:eu-west-1:123456789012:inbound-mail";
    private static final String BUCKET = "inbound-mail";
    private static PrivateKey key;
    private static HttpServer sns;
    private static String prefix;
    private final Map<String, byte[]> bucket = new ConcurrentHashMap<>();
    private final RawMailStore store = (name, objectKey) -> {
        byte[] raw = BUCKET.equals(name) ? bucket.get(objectKey) : null;
        if (raw == null) {
            throw new RawMailStore.MissingMailException("no object " + name + "/" + objectKey, null);
        }
        return raw;
    };

    @BeforeAll
    static void startSns() throws Exception {
        Path dir = Files.createTempDirectory("ses-fuzz");
        Path keystore = dir.resolve("sns.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(), "-genkeypair",
                "-alias", "sns", "-keyalg", "RSA", "-keysize", "2048", "-sigalg", "SHA256withRSA", "-dname", "CN=sns.fuzz.test",
                "-validity", "2", "-storetype", "PKCS12", "-keystore", keystore.toString(), "-storepass", "fuzzpass",
                "-keypass", "fuzzpass").redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (keytool.waitFor() != 0) {
            throw new IllegalStateException("keytool failed: " + output);
        }
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            keys.load(in, "fuzzpass".toCharArray());
        }
        Files.delete(keystore);
        Files.delete(dir);
        key = (PrivateKey) keys.getKey("sns", "fuzzpass".toCharArray());
        byte[] pem = ("-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'})
                .encodeToString(keys.getCertificate("sns").getEncoded()) + "\n-----END CERTIFICATE-----\n").getBytes(StandardCharsets.US_ASCII);
        sns = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        sns.createContext("/", exchange -> {
            // The certificate for any .pem; 200 for the subscription link (a confirmation is a GET of it).
            byte[] body = exchange.getRequestURI().getPath().endsWith(".pem") ? pem : "<ConfirmSubscriptionResponse/>".getBytes(StandardCharsets.US_ASCII);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        sns.start();
        prefix = "http://127.0.0.1:" + sns.getAddress().getPort() + "/";
    }

    @AfterAll
    static void stopSns() {
        if (sns != null) {
            sns.stop(0);
        }
    }

    private SesWebhook webhook() {
        Settings settings = new Settings(Map.of("SES_INBOUND_TOPIC_ARN", TOPIC, "SNS_CERT_URL_PREFIX", prefix, "AWS_REGION", "eu-west-1")::get);
        return new SesWebhook(new SnsMessages(settings), store, Requests.CLOCK);
    }

    /** How the raw mail travels: inline (SNS action) in base64 or UTF-8, in the bucket (S3 action), or a key not there. */
    enum Action { BASE64, UTF8, S3, S3_MISSING }

    /** How the envelope is signed. */
    enum Signing { V1, V2, NONE, GARBAGE, DAMAGED_AFTER }

    /** One SNS delivery, described by how it was built. */
    record Delivery(Mutant mail, Action action, List<Step> notificationDamage, String type, List<Step> envelopeDamage, Signing signing) {
    }

    @Test
    @DisplayName("an SNS delivery of SES mail, damaged at every layer and signed, becomes a message or is refused with a 4xx")
    void deliveries() {
        Fuzz.check("SesWebhook.deliveries", sesDeliveries(), this::deliver);
    }

    private void deliver(Delivery delivery) throws Exception {
        bucket.clear();
        byte[] raw = delivery.mail().bytes();
        ObjectNode notification = Json.MAPPER.createObjectNode().put("notificationType", "Received");
        notification.putObject("mail").put("messageId", "ses-fuzz-1").put("source", "sender@example.com");
        ObjectNode action = notification.putObject("receipt").putObject("action");
        switch (delivery.action()) {
            case BASE64 -> {
                action.put("type", "SNS").put("topicArn", TOPIC).put("encoding", "BASE64");
                notification.put("content", Base64.getEncoder().encodeToString(raw));
            }
            case UTF8 -> {
                action.put("type", "SNS").put("topicArn", TOPIC).put("encoding", "UTF8");
                notification.put("content", new String(raw, StandardCharsets.UTF_8));
            }
            case S3, S3_MISSING -> {
                action.put("type", "S3").put("topicArn", TOPIC).put("bucketName", BUCKET).put("objectKey", "inbound/ses-fuzz-1");
                if (delivery.action() == Action.S3) {
                    bucket.put("inbound/ses-fuzz-1", raw);
                }
            }
        }
        byte[] message = apply(delivery.notificationDamage(), notification.toString().getBytes(StandardCharsets.UTF_8));
        ObjectNode envelope = Json.MAPPER.createObjectNode().put("Type", delivery.type()).put("MessageId", "sns-fuzz-1")
                .put("TopicArn", TOPIC).put("Subject", "Amazon SES Email Receipt Notification")
                .put("Message", new String(message, StandardCharsets.UTF_8)).put("Timestamp", "2026-11-24T09:00:00.000Z")
                .put("SignatureVersion", delivery.signing() == Signing.V1 ? "1" : "2")
                .put("SigningCertURL", prefix + "SimpleNotificationService-fuzz.pem")
                .put("UnsubscribeURL", prefix + "?Action=Unsubscribe");
        if (!delivery.type().equals("Notification")) {
            envelope.put("Token", "2336412f37").put("SubscribeURL", prefix + "?Action=ConfirmSubscription&Token=2336412f37");
        }
        byte[] body = sign(apply(delivery.envelopeDamage(), envelope.toString().getBytes(StandardCharsets.UTF_8)), delivery.signing());
        if (delivery.signing() == Signing.DAMAGED_AFTER) {
            body = new Mutations.FlipBits(5000, 0x20).apply(body);
        }
        byte[] sent = body;
        Optional<Optional<InboundMessage>> answer = Outcomes.parsedOrRefused(
                () -> webhook().parse(Requests.post(PATH, Map.of("Content-Type", "text/plain; charset=UTF-8"), sent)));
        answer.flatMap(read -> read).ifPresent(read -> {
            assertEquals(Channel.EMAIL, read.channel());
            if (delivery.notificationDamage().isEmpty()) {
                assertEquals("ses-fuzz-1", read.providerMessageId(), "the SES id, not the mail's own");
            }
        });
        if (delivery.action() == Action.S3 && delivery.notificationDamage().isEmpty() && delivery.envelopeDamage().isEmpty()
                && (delivery.signing() == Signing.V1 || delivery.signing() == Signing.V2) && delivery.type().equals("Notification")) {
            // Mail SES kept in S3, announced by a genuine notification, always becomes a message (issue 17).
            assertTrue(answer.flatMap(read -> read).isPresent(), "mail kept in S3 was refused");
        }
    }

    static Arb<Delivery> sesDeliveries() {
        Arb<List<Step>> damage = Gen.frequency(Gen.w(3, Gen.just(List.<Step>of())), Gen.w(1, Mutations.jsonStep().list(1, 3)));
        Arb<Mutant> mails = Mails.mails();
        Arb<Action> actions = Gen.of(Action.values());
        Arb<String> types = Gen.frequency(Gen.w(20, Gen.just("Notification")),
                Gen.w(1, Gen.of("SubscriptionConfirmation", "UnsubscribeConfirmation", "Bogus")));
        Arb<Signing> signings = Gen.frequency(Gen.w(8, Gen.of(Signing.V1, Signing.V2)),
                Gen.w(1, Gen.of(Signing.NONE, Signing.GARBAGE, Signing.DAMAGED_AFTER)));
        return gen -> new Delivery(mails.sample(gen), actions.sample(gen), damage.sample(gen), types.sample(gen), damage.sample(gen),
                signings.sample(gen));
    }

    private static byte[] apply(List<Step> steps, byte[] in) {
        return new Mutations.Mutant("", in, steps).bytes();
    }

    /** Adds the Signature SNS would compute over the canonical string of the (damaged) envelope, when it is still JSON. */
    private static byte[] sign(byte[] envelope, Signing signing) throws Exception {
        if (signing == Signing.NONE) {
            return envelope;
        }
        JsonNode json;
        try {
            json = Json.MAPPER.readTree(envelope);
        } catch (Exception notJson) {
            return envelope;
        }
        if (!(json instanceof ObjectNode object)) {
            return envelope;
        }
        if (signing == Signing.GARBAGE) {
            return object.put("Signature", "AAAA" + "garbage").toString().getBytes(StandardCharsets.UTF_8);
        }
        Signature signer = Signature.getInstance("1".equals(object.path("SignatureVersion").asText()) ? "SHA1withRSA" : "SHA256withRSA");
        signer.initSign(key);
        signer.update(SnsMessages.canonical(object, object.path("Type").asText("")).getBytes(StandardCharsets.UTF_8));
        return object.put("Signature", Base64.getEncoder().encodeToString(signer.sign())).toString().getBytes(StandardCharsets.UTF_8);
    }
}
