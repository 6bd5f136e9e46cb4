package dev.helpdesk.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.helpdesk.json.Json;
import dev.helpdesk.outbound.OutboundSender.DeliveryException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * One HTTPS call to a provider's API, with the answer sorted the way a retry needs: 2xx is accepted; a timeout,
 * a connection failure, 408, 429 or 5xx is transient (EventBridge retries the event); any other 4xx is the
 * provider refusing this message for good (bad number, unknown recipient, expired token) and is not retried.
 */
final class ProviderHttp {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final int MAX_REASON = 300;

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    JsonNode post(String provider, URI uri, Map<String, String> headers, String contentType, byte[] body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(TIMEOUT)
                .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        HttpResponse<byte[]> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new DeliveryException(provider + " unreachable: " + e, false, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeliveryException(provider + " call interrupted", false, e);
        }
        int status = response.statusCode();
        String text = new String(response.body(), StandardCharsets.UTF_8);
        if (status >= 200 && status < 300) {
            return text.isBlank() ? MissingNode.getInstance() : readOrMissing(text);
        }
        String reason = provider + " answered " + status + ": " + (text.length() > MAX_REASON ? text.substring(0, MAX_REASON) : text);
        boolean retryable = status == 408 || status == 429 || status >= 500;
        throw new DeliveryException(reason, !retryable);
    }

    private static JsonNode readOrMissing(String text) {
        try {
            return Json.read(text);
        } catch (RuntimeException notJson) {
            return MissingNode.getInstance();
        }
    }
}
