package dev.helpdesk.local;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * SES inbound mail and SNS for the local cloud: {@code POST /local/ses/inbound} takes a raw MIME message and
 * delivers it the way SES's receipt rule actions would: {@code ?via=sns} (default) inline in an SES "Received"
 * notification (SNS action, base64 content), signed as SNS signs, to {@code /webhooks/email/ses};
 * {@code ?via=s3} stored in the inbound-mail bucket, whose S3 event runs the subscribed function;
 * {@code ?via=s3-sns} stored in the bucket and announced over SNS with the S3 location. The signing certificate is made at start-up and
 * served at {@code /local/sns/cert.pem}; the function trusts it only because its configuration
 * ({@code SNS_CERT_URL_PREFIX}) says so, exactly as it trusts SNS's own host in AWS.
 */
final class LocalSesInbound {
    private final KeyPair keys;
    private final String certificatePem;
    private final HttpClient http = HttpClient.newHttpClient();

    LocalSesInbound() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        keys = generator.generateKeyPair();
        Instant now = Instant.now();
        X500Name name = new X500Name("CN=sns.local.helpdesk");
        X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(new JcaX509v3CertificateBuilder(
                name, BigInteger.valueOf(now.toEpochMilli()), Date.from(now.minus(1, ChronoUnit.DAYS)),
                Date.from(now.plus(365, ChronoUnit.DAYS)), name, keys.getPublic())
                .build(new JcaContentSignerBuilder("SHA256withRSA").build(keys.getPrivate())));
        StringWriter pem = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(pem)) {
            writer.writeObject(certificate);
        }
        certificatePem = pem.toString();
    }

    void serveCertificate(HttpExchange exchange) throws IOException {
        Exchanges.send(exchange, 200, "application/x-pem-file", certificatePem.getBytes(StandardCharsets.US_ASCII));
    }

    /** Delivers a raw MIME message as the chosen SES action would, and answers with what came back. */
    void deliver(HttpExchange exchange, URI baseUrl, String topicArn, LocalS3 s3, String bucket, String query) throws IOException {
        String via = query == null ? "sns" : query.replaceFirst("^.*via=([a-z0-9-]+).*$", "$1");
        byte[] raw = Exchanges.readBody(exchange, via.equals("sns") ? 150 * 1024 : 40 * 1024 * 1024);
        if (raw == null) {
            Exchanges.error(exchange, 413, "payload_too_large", "too large for SES's " + via + " action");
            return;
        }
        String sesId = UUID.randomUUID().toString().replace("-", "");
        if (!via.equals("sns")) {
            if (bucket == null) {
                Exchanges.error(exchange, 404, "not_found", "template.yaml has no S3 event for inbound mail");
                return;
            }
            String key = "inbound/" + sesId;
            s3.put(bucket, key, raw);
            if (via.equals("s3")) {
                Exchanges.json(exchange, 202, Map.of("bucket", bucket, "key", key));
                return;
            }
            postEnvelope(exchange, baseUrl, envelope(null, baseUrl, topicArn, sesId, Map.of("type", "S3", "topicArn", topicArn,
                    "bucketName", bucket, "objectKey", key)));
            return;
        }
        postEnvelope(exchange, baseUrl, envelope(raw, baseUrl, topicArn, sesId));
    }

    private void postEnvelope(HttpExchange exchange, URI baseUrl, String envelope) throws IOException {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(baseUrl.resolve("/webhooks/email/ses"))
                    .header("Content-Type", "text/plain; charset=UTF-8")
                    .header("x-amz-sns-message-type", "Notification")
                    .POST(HttpRequest.BodyPublishers.ofString(envelope)).build(), HttpResponse.BodyHandlers.ofString());
            Exchanges.send(exchange, response.statusCode(), "application/json", response.body().getBytes(StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            Exchanges.error(exchange, 500, "internal_error", "interrupted");
        }
    }

    String envelope(byte[] raw, URI baseUrl, String topicArn, String sesMessageId) {
        return envelope(raw, baseUrl, topicArn, sesMessageId, Map.of("type", "SNS", "topicArn", topicArn, "encoding", "BASE64"));
    }

    /** A signed SNS Notification around an SES Received notification; {@code raw} inline, or null (S3 action). */
    String envelope(byte[] raw, URI baseUrl, String topicArn, String sesMessageId, Map<String, Object> action) {
        try {
            Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            Map<String, Object> notification = new LinkedHashMap<>();
            notification.put("notificationType", "Received");
            notification.put("mail", Map.of("timestamp", now.toString(), "source", "sender@local", "messageId", sesMessageId,
                    "destination", List.of("support@local"), "headersTruncated", false));
            notification.put("receipt", Map.of("timestamp", now.toString(), "recipients", List.of("support@local"),
                    "spamVerdict", Map.of("status", "PASS"), "virusVerdict", Map.of("status", "PASS"),
                    "action", action));
            if (raw != null) {
                notification.put("content", Base64.getEncoder().encodeToString(raw));
            }
            Map<String, Object> sns = new LinkedHashMap<>();
            sns.put("Type", "Notification");
            sns.put("MessageId", UUID.randomUUID().toString());
            sns.put("TopicArn", topicArn);
            sns.put("Subject", "Amazon SES Email Receipt Notification");
            sns.put("Message", Exchanges.JSON.writeValueAsString(notification));
            sns.put("Timestamp", now.toString());
            sns.put("SignatureVersion", "2");
            String canonical = "Message\n" + sns.get("Message") + "\nMessageId\n" + sns.get("MessageId") + "\nSubject\n"
                    + sns.get("Subject") + "\nTimestamp\n" + sns.get("Timestamp") + "\nTopicArn\n" + topicArn + "\nType\nNotification\n";
            Signature signer = Signature.getInstance("SHA256withRSA");
            signer.initSign(keys.getPrivate());
            signer.update(canonical.getBytes(StandardCharsets.UTF_8));
            sns.put("Signature", Base64.getEncoder().encodeToString(signer.sign()));
            sns.put("SigningCertURL", baseUrl + "/local/sns/cert.pem");
            sns.put("UnsubscribeURL", baseUrl + "/local/sns/unsubscribe");
            return Exchanges.JSON.writeValueAsString(sns);
        } catch (Exception e) {
            throw new IllegalStateException("could not build the SNS envelope", e);
        }
    }
}
