package dev.helpdesk.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.helpdesk.config.Settings;
import dev.helpdesk.http.ApiException;
import jakarta.inject.Singleton;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Amazon SNS's HTTP(S) deliveries, verified as AWS documents it: the topic must be the one configured
 * ({@code SES_INBOUND_TOPIC_ARN}), the signing certificate must come from SNS's own host
 * ({@code https://sns.<region>.amazonaws.com/}, or {@code SNS_CERT_URL_PREFIX}), and the signature
 * (version 1: SHA1withRSA, version 2: SHA256withRSA) must verify over the canonical string of the message.
 * Subscription confirmations are confirmed by fetching their SubscribeURL, from the same trusted host.
 */
@Singleton
public class SnsMessages {
    static final String TOPIC = "SES_INBOUND_TOPIC_ARN";
    static final String CERT_PREFIX = "SNS_CERT_URL_PREFIX";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    private final Settings settings;
    private final Map<String, X509Certificate> certificates = new ConcurrentHashMap<>();

    public SnsMessages(Settings settings) {
        this.settings = settings;
    }

    /** A verified SNS message: its type and its (still JSON-encoded) Message. */
    public record Verified(String type, String messageId, String message) {
    }

    public Verified verify(JsonNode json) {
        String topic = settings.find(TOPIC).orElseThrow(() -> new IllegalStateException(TOPIC + " is not configured"));
        String type = text(json, "Type");
        if (!topic.equals(json.path("TopicArn").asText())) {
            throw ApiException.unauthorized("message is not from the configured SNS topic");
        }
        String certUrl = text(json, "SigningCertURL");
        if (!trusted(certUrl) || !certUrl.endsWith(".pem")) {
            throw ApiException.unauthorized("SigningCertURL is not an Amazon SNS certificate URL");
        }
        String algorithm = switch (json.path("SignatureVersion").asText("")) {
            case "1" -> "SHA1withRSA";
            case "2" -> "SHA256withRSA";
            default -> throw ApiException.unauthorized("unknown SignatureVersion");
        };
        byte[] signature;
        try {
            signature = Base64.getDecoder().decode(text(json, "Signature"));
        } catch (IllegalArgumentException e) {
            throw ApiException.unauthorized("Signature is not base64");
        }
        try {
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(certificate(certUrl).getPublicKey());
            verifier.update(canonical(json, type).getBytes(StandardCharsets.UTF_8));
            if (!verifier.verify(signature)) {
                throw ApiException.unauthorized("SNS signature does not verify");
            }
        } catch (GeneralSecurityException e) {
            throw ApiException.unauthorized("SNS signature does not verify: " + e.getMessage());
        }
        return new Verified(type, text(json, "MessageId"), json.path("Message").asText(""));
    }

    /** Confirms a subscription by visiting its SubscribeURL (only on SNS's own host). */
    public void confirm(JsonNode json) {
        String url = text(json, "SubscribeURL");
        if (!trusted(url)) {
            throw ApiException.badRequest("invalid_payload", "SubscribeURL is not on the Amazon SNS host");
        }
        try {
            HttpResponse<Void> response = HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).GET().build(),
                    HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException("SubscribeURL answered " + response.statusCode());
            }
        } catch (java.io.IOException e) {
            throw new IllegalStateException("could not confirm the SNS subscription: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted confirming the SNS subscription", e);
        }
    }

    static String canonical(JsonNode json, String type) {
        List<String> fields = type.equals("Notification")
                ? List.of("Message", "MessageId", "Subject", "Timestamp", "TopicArn", "Type")
                : List.of("Message", "MessageId", "SubscribeURL", "Timestamp", "Token", "TopicArn", "Type");
        StringBuilder out = new StringBuilder();
        for (String field : fields) {
            JsonNode value = json.get(field);
            if (value != null && !value.isNull()) {
                out.append(field).append('\n').append(value.asText()).append('\n');
            }
        }
        return out.toString();
    }

    private boolean trusted(String url) {
        String prefix = settings.find(CERT_PREFIX)
                .orElse("https://sns." + settings.find("AWS_REGION").orElse("us-east-1") + ".amazonaws.com/");
        return url.startsWith(prefix) && !url.substring(prefix.length()).contains("..");
    }

    private X509Certificate certificate(String url) {
        return certificates.computeIfAbsent(url, u -> {
            try {
                HttpResponse<byte[]> response = HTTP.send(HttpRequest.newBuilder(URI.create(u)).timeout(Duration.ofSeconds(5)).GET().build(),
                        HttpResponse.BodyHandlers.ofByteArray());
                if (response.statusCode() != 200) {
                    throw ApiException.unauthorized("signing certificate unavailable (" + response.statusCode() + ")");
                }
                return (X509Certificate) CertificateFactory.getInstance("X.509")
                        .generateCertificate(new ByteArrayInputStream(response.body()));
            } catch (java.io.IOException | GeneralSecurityException e) {
                throw ApiException.unauthorized("signing certificate unavailable: " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        });
    }

    private static String text(JsonNode json, String field) {
        String value = json.path(field).asText("");
        if (value.isEmpty()) {
            throw ApiException.badRequest("invalid_payload", "'" + field + "' is missing");
        }
        return value;
    }
}
