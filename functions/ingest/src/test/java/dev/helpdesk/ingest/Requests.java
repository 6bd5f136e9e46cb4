package dev.helpdesk.ingest;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import dev.helpdesk.config.Secrets;
import dev.helpdesk.config.Settings;
import dev.helpdesk.http.ApiRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

/** Builds HTTP API v2 requests and adapter configuration for the adapter tests. */
final class Requests {
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-24T09:00:00Z"), ZoneOffset.UTC);
    static final Map<String, String> CONFIG = Map.of(
            "TWILIO_AUTH_TOKEN", "test-twilio-token",
            "META_APP_SECRET", "test-meta-secret",
            "META_VERIFY_TOKEN", "test-verify-token",
            "CHAT_WEBHOOK_SECRET", "test-chat-secret",
            "PUBLIC_BASE_URL", "https://helpdesk.example.com");

    private Requests() {
    }

    static Settings settings() {
        return new Settings(CONFIG::get);
    }

    static Secrets secrets() {
        return new Secrets(settings(), parameter -> {
            throw new AssertionError("no SSM in tests");
        });
    }

    static ApiRequest post(String path, Map<String, String> headers, String body) {
        return new ApiRequest(APIGatewayV2HTTPEvent.builder().withRouteKey("POST " + path).withRawPath(path)
                .withRawQueryString("").withHeaders(headers).withBody(body).withIsBase64Encoded(false)
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder().withDomainName("abc.execute-api.us-east-1.amazonaws.com").build())
                .build());
    }

    /** A request with any bytes as its body, base64-encoded as API Gateway passes a body that is not UTF-8 text. */
    static ApiRequest post(String path, Map<String, String> headers, byte[] body) {
        return new ApiRequest(APIGatewayV2HTTPEvent.builder().withRouteKey("POST " + path).withRawPath(path)
                .withRawQueryString("").withHeaders(headers).withBody(java.util.Base64.getEncoder().encodeToString(body))
                .withIsBase64Encoded(true)
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder().withDomainName("abc.execute-api.us-east-1.amazonaws.com").build())
                .build());
    }

    static ApiRequest get(String path, Map<String, String> query) {
        return new ApiRequest(APIGatewayV2HTTPEvent.builder().withRouteKey("GET " + path).withRawPath(path)
                .withQueryStringParameters(query).withHeaders(Map.of()).build());
    }

    /** A sample payload from the repository's events/ folder, byte for byte. */
    static byte[] sampleBytes(String relative) {
        try {
            return Files.readAllBytes(Path.of("../../events").resolve(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A sample payload from the repository's events/ folder. */
    static String sample(String relative) {
        try {
            return Files.readString(Path.of("../../events").resolve(relative), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
