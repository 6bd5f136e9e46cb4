package dev.helpdesk.local;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@code --demo}: replays the sample webhooks in {@code events/} through the HTTP API, signed as each provider
 * signs them (chat widget, Twilio, Meta, Postmark's basic auth; raw emails through the SES/SNS stand-in), and waits until their events have gone through the bus. Agents,
 * teams and office hours are seeded once their APIs exist (routing issue).
 */
final class Demo {
    private final LocalCloud cloud;
    private final HttpClient http = HttpClient.newHttpClient();

    Demo(LocalCloud cloud) {
        this.cloud = cloud;
    }

    void run() throws Exception {
        Path events = cloud.root() == null ? null : cloud.root().resolve("events");
        if (events == null || !Files.isDirectory(events)) {
            System.out.println("[demo] no events/ directory next to template.yaml; nothing replayed");
            return;
        }
        for (Path sample : samples(events.resolve("chat"), ".json")) {
            byte[] body = Files.readAllBytes(sample);
            send(sample, "/webhooks/chat", "application/json", "X-Helpdesk-Signature",
                    ProviderSigner.sha256Header(cloud.secrets().get("CHAT_WEBHOOK_SECRET"), body), body);
        }
        for (Path sample : samples(events.resolve("sms"), ".txt")) {
            String body = Files.readString(sample).strip();
            String url = System.getProperty("PUBLIC_BASE_URL") + "/webhooks/sms/twilio";
            send(sample, "/webhooks/sms/twilio", "application/x-www-form-urlencoded", "X-Twilio-Signature",
                    ProviderSigner.twilio(cloud.secrets().get("TWILIO_AUTH_TOKEN"), url, body), body.getBytes());
        }
        for (Path sample : samples(events.resolve("meta"), ".json")) {
            byte[] body = Files.readAllBytes(sample);
            send(sample, "/webhooks/meta", "application/json", "X-Hub-Signature-256",
                    ProviderSigner.sha256Header(cloud.secrets().get("META_APP_SECRET"), body), body);
        }
        for (Path sample : samples(events.resolve("email"), ".eml")) {
            send(sample, "/local/ses/inbound", "message/rfc822", "X-Sample", sample.getFileName().toString(),
                    Files.readAllBytes(sample));
        }
        for (Path sample : samples(events.resolve("email"), ".json")) {
            byte[] body = Files.readAllBytes(sample);
            String basic = java.util.Base64.getEncoder().encodeToString((cloud.secrets().get("POSTMARK_INBOUND_USER") + ":"
                    + cloud.secrets().get("POSTMARK_INBOUND_PASSWORD")).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            send(sample, "/webhooks/email/postmark", "application/json", "Authorization", "Basic " + basic, body);
        }
        cloud.awaitIdle(30_000);
    }

    private void send(Path sample, String path, String contentType, String signatureHeader, String signature, byte[] body)
            throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(cloud.baseUrl() + path))
                .header("Content-Type", contentType).header(signatureHeader, signature)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        System.out.println("[demo] " + sample.getFileName() + " -> " + response.statusCode() + " " + response.body());
    }

    private static List<Path> samples(Path dir, String suffix) throws Exception {
        if (!Files.isDirectory(dir)) {
            return new ArrayList<>();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(suffix)).sorted().toList();
        }
    }
}
