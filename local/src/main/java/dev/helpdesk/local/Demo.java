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
public final class Demo {
    private final LocalCloud cloud;
    private final HttpClient http = HttpClient.newHttpClient();

    public Demo(LocalCloud cloud) {
        this.cloud = cloud;
    }

    public void run() throws Exception {
        seed();
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
            String url = cloud.setting("PUBLIC_BASE_URL") + "/webhooks/sms/twilio";
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

    private void seed() throws Exception {
        String admin = token("demo-admin", "admin");
        for (String[] agent : new String[][] {{"ann", "Ann Andersson", "support"}, {"bo", "Bo Berg", "support"},
                {"cy", "Cy Carlsson", "manager"}, {"dee", "Dee Dahl", "admin"}, {"eli", "Eli Ek", "analyst"}}) {
            api("PUT", "/api/agents/" + agent[0], admin,
                    "{\"name\":\"" + agent[1] + "\",\"role\":\"" + agent[2] + "\",\"email\":\"" + agent[0] + "@brand.example\"}");
        }
        // Those who take tickets start Online; the admin and the analyst sign in to look, not to be routed to.
        for (String[] agent : new String[][] {{"ann", "support"}, {"bo", "support"}, {"cy", "manager"}}) {
            api("PUT", "/api/agents/me/availability", token(agent[0], agent[1]), "{\"online\":true}");
        }
        api("PUT", "/api/teams/senior", admin,
                "{\"name\":\"Senior\",\"members\":[\"cy\"],\"rules\":{\"sentiments\":[\"Urgent\"]},\"order\":1}");
        api("PUT", "/api/settings/statuses", admin, "{\"statuses\":[{\"name\":\"Waiting for warehouse\",\"base\":\"Postponed\"}]}");
        StringBuilder weekly = new StringBuilder();
        for (String day : List.of("MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN")) {
            weekly.append(weekly.isEmpty() ? "" : ",").append("\"").append(day).append("\":[[\"00:00\",\"24:00\"]]");
        }
        api("PUT", "/api/settings/office-hours", admin, "{\"timeZone\":\"Europe/Stockholm\",\"weekly\":{" + weekly + "},\"holidays\":[]}");
        api("PUT", "/api/settings/assignment", admin, "{\"roundRobin\":true}");
        api("PUT", "/api/settings/sla", admin, "{\"policies\":{"
                + "\"urgent\":{\"firstResponseMinutes\":30,\"resolutionMinutes\":240,\"warningMinutes\":10},"
                + "\"high\":{\"firstResponseMinutes\":60,\"resolutionMinutes\":480,\"warningMinutes\":15},"
                + "\"normal\":{\"firstResponseMinutes\":240,\"resolutionMinutes\":1440,\"warningMinutes\":30},"
                + "\"low\":{\"firstResponseMinutes\":480,\"resolutionMinutes\":2880,\"warningMinutes\":60}}}");
        System.out.println("[demo] workspace seeded: agents ann, bo (support) and cy (manager, Senior team for Urgent), all Online; "
                + "dee (admin) and eli (analyst) Offline; "
                + "round robin on; office hours all week; SLA first response 30 min (urgent) to 8 h (low)");
    }

    private String token(String sub, String role) throws Exception {
        String body = api("POST", "/local/token", null, "{\"sub\":\"" + sub + "\",\"role\":\"" + role + "\"}");
        return body.substring(body.indexOf(":\"") + 2, body.lastIndexOf('"'));
    }

    private String api(String method, String path, String token, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(cloud.baseUrl() + path))
                .method(method, HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("[demo] " + method + " " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
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
