package dev.helpdesk.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.helpdesk.config.Settings;
import dev.helpdesk.http.ApiException;
import jakarta.inject.Singleton;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;
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
        URI certUrl = trusted(text(json, "SigningCertURL"), true)
                .orElseThrow(() -> ApiException.unauthorized("SigningCertURL is not an Amazon SNS certificate URL"));
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
        URI url = trusted(text(json, "SubscribeURL"), false)
                .orElseThrow(() -> ApiException.badRequest("invalid_payload", "SubscribeURL is not on the Amazon SNS host"));
        try {
            HttpResponse<Void> response = HTTP.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(5)).GET().build(),
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

    /** A certificate's file name on the SNS host ({@code SimpleNotificationService-<hash>.pem}). */
    private static final java.util.regex.Pattern CERT_FILE = java.util.regex.Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]{0,199}\\.pem");

    /**
     * The URL, parsed, when it is on SNS's own host (scheme, host and port of {@code https://sns.<region>.amazonaws.com/}
     * or {@code SNS_CERT_URL_PREFIX}) and shaped as SNS sends it: a certificate is one {@code .pem} file under the
     * prefix with no query; a subscription link is the prefix itself with a query. Anything else, a malformed URL
     * included (a space, a bad %-escape, a newline, braces), is empty: never fetched, never a 500.
     */
    Optional<URI> trusted(String url, boolean certificate) {
        URI base = URI.create(settings.find(CERT_PREFIX)
                .orElse("https://sns." + settings.find("AWS_REGION").orElse("us-east-1") + ".amazonaws.com/"));
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
        if (!base.getScheme().equalsIgnoreCase(String.valueOf(uri.getScheme())) || uri.getRawUserInfo() != null
                || uri.getRawFragment() != null || uri.getHost() == null || !base.getHost().equalsIgnoreCase(uri.getHost())
                || base.getPort() != uri.getPort() || uri.getRawPath() == null || !uri.getRawPath().startsWith(base.getRawPath())) {
            return Optional.empty();
        }
        String rest = uri.getRawPath().substring(base.getRawPath().length());
        boolean shaped = certificate
                ? uri.getRawQuery() == null && CERT_FILE.matcher(rest).matches()
                : rest.isEmpty() && uri.getRawQuery() != null;
        return shaped ? Optional.of(uri) : Optional.empty();
    }

    private X509Certificate certificate(URI url) {
        return certificates.computeIfAbsent(url.toString(), u -> {
            try {
                HttpResponse<byte[]> response = HTTP.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(5)).GET().build(),
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
