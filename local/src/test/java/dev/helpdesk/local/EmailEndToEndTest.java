package dev.helpdesk.local;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Email through the offline cloud: SES (raw MIME in a signed SNS notification) and Postmark. */
class EmailEndToEndTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static LocalCloud cloud;

    @BeforeAll
    static void start() throws Exception {
        cloud = SharedCloud.get();
    }

    @Test
    @DisplayName("R-INGEST-1 R-INGEST-2 SES: a raw email becomes a ticket with attachments; a reply in windows-1257 joins it")
    void sesEmailAndReplyThread() throws Exception {
        JsonNode mixed = sesInbound(Files.readAllBytes(Path.of("../events/email/ses-mixed-attachments-base64.eml")));
        JsonNode ticket = ticket(mixed.path("ticketId").asText());
        assertEquals("email", ticket.path("channel").asText());
        assertEquals("Uszkodzony produkt – zamówienie 5512", ticket.path("subject").asText());
        assertEquals(2, ticket.path("messages").get(0).path("attachments").size());
        assertTrue(ticket.path("messages").get(0).path("html").asText().contains("<li>faktura</li>"));

        String first = "From: Janis Berzins <janis.berzins@example.lv>\r\nTo: support@shop.example.com\r\n"
                + "Subject: =?UTF-8?Q?Kur_ir_mans_pas=C5=ABt=C4=ABjums=3F?=\r\nMessage-ID: <lv-first-1@mail.example.lv>\r\n"
                + "Content-Type: text/plain; charset=UTF-8\r\n\r\nLabdien, kur ir mana paka?\r\n";
        JsonNode opened = sesInbound(first.getBytes(StandardCharsets.UTF_8));
        JsonNode reply = sesInbound(Files.readAllBytes(Path.of("../events/email/ses-reply-windows-1257.eml")));
        assertEquals(opened.path("ticketId").asText(), reply.path("ticketId").asText(), "the reply threads by In-Reply-To");
        JsonNode thread = ticket(opened.path("ticketId").asText());
        assertEquals(2, thread.path("messages").size());
        assertEquals("Paldies, bet paka joprojām nav atnākusi.", thread.path("messages").get(1).path("text").asText());
        assertTrue(thread.path("messages").get(1).path("fullText").asText().contains("Jūsu paka ir ceļā"));
    }

    @Test
    @DisplayName("R-INGEST-1 SES's S3 action: stored mail reaches ingest by the bucket's S3 event, and by SNS with the S3 location")
    void sesS3Paths() throws Exception {
        String tag = java.util.UUID.randomUUID().toString().substring(0, 8);
        byte[] viaEvent = ("From: s3@example.com\r\nSubject: stored " + tag + "\r\nMessage-ID: <s3-" + tag + "@x>\r\n\r\nbody").getBytes();
        HttpResponse<String> stored = HTTP.send(HttpRequest.newBuilder(URI.create(cloud.baseUrl() + "/local/ses/inbound?via=s3"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(viaEvent)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(202, stored.statusCode(), stored.body());
        assertTrue(cloud.awaitIdle(30_000));
        assertTrue(cloud.events().stream().filter(e -> "Ticket Received".equals(e.envelope().get("detail-type")))
                .anyMatch(e -> ("stored " + tag).equals(((java.util.Map<?, ?>) e.envelope().get("detail")).get("subject"))),
                "the S3 event ran the inbound-mail function");

        byte[] viaSns = ("From: s3@example.com\r\nSubject: announced " + tag + "\r\nMessage-ID: <sns-" + tag + "@x>\r\n\r\nbody").getBytes();
        HttpResponse<String> announced = HTTP.send(HttpRequest.newBuilder(URI.create(cloud.baseUrl() + "/local/ses/inbound?via=s3-sns"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(viaSns)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, announced.statusCode(), announced.body());
        assertEquals("announced " + tag, ticket(Exchanges.JSON.readTree(announced.body()).path("ticketId").asText()).path("subject").asText());
    }

    @Test
    @DisplayName("R-INGEST-6 SES: a tampered, foreign-topic or foreign-certificate SNS message is 401 and stores nothing")
    void forgedSnsIsRefused() throws Exception {
        LocalSesInbound signer = new LocalSesInbound(); // a key the function has never seen
        String raw = "From: a@example.com\r\nMessage-ID: <forged@x>\r\n\r\nforged";
        String topic = cloud.setting("SES_INBOUND_TOPIC_ARN");
        assertEquals(401, postSes(signer.envelope(raw.getBytes(), cloud.baseUrl(), topic, "forged-1")).statusCode(),
                "signed with another key than the one behind SigningCertURL");

        String genuine = envelopeFromCloud(raw);
        ObjectNode tampered = (ObjectNode) Exchanges.JSON.readTree(genuine);
        tampered.put("Message", tampered.path("Message").asText().replace("\"Received\"", "\"Received\" "));
        assertEquals(401, postSes(tampered.toString()).statusCode(), "message changed after signing");
        ObjectNode otherTopic = (ObjectNode) Exchanges.JSON.readTree(genuine);
        otherTopic.put("TopicArn", "arn:aws:sns:us-east-1:999999999999:someone-else");
        assertEquals(401, postSes(otherTopic.toString()).statusCode());
        ObjectNode otherCert = (ObjectNode) Exchanges.JSON.readTree(genuine);
        otherCert.put("SigningCertURL", "https://evil.example.com/cert.pem");
        assertEquals(401, postSes(otherCert.toString()).statusCode());
        assertEquals(400, postSes("{\"Type\":").statusCode());
    }

    @Test
    @DisplayName("R-INGEST-1 Postmark: the sample inbound JSON with basic auth becomes a ticket; wrong password 401")
    void postmark() throws Exception {
        byte[] body = Files.readAllBytes(Path.of("../events/email/postmark-inbound.json"));
        String basic = Base64.getEncoder().encodeToString((cloud.secrets().get("POSTMARK_INBOUND_USER") + ":"
                + cloud.secrets().get("POSTMARK_INBOUND_PASSWORD")).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> ok = HTTP.send(HttpRequest.newBuilder(URI.create(cloud.baseUrl() + "/webhooks/email/postmark"))
                .header("Authorization", "Basic " + basic).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, ok.statusCode(), ok.body());
        assertEquals("Faktura 2291 er forkert", ticket(Exchanges.JSON.readTree(ok.body()).path("ticketId").asText()).path("subject").asText());
        HttpResponse<String> wrong = HTTP.send(HttpRequest.newBuilder(URI.create(cloud.baseUrl() + "/webhooks/email/postmark"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("postmark:nope".getBytes()))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(401, wrong.statusCode());
    }

    private static JsonNode sesInbound(byte[] raw) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(cloud.baseUrl() + "/local/ses/inbound"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(raw)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return Exchanges.JSON.readTree(response.body());
    }

    /** A genuine envelope, signed by the cloud's own SNS stand-in, captured without delivering it. */
    private static String envelopeFromCloud(String raw) throws Exception {
        return cloud.sesInbound().envelope(raw.getBytes(StandardCharsets.UTF_8), cloud.baseUrl(),
                cloud.setting("SES_INBOUND_TOPIC_ARN"), "genuine-1");
    }

    private static HttpResponse<String> postSes(String envelope) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(cloud.baseUrl() + "/webhooks/email/ses"))
                .POST(HttpRequest.BodyPublishers.ofString(envelope)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode ticket(String ticketId) throws Exception {
        String token = Exchanges.JSON.readTree(HTTP.send(HttpRequest.newBuilder(URI.create(cloud.baseUrl() + "/local/token"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"sub\":\"a\",\"role\":\"support\"}")).build(),
                HttpResponse.BodyHandlers.ofString()).body()).path("token").asText();
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(cloud.baseUrl() + "/api/tickets/" + ticketId))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return Exchanges.JSON.readTree(response.body());
    }
}
