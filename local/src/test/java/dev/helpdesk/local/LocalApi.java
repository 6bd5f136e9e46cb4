package dev.helpdesk.local;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * What the end-to-end tests do over the offline cloud's HTTP port: call a route, get a token, send a chat message,
 * an SMS or a Meta webhook signed as the provider signs it.
 */
public final class LocalApi {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private LocalApi() {
    }

    public static HttpResponse<String> call(LocalCloud cloud, String method, String path, String token, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(cloud.baseUrl() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    public static String token(LocalCloud cloud, String sub, String role) throws Exception {
        HttpResponse<String> response = call(cloud, "POST", "/local/token", null, "{\"sub\":\"" + sub + "\",\"role\":\"" + role + "\"}");
        return Exchanges.JSON.readTree(response.body()).path("token").asText();
    }

    /** Posts a signed chat message, waits until its events have gone through the bus, and returns the response. */
    public static HttpResponse<String> chat(LocalCloud cloud, Map<String, Object> message) throws Exception {
        String body = Exchanges.JSON.writeValueAsString(message);
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(cloud.baseUrl() + "/webhooks/chat"))
                .header("X-Helpdesk-Signature", ProviderSigner.sha256Header(cloud.secrets().get("CHAT_WEBHOOK_SECRET"),
                        body.getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        cloud.awaitIdle(30_000);
        return response;
    }

    /** Posts a Twilio SMS webhook signed over the public URL with the local auth token. */
    static HttpResponse<String> sms(LocalCloud cloud, String formBody) throws Exception {
        return sms(cloud, formBody, ProviderSigner.twilio(cloud.secrets().get("TWILIO_AUTH_TOKEN"),
                cloud.setting("PUBLIC_BASE_URL") + "/webhooks/sms/twilio", formBody));
    }

    /** Posts a Twilio SMS webhook with the given {@code X-Twilio-Signature}. */
    static HttpResponse<String> sms(LocalCloud cloud, String formBody, String signature) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(cloud.baseUrl() + "/webhooks/sms/twilio"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("X-Twilio-Signature", signature)
                .POST(HttpRequest.BodyPublishers.ofString(formBody)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Posts a Meta webhook signed with the local app secret ({@code X-Hub-Signature-256}). */
    static HttpResponse<String> meta(LocalCloud cloud, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(cloud.baseUrl() + "/webhooks/meta"))
                .header("Content-Type", "application/json")
                .header("X-Hub-Signature-256", ProviderSigner.sha256Header(cloud.secrets().get("META_APP_SECRET"),
                        body.getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
