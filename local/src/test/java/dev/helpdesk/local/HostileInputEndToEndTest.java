package dev.helpdesk.local;

import org.junit.jupiter.api.parallel.Isolated;
import static org.junit.jupiter.api.Assertions.*;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * R-INGEST-6 as a table: every webhook fed hostile payloads, correctly signed where a signature is needed, so
 * the payload itself is what is judged. Client mistakes are 4xx with the JSON error and store nothing; nothing is
 * ever a 500; text that is merely odd (script tags, NUL bytes) is stored as inert text.
 */
@Isolated
class HostileInputEndToEndTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    record Case(String name, String path, String contentType, byte[] body, int expected) {
    }

    @Test
    @DisplayName("R-INGEST-6 hostile payloads on every webhook: the right 4xx, never a 500, nothing stored")
    void hostilePayloads() throws Exception {
        LocalCloud cloud = SharedCloud.get();
        byte[] tenMegabytes = new byte[10 * 1024 * 1024 + 1];
        java.util.Arrays.fill(tenMegabytes, (byte) 'a');
        List<Case> cases = List.of(
                new Case("chat: 10 MB", "/webhooks/chat", "application/json", tenMegabytes, 413),
                new Case("chat: truncated JSON", "/webhooks/chat", "application/json", bytes("{\"conversationId\":\"c\",\"mess"), 400),
                new Case("chat: JSON array", "/webhooks/chat", "application/json", bytes("[]"), 400),
                new Case("chat: text is a number", "/webhooks/chat", "application/json", bytes("{\"conversationId\":\"c\",\"messageId\":\"m\",\"text\":5}"), 400),
                new Case("chat: customer is a string", "/webhooks/chat", "application/json",
                        bytes("{\"conversationId\":\"c\",\"messageId\":\"m\",\"text\":\"x\",\"customer\":\"eve\"}"), 400),
                new Case("chat: bad email", "/webhooks/chat", "application/json",
                        bytes("{\"conversationId\":\"c\",\"messageId\":\"m\",\"text\":\"x\",\"customer\":{\"email\":\"<script>\"}}"), 400),
                new Case("sms: missing From", "/webhooks/sms/twilio", "application/x-www-form-urlencoded", bytes("MessageSid=SM1&To=%2B1&Body=hi"), 400),
                new Case("sms: broken escape", "/webhooks/sms/twilio", "application/x-www-form-urlencoded", bytes("MessageSid=SM1&From=%ZZ"), 400),
                new Case("sms: 10 MB", "/webhooks/sms/twilio", "application/x-www-form-urlencoded", tenMegabytes, 413),
                new Case("meta: unknown object", "/webhooks/meta", "application/json", bytes("{\"object\":\"telegram\",\"entry\":[]}"), 400),
                new Case("meta: entry not a list", "/webhooks/meta", "application/json", bytes("{\"object\":\"page\",\"entry\":7}"), 400),
                new Case("meta: 2 MB", "/webhooks/meta", "application/json", new byte[2 * 1024 * 1024], 413),
                new Case("postmark: not JSON", "/webhooks/email/postmark", "application/json", bytes("<xml/>"), 400),
                new Case("postmark: no MessageID", "/webhooks/email/postmark", "application/json", bytes("{\"From\":\"a@b.c\",\"TextBody\":\"x\"}"), 400),
                new Case("ses: garbage", "/webhooks/email/ses", "text/plain", bytes("\u0000\u0001garbage"), 400),
                new Case("ses (raw): no From", "/local/ses/inbound", "message/rfc822", bytes("Subject: hi\r\n\r\nno sender"), 400),
                new Case("ses (raw): not MIME at all", "/local/ses/inbound", "message/rfc822", bytes("\u0000\u0000\u0000"), 400),
                new Case("unknown channel", "/webhooks/telegram", "application/json", bytes("{}"), 404),
                // Issue 17: identifiers no key can hold, and identities that are not what they say, refused up front.
                new Case("chat: phone '()'", "/webhooks/chat", "application/json",
                        bytes("{\"conversationId\":\"c-phone\",\"messageId\":\"m\",\"text\":\"x\",\"customer\":{\"phone\":\"()\"}}"), 400),
                new Case("chat: phone of letters", "/webhooks/chat", "application/json",
                        bytes("{\"conversationId\":\"c-phone2\",\"messageId\":\"m\",\"text\":\"x\",\"customer\":{\"phone\":\"call me\"}}"), 400),
                new Case("chat: 3,000-byte conversation id", "/webhooks/chat", "application/json",
                        bytes("{\"conversationId\":\"" + "c".repeat(3000) + "\",\"messageId\":\"m\",\"text\":\"x\"}"), 400),
                new Case("chat: 3,000-byte message id", "/webhooks/chat", "application/json",
                        bytes("{\"conversationId\":\"c-long-mid\",\"messageId\":\"" + "m".repeat(3000) + "\",\"text\":\"x\"}"), 400),
                new Case("chat: 3,000-character email", "/webhooks/chat", "application/json",
                        bytes("{\"conversationId\":\"c-long-mail\",\"messageId\":\"m\",\"text\":\"x\",\"customer\":{\"email\":\""
                                + "a".repeat(3000) + "@example.com\"}}"), 400),
                new Case("sms: 3,000-digit From", "/webhooks/sms/twilio", "application/x-www-form-urlencoded",
                        bytes("MessageSid=SMlong&From=%2B" + "4".repeat(3000) + "&To=%2B46766861004&Body=hi"), 400),
                new Case("postmark: From is '<<<>>>'", "/webhooks/email/postmark", "application/json",
                        bytes("{\"MessageID\":\"pm-angle\",\"From\":\"<<<>>>\",\"TextBody\":\"x\"}"), 400),
                new Case("postmark: 400 KB of text", "/webhooks/email/postmark", "application/json",
                        bytes("{\"MessageID\":\"pm-big\",\"From\":\"big@example.com\",\"TextBody\":\"" + "x".repeat(400 * 1024) + "\"}"), 413),
                new Case("ses (raw): From <<<>>>", "/local/ses/inbound", "message/rfc822", bytes("From: <<<>>>\r\nSubject: angles\r\n\r\nbody"), 400));
        assertTrue(cloud.awaitIdle(30_000), "earlier tests' events settle first: their outbox clean-up changes the count");
        long before = itemCount(cloud);
        List<String> failures = new ArrayList<>();
        for (Case c : cases) {
            HttpResponse<String> response = post(cloud, c.path(), c.contentType(), c.body(), signatureHeaders(cloud, c.path(), c.body()));
            if (response.statusCode() != c.expected()) {
                failures.add(c.name() + ": expected " + c.expected() + " but was " + response.statusCode() + " " + response.body());
            } else if (!response.body().contains("\"error\"")) {
                failures.add(c.name() + ": no JSON error body: " + response.body());
            }
        }
        assertEquals(List.of(), failures);
        assertTrue(cloud.awaitIdle(30_000));
        assertEquals(before, itemCount(cloud), "no refused payload stored anything");
    }

    @Test
    @DisplayName("issue 17: one bad message in a Meta batch is parked with its reason; the good ones are stored; Meta gets 200")
    void badMessageInAMetaBatchIsParked() throws Exception {
        LocalCloud cloud = SharedCloud.get();
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String good = "{\"sender\":{\"id\":\"psid-" + tag + "\"},\"recipient\":{\"id\":\"page-1\"},\"message\":{\"mid\":\"m-good-" + tag
                + "\",\"text\":\"good one " + tag + "\"}}";
        String huge = "{\"sender\":{\"id\":\"" + "9".repeat(3000) + "\"},\"recipient\":{\"id\":\"page-1\"},\"message\":{\"mid\":\"m-huge-" + tag
                + "\",\"text\":\"bad one\"}}";
        String noMid = "{\"sender\":{\"id\":\"psid-" + tag + "\"},\"recipient\":{\"id\":\"page-1\"},\"message\":{\"text\":\"no id " + tag + "\"}}";
        byte[] body = bytes("{\"object\":\"page\",\"entry\":[{\"id\":\"page-1\",\"messaging\":[" + String.join(",", huge, good, noMid) + "]}]}");
        HttpResponse<String> response = post(cloud, "/webhooks/meta", "application/json", body, signatureHeaders(cloud, "/webhooks/meta", body));
        assertEquals(200, response.statusCode(), response.body());
        assertTrue(cloud.awaitIdle(30_000));
        List<Map<?, ?>> details = cloud.events().stream().<Map<?, ?>>map(e -> (Map<?, ?>) e.envelope().get("detail"))
                .filter(java.util.Objects::nonNull).toList();
        assertTrue(details.stream().anyMatch(d -> ("good one " + tag).equals(d.get("subject"))), "the good message became a ticket");
        List<Map<?, ?>> parked = cloud.events().stream().filter(e -> "Inbound Parked".equals(e.envelope().get("detail-type")))
                .<Map<?, ?>>map(e -> (Map<?, ?>) e.envelope().get("detail"))
                .filter(d -> String.valueOf(d.get("fragment")).contains(tag)).toList();
        assertEquals(2, parked.size(), "both bad messages are parked where operators see them: " + parked);
        assertTrue(parked.stream().anyMatch(d -> String.valueOf(d.get("reason")).contains("longer than 512 bytes")));
        assertTrue(parked.stream().anyMatch(d -> String.valueOf(d.get("reason")).contains("message.mid")));
        // Meta redelivers the same batch: the good one is not stored twice, the bad ones are parked again.
        assertEquals(200, post(cloud, "/webhooks/meta", "application/json", body, signatureHeaders(cloud, "/webhooks/meta", body)).statusCode());
        assertTrue(cloud.awaitIdle(30_000));
        assertEquals(1, cloud.events().stream().filter(e -> "Ticket Received".equals(e.envelope().get("detail-type")))
                .map(e -> (Map<?, ?>) e.envelope().get("detail")).filter(d -> ("good one " + tag).equals(d.get("subject"))).count());
    }

    @Test
    @DisplayName("issue 17: 3,000 nested multiparts — inline over SNS a 400; kept in S3 a ticket that says why (never a crash, never lost)")
    void deeplyNestedMail() throws Exception {
        LocalCloud cloud = SharedCloud.get();
        String tag = UUID.randomUUID().toString().substring(0, 8);
        StringBuilder mail = new StringBuilder("From: Deep " + tag + " <deep-" + tag + "@example.com>\r\nSubject: deep " + tag + "\r\n");
        for (int i = 0; i < 3000; i++) {
            mail.append("Content-Type: multipart/mixed; boundary=\"b").append(i).append("\"\r\n\r\n--b").append(i).append("\r\n");
        }
        mail.append("Content-Type: text/plain\r\n\r\nbottom\r\n");
        for (int i = 2999; i >= 0; i--) {
            mail.append("--b").append(i).append("--\r\n");
        }
        byte[] raw = bytes(mail.toString());
        HttpResponse<String> inline = post(cloud, "/local/ses/inbound?via=sns", "message/rfc822", raw, Map.of());
        assertEquals(413, inline.statusCode(), "over SES's 150 KB for the SNS action: " + inline.body());
        HttpResponse<String> stored = post(cloud, "/local/ses/inbound?via=s3", "message/rfc822", raw, Map.of());
        assertEquals(202, stored.statusCode(), stored.body());
        assertTrue(cloud.awaitIdle(30_000));
        List<Map<?, ?>> received = cloud.events().stream().filter(e -> "Ticket Received".equals(e.envelope().get("detail-type")))
                .<Map<?, ?>>map(e -> (Map<?, ?>) e.envelope().get("detail")).filter(d -> ("deep " + tag).equals(d.get("subject"))).toList();
        assertEquals(1, received.size(), "the mail became a ticket");

        StringBuilder small = new StringBuilder("From: shallow@example.com\r\nSubject: many " + tag + "\r\n");
        for (int i = 0; i < 200; i++) {
            small.append("Content-Type: multipart/mixed; boundary=\"c").append(i).append("\"\r\n\r\n--c").append(i).append("\r\n");
        }
        small.append("Content-Type: text/plain\r\n\r\nx\r\n");
        HttpResponse<String> refused = post(cloud, "/local/ses/inbound?via=sns", "message/rfc822", bytes(small.toString()), Map.of());
        assertEquals(400, refused.statusCode(), "inline mail over the nesting limit is a 400: " + refused.body());
    }

    @Test
    @DisplayName("issue 17: agent API bodies over 128 KB (a team with 30,000 labels) are 413 and store nothing")
    void hugeAgentBodies() throws Exception {
        LocalCloud cloud = SharedCloud.get();
        String admin = Exchanges.JSON.readTree(post(cloud, "/local/token", "application/json",
                bytes("{\"sub\":\"hostile-admin\",\"role\":\"admin\"}"), Map.of()).body()).path("token").asText();
        StringBuilder labels = new StringBuilder();
        for (int i = 0; i < 30_000; i++) {
            labels.append(i == 0 ? "" : ",").append("\"label-").append(i).append('"');
        }
        String teamId = "huge-" + UUID.randomUUID().toString().substring(0, 8);
        assertTrue(cloud.awaitIdle(30_000));
        long before = itemCount(cloud);
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(cloud.baseUrl() + "/api/teams/" + teamId))
                .header("Authorization", "Bearer " + admin).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"name\":\"Huge\",\"members\":[],\"rules\":{\"labels\":[" + labels + "]}}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(413, response.statusCode(), response.body());
        assertEquals(before, itemCount(cloud), "nothing stored");
    }

    @Test
    @DisplayName("script tags and NUL bytes are stored as inert text, exactly as sent")
    void oddTextIsStoredVerbatim() throws Exception {
        LocalCloud cloud = SharedCloud.get();
        String text = "<script>alert('x')</script> and a NUL \u0000 byte, ' OR 1=1 --";
        String body = Exchanges.JSON.writeValueAsString(Map.of("conversationId", "odd-" + UUID.randomUUID(), "messageId", "m", "text", text));
        HttpResponse<String> response = post(cloud, "/webhooks/chat", "application/json", bytes(body),
                signatureHeaders(cloud, "/webhooks/chat", bytes(body)));
        assertEquals(200, response.statusCode(), response.body());
        String ticketId = Exchanges.JSON.readTree(response.body()).path("ticketId").asText();
        String token = Exchanges.JSON.readTree(post(cloud, "/local/token", "application/json",
                bytes("{\"sub\":\"a\",\"role\":\"support\"}"), Map.of()).body()).path("token").asText();
        HttpResponse<String> ticket = HTTP.send(HttpRequest.newBuilder(URI.create(cloud.baseUrl() + "/api/tickets/" + ticketId))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(text, Exchanges.JSON.readTree(ticket.body()).path("messages").get(0).path("text").asText());
    }

    @Test
    @DisplayName("R-INGEST-4 twenty concurrent deliveries of one SMS over HTTP: all 2xx, one message stored")
    void concurrentRedeliveries() throws Exception {
        LocalCloud cloud = SharedCloud.get();
        String sid = "SMc" + UUID.randomUUID().toString().replace("-", "");
        byte[] body = bytes("MessageSid=" + sid + "&From=%2B46700000001&To=%2B46766861004&Body=once+only");
        ExecutorService pool = Executors.newFixedThreadPool(20);
        try {
            List<Callable<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                calls.add(() -> post(cloud, "/webhooks/sms/twilio", "application/x-www-form-urlencoded", body,
                        signatureHeaders(cloud, "/webhooks/sms/twilio", body)).statusCode());
            }
            for (Future<Integer> status : pool.invokeAll(calls)) {
                assertEquals(200, status.get());
            }
        } finally {
            pool.shutdownNow();
        }
        assertTrue(cloud.awaitIdle(30_000));
        long tickets = cloud.events().stream().filter(e -> "Ticket Received".equals(e.envelope().get("detail-type")))
                .map(e -> (Map<?, ?>) e.envelope().get("detail")).filter(d -> "once only".equals(d.get("subject"))).count();
        assertEquals(1, tickets);
    }

    private static Map<String, String> signatureHeaders(LocalCloud cloud, String path, byte[] body) {
        return switch (path) {
            case "/webhooks/chat" -> Map.of("X-Helpdesk-Signature", ProviderSigner.sha256Header(cloud.secrets().get("CHAT_WEBHOOK_SECRET"), body));
            case "/webhooks/meta" -> Map.of("X-Hub-Signature-256", ProviderSigner.sha256Header(cloud.secrets().get("META_APP_SECRET"), body));
            case "/webhooks/sms/twilio" -> twilioSignature(cloud, path, body);
            case "/webhooks/email/postmark" -> Map.of("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                    (cloud.secrets().get("POSTMARK_INBOUND_USER") + ":" + cloud.secrets().get("POSTMARK_INBOUND_PASSWORD")).getBytes(StandardCharsets.UTF_8)));
            default -> Map.of();
        };
    }

    /** A body no real form encoder makes (a broken %-escape) cannot be signed: it is sent unsigned. */
    private static Map<String, String> twilioSignature(LocalCloud cloud, String path, byte[] body) {
        try {
            return body.length > 64 * 1024 ? Map.of() : Map.of("X-Twilio-Signature", ProviderSigner.twilio(
                    cloud.secrets().get("TWILIO_AUTH_TOKEN"), cloud.setting("PUBLIC_BASE_URL") + path, new String(body, StandardCharsets.UTF_8)));
        } catch (IllegalArgumentException unsignable) {
            return Map.of();
        }
    }

    private static HttpResponse<String> post(LocalCloud cloud, String path, String contentType, byte[] body,
                                             Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(cloud.baseUrl() + path)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static long itemCount(LocalCloud cloud) {
        try (DynamoDbClient dynamo = DynamoDbClient.builder().region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("x", "x")))
                .endpointOverride(URI.create(cloud.endpoints().get("dynamodb")))
                .httpClientBuilder(UrlConnectionHttpClient.builder()).build()) {
            long count = 0;
            java.util.Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> start = null;
            do {
                var from = start;
                var page = dynamo.scan(b -> b.tableName(cloud.setting("HELPDESK_TABLE")).select("COUNT").exclusiveStartKey(from));
                count += page.count();
                start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
            } while (start != null);
            return count;
        }
    }
}
