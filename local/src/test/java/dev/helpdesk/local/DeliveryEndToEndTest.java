package dev.helpdesk.local;

import org.junit.jupiter.api.parallel.Isolated;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Agent replies leave through the delivery function's real senders to the offline cloud's recording providers
 * (Twilio, Meta Graph, the chat back end, SES): what each provider receives, with its credentials, once.
 */
@Isolated
class DeliveryEndToEndTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static LocalCloud cloud;
    private static String agent;

    @BeforeAll
    static void start() throws Exception {
        cloud = SharedCloud.get();
        agent = HistoryEndToEndTest.token(cloud, "support");
    }

    @Test
    @DisplayName("R-API a chat reply reaches the widget back end, signed, once; the timeline and the bus say delivered")
    void chatReply() throws Exception {
        String conversation = "conv-" + UUID.randomUUID();
        String ticketId = ticketOf(LocalApi.chat(cloud, Map.of("conversationId", conversation, "messageId", "m1",
                "customer", Map.of("name", "Ada"), "text", "Where is my order?")));
        String text = "Hi Ada, it ships today " + UUID.randomUUID();
        reply(ticketId, text);
        JsonNode sent = onlySent(text);
        assertEquals("chat", sent.path("provider").asText());
        assertEquals(conversation, sent.path("to").asText());
        assertTrue(sent.path("verified").asBoolean(), "signed with the chat secret");
        JsonNode delivered = timeline(ticketId, "delivered");
        assertEquals("chat", delivered.path("details").path("channel").asText());
        assertEquals(1, events("Reply Delivered", ticketId).size());
    }

    @Test
    @DisplayName("R-API an SMS reply goes through Twilio's Messages API from the number the customer wrote to")
    void smsReply() throws Exception {
        String phone = "+4670" + (1_000_000 + (int) (Math.random() * 8_999_999));
        String first = "Mitt paket " + UUID.randomUUID();
        String body = "MessageSid=SM" + UUID.randomUUID().toString().replace("-", "") + "&AccountSid=AC1&From="
                + URLEncoder.encode(phone, StandardCharsets.UTF_8) + "&To=%2B46766861004&Body=" + URLEncoder.encode(first, StandardCharsets.UTF_8);
        HttpResponse<String> in = LocalApi.sms(cloud, body);
        assertEquals(200, in.statusCode(), in.body());
        assertTrue(cloud.awaitIdle(30_000));
        String ticketId = received(first);
        String text = "Hej! Det kommer i morgon " + UUID.randomUUID();
        reply(ticketId, text);
        JsonNode sent = onlySent(text);
        assertEquals("twilio", sent.path("provider").asText());
        assertEquals(phone, sent.path("to").asText());
        assertTrue(sent.path("body").asText().contains("From=%2B46766861004"), sent.path("body").asText());
        assertTrue(sent.path("path").asText().endsWith("/Accounts/" + cloud.secrets().get("TWILIO_ACCOUNT_SID") + "/Messages.json"));
        assertTrue(sent.path("verified").asBoolean(), "basic auth with the account SID and token");
        assertTrue(timeline(ticketId, "delivered").path("details").path("providerMessageId").asText().startsWith("SM"));
    }

    @Test
    @DisplayName("R-API Messenger and WhatsApp replies go through the Graph API from the page / phone number written to")
    void metaReplies() throws Exception {
        String psid = "70" + (long) (Math.random() * 1e14);
        String question = "Too small, how do I return it? " + UUID.randomUUID();
        String messenger = Files.readString(Path.of("../events/meta/messenger.json"))
                .replace("7012345678901234", psid)
                .replace("m_Aq1x2y3z4w5v6u7t8s9r0qPo9n8m7l6k5j4i3h2g1f0eDcBa", "m_" + UUID.randomUUID())
                .replace("Hi, I love the jacket but it is too small. How do I return it?", question);
        postMeta(messenger);
        String ticketId = received(question);
        String text = "Send it back with the label " + UUID.randomUUID();
        reply(ticketId, text);
        JsonNode sent = onlySent(text);
        assertEquals("meta", sent.path("provider").asText());
        assertEquals(psid, sent.path("to").asText());
        assertTrue(sent.path("path").asText().contains("/106795824901234/messages"), "from the page written to");
        assertTrue(sent.path("body").asText().contains("\"messaging_type\":\"RESPONSE\""));
        assertTrue(sent.path("verified").asBoolean());

        String wa = "3712" + (1_000_000 + (int) (Math.random() * 8_999_999));
        String waQuestion = "Kur ir mana pakete? " + UUID.randomUUID();
        com.fasterxml.jackson.databind.node.ObjectNode sample = (com.fasterxml.jackson.databind.node.ObjectNode)
                Exchanges.JSON.readTree(Files.readString(Path.of("../events/meta/whatsapp.json")));
        com.fasterxml.jackson.databind.node.ObjectNode value = (com.fasterxml.jackson.databind.node.ObjectNode)
                sample.path("entry").get(0).path("changes").get(0).path("value");
        String phoneNumberId = value.path("metadata").path("phone_number_id").asText();
        com.fasterxml.jackson.databind.node.ObjectNode message = (com.fasterxml.jackson.databind.node.ObjectNode) value.path("messages").get(0);
        message.put("id", "wamid." + UUID.randomUUID()).put("from", wa);
        ((com.fasterxml.jackson.databind.node.ObjectNode) message.path("text")).put("body", waQuestion);
        ((com.fasterxml.jackson.databind.node.ObjectNode) value.path("contacts").get(0)).put("wa_id", wa);
        String whatsapp = Exchanges.JSON.writeValueAsString(sample);
        postMeta(whatsapp);
        String waTicket = received(waQuestion);
        String waText = "Rīt " + UUID.randomUUID();
        reply(waTicket, waText);
        JsonNode waSent = onlySent(waText);
        assertEquals("whatsapp", waSent.path("provider").asText());
        assertEquals(wa, waSent.path("to").asText());
        assertTrue(waSent.path("path").asText().contains("/" + phoneNumberId + "/messages"));
        assertTrue(waSent.path("verified").asBoolean());
    }

    @Test
    @DisplayName("R-API an email reply goes out through SES as MIME: to the customer, Re: subject [#number], UTF-8")
    void emailReply() throws Exception {
        String from = "mette." + UUID.randomUUID().toString().substring(0, 8) + "@example.dk";
        String subject = "Faktura " + UUID.randomUUID().toString().substring(0, 6) + " er forkert";
        byte[] body = Files.readString(Path.of("../events/email/postmark-inbound.json"))
                .replace("mette.hansen@example.dk", from)
                .replace("73e6d360-66eb-11e1-8e72-a8904824019b", UUID.randomUUID().toString())
                .replace("Faktura 2291 er forkert", subject).getBytes(StandardCharsets.UTF_8);
        String basic = Base64.getEncoder().encodeToString((cloud.secrets().get("POSTMARK_INBOUND_USER") + ":"
                + cloud.secrets().get("POSTMARK_INBOUND_PASSWORD")).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> in = HTTP.send(HttpRequest.newBuilder(URI.create(cloud.baseUrl() + "/webhooks/email/postmark"))
                .header("Authorization", "Basic " + basic).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, in.statusCode(), in.body());
        String ticketId = ticketOf(in);
        assertTrue(cloud.awaitIdle(30_000));
        long number = ticket(ticketId).path("number").asLong();
        String marker = UUID.randomUUID().toString();
        reply(ticketId, "Kære Mette, vi retter fakturaen. Venlig hilsen " + marker);
        JsonNode sent = sentContaining(marker).get(0);
        assertEquals("ses", sent.path("provider").asText());
        assertEquals(from, sent.path("to").asText());
        String mime = sent.path("body").asText();
        assertTrue(mime.contains("Subject: Re: " + subject + " [#" + number + "]"), mime);
        assertTrue(mime.contains("From: Helpdesk Support <support@helpdesk.local>"), mime);
        assertTrue(mime.contains("Content-Transfer-Encoding: quoted-printable"), mime);
        assertTrue(mime.contains("K=C3=A6re Mette"), "UTF-8 quoted-printable body: " + mime);
        assertTrue(sent.path("verified").asBoolean(), "SigV4-signed SDK call");
    }

    @Test
    @DisplayName("R-INGEST-5 a provider outage is retried and the reply still goes out exactly once; a refusal is recorded, not retried")
    void outageAndRefusal() throws Exception {
        String ticketId = ticketOf(LocalApi.chat(cloud, Map.of("conversationId", "conv-" + UUID.randomUUID(), "messageId", "m1",
                "customer", Map.of("name", "Bo"), "text", "Hello?")));
        try {
            setFault("{\"status\":503,\"count\":1}");
            String text = "After the outage " + UUID.randomUUID();
            reply(ticketId, text);
            onlySent(text);
            assertEquals(2, timeline(ticketId, "delivered").path("details").path("attempt").asInt(), "second attempt delivered");

            setFault("{\"status\":400,\"count\":1}");
            String refused = "Refused " + UUID.randomUUID();
            reply(ticketId, refused);
            assertTrue(sentContaining(refused).isEmpty());
            JsonNode failed = timeline(ticketId, "delivery failed");
            assertTrue(failed.path("details").path("reason").asText().contains("400"), failed.toString());
            assertEquals(1, events("Reply Delivery Failed", ticketId).size());
            assertEquals(1, failed.path("details").path("attempt").asInt(), "a refusal is not retried");
        } finally {
            setFault("{\"status\":null}");
        }
    }

    @Test
    @DisplayName("R-INGEST-4 the same \"Agent Replied\" event delivered again (EventBridge is at-least-once) sends nothing more")
    void duplicateEventSendsOnce() throws Exception {
        String ticketId = ticketOf(LocalApi.chat(cloud, Map.of("conversationId", "conv-" + UUID.randomUUID(), "messageId", "m1",
                "customer", Map.of("name", "Cy"), "text", "Hi")));
        String text = "Only once " + UUID.randomUUID();
        reply(ticketId, text);
        onlySent(text);
        Map<String, Object> envelope = events("Agent Replied", ticketId).get(0);
        try (var events = software.amazon.awssdk.services.eventbridge.EventBridgeClient.builder()
                .endpointOverride(URI.create(cloud.endpoints().get("eventbridge")))
                .region(software.amazon.awssdk.regions.Region.US_EAST_1)
                .credentialsProvider(software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                        software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create("local", "local")))
                .httpClientBuilder(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.builder()).build()) {
            for (int i = 0; i < 3; i++) {
                events.putEvents(b -> b.entries(e -> e.eventBusName(cloud.busName()).source("helpdesk")
                        .detailType("Agent Replied").detail(Exchanges.JSON.valueToTree(envelope.get("detail")).toString())));
            }
        }
        assertTrue(cloud.awaitIdle(30_000));
        onlySent(text);
        assertEquals(1, events("Reply Delivered", ticketId).size());
    }

    private static void postMeta(String body) throws Exception {
        HttpResponse<String> posted = LocalApi.meta(cloud, body);
        assertEquals(200, posted.statusCode(), posted.body());
        assertTrue(cloud.awaitIdle(30_000));
    }

    private static void setFault(String body) throws Exception {
        assertEquals(200, LocalApi.call(cloud, "PUT", "/local/faults/outbound", null, body).statusCode());
    }

    private static void reply(String ticketId, String text) throws Exception {
        HttpResponse<String> r = LocalApi.call(cloud, "POST", "/api/tickets/" + ticketId + "/replies", agent,
                Exchanges.JSON.writeValueAsString(Map.of("text", text)));
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(cloud.awaitIdle(30_000));
    }

    private static String ticketOf(HttpResponse<String> response) throws Exception {
        return Exchanges.JSON.readTree(response.body()).path("ticketId").asText();
    }

    /** The ticket whose "Ticket Received" carried this first text as its subject. */
    private static String received(String firstText) {
        return cloud.events().stream().filter(e -> "Ticket Received".equals(e.envelope().get("detail-type")))
                .map(e -> (Map<?, ?>) e.envelope().get("detail"))
                .filter(d -> firstText.equals(d.get("subject"))).map(d -> String.valueOf(d.get("ticketId")))
                .findFirst().orElseThrow(() -> new AssertionError("no ticket for " + firstText));
    }

    private static List<Map<String, Object>> events(String detailType, String ticketId) {
        List<Map<String, Object>> found = new ArrayList<>();
        for (LocalEventBus.Logged e : cloud.events()) {
            Map<?, ?> detail = (Map<?, ?>) e.envelope().get("detail");
            if (detailType.equals(e.envelope().get("detail-type")) && ticketId.equals(detail.get("ticketId"))) {
                found.add(e.envelope());
            }
        }
        return found;
    }

    private static JsonNode onlySent(String text) throws Exception {
        List<JsonNode> sent = sentContaining(text);
        assertEquals(1, sent.size(), "sent exactly once: " + sent);
        assertEquals(text, sent.get(0).path("text").asText());
        return sent.get(0);
    }

    private static List<JsonNode> sentContaining(String text) throws Exception {
        JsonNode all = Exchanges.JSON.readTree(LocalApi.call(cloud, "GET", "/local/outbound", null, null).body()).path("items");
        List<JsonNode> found = new ArrayList<>();
        all.forEach(item -> {
            // An email's MIME wraps long quoted-printable lines with soft breaks ("=" CRLF).
            if (item.path("text").asText().replace("=\r\n", "").contains(text)) {
                found.add(item);
            }
        });
        return found;
    }

    private static JsonNode ticket(String ticketId) throws Exception {
        return Exchanges.JSON.readTree(LocalApi.call(cloud, "GET", "/api/tickets/" + ticketId, agent, null).body());
    }

    private static JsonNode timeline(String ticketId, String type) throws Exception {
        for (JsonNode entry : ticket(ticketId).path("timeline")) {
            if (type.equals(entry.path("type").asText())) {
                return entry;
            }
        }
        throw new AssertionError("no '" + type + "' on the timeline of " + ticketId + ": " + ticket(ticketId).path("timeline"));
    }
}
