package dev.helpdesk.local;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * {@code --demo}: replays the sample chat webhooks in {@code events/chat/} through the HTTP API, signed as the
 * widget signs them, and waits until their events have gone through the bus. Agents, teams and office hours
 * are seeded once their APIs exist (routing issue).
 */
final class Demo {
    private final LocalCloud cloud;

    Demo(LocalCloud cloud) {
        this.cloud = cloud;
    }

    void run() throws Exception {
        Path dir = cloud.root() == null ? null : cloud.root().resolve("events/chat");
        if (dir == null || !Files.isDirectory(dir)) {
            System.out.println("[demo] no events/chat directory next to template.yaml; nothing replayed");
            return;
        }
        List<Path> samples;
        try (Stream<Path> files = Files.list(dir)) {
            samples = files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        HttpClient http = HttpClient.newHttpClient();
        String secret = cloud.secrets().get("CHAT_WEBHOOK_SECRET");
        for (Path sample : samples) {
            byte[] body = Files.readAllBytes(sample);
            HttpRequest request = HttpRequest.newBuilder(URI.create(cloud.baseUrl() + "/webhooks/chat"))
                    .header("Content-Type", "application/json")
                    .header("X-Helpdesk-Signature", "sha256=" + hmacSha256Hex(secret, body))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            System.out.println("[demo] " + sample.getFileName() + " -> " + response.statusCode() + " " + response.body());
        }
        cloud.awaitIdle(30_000);
    }

    static String hmacSha256Hex(String secret, byte[] body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(body));
    }
}
