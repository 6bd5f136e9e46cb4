package dev.helpdesk.local;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Twilio and Meta webhooks through the offline cloud's HTTP port, signed as the providers sign them. */
class ChannelsEndToEndTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static LocalCloud cloud;

    @BeforeAll
    static void start() throws Exception {
        cloud = SharedCloud.get();
    }

    @Test
    @DisplayName("R-INGEST-1 a Twilio SMS is answered with empty TwiML and stored once, however often Twilio retries")
    void twilioSms() throws Exception {
        String sid = "SM" + UUID.randomUUID().toString().replace("-", "");
        String body = "MessageSid=" + sid + "&AccountSid=AC1&From=%2B46709998877&To=%2B46766861004&Body="
                + URLEncoder.encode("Mitt paket är försenat", StandardCharsets.UTF_8) + "&NumMedia=0";
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> response = LocalApi.sms(cloud, body);
            assertEquals(200, response.statusCode(), response.body());
            assertTrue(response.body().contains("<Response></Response>"));
            assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("text/xml"));
        }
        assertError(LocalApi.sms(cloud, body, "AAAA"), 401);
        assertTrue(cloud.awaitIdle(30_000));
        long received = cloud.events().stream().filter(e -> "Ticket Received".equals(e.envelope().get("detail-type")))
                .map(e -> (java.util.Map<?, ?>) e.envelope().get("detail"))
                .filter(d -> "sms".equals(d.get("channel")) && "Mitt paket är försenat".equals(d.get("subject"))).count();
        assertEquals(1, received, "three deliveries of one SMS make one ticket");
    }

    @Test
    @DisplayName("R-INGEST-1 R-INGEST-3 Meta: handshake, then a WhatsApp message from a number that also sent an SMS is the same customer")
    void metaHandshakeAndWhatsappJoinsTheSmsCustomer() throws Exception {
        HttpResponse<String> handshake = HTTP.send(HttpRequest.newBuilder(URI.create(cloud.baseUrl()
                + "/webhooks/meta?hub.mode=subscribe&hub.verify_token=" + cloud.secrets().get("META_VERIFY_TOKEN") + "&hub.challenge=424242"))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, handshake.statusCode());
        assertEquals("424242", handshake.body());
        HttpResponse<String> refused = HTTP.send(HttpRequest.newBuilder(URI.create(cloud.baseUrl()
                + "/webhooks/meta?hub.mode=subscribe&hub.verify_token=wrong&hub.challenge=1")).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertError(refused, 403);

        String sms = "MessageSid=SMwa" + UUID.randomUUID().toString().replace("-", "") + "&From=%2B37120012345&To=%2B46766861004&Body=Sveiki";
        assertEquals(200, LocalApi.sms(cloud, sms).statusCode());
        String whatsapp = Files.readString(Path.of("../events/meta/whatsapp.json"))
                .replace("wamid.HBgLMzcxMjAwMTIzNDUVAgASGBQzQTdFNTBDNjI2MTc1QjY0RUIyNQA=", "wamid." + UUID.randomUUID());
        HttpResponse<String> posted = LocalApi.meta(cloud, whatsapp);
        assertEquals(200, posted.statusCode(), posted.body());
        assertEquals("EVENT_RECEIVED", posted.body());
        assertTrue(cloud.awaitIdle(30_000));

        String smsCustomer = null;
        String whatsappCustomer = null;
        for (LocalEventBus.Logged e : cloud.events()) {
            if (!"Ticket Received".equals(e.envelope().get("detail-type"))) {
                continue;
            }
            java.util.Map<?, ?> detail = (java.util.Map<?, ?>) e.envelope().get("detail");
            if ("whatsapp".equals(detail.get("channel"))) {
                whatsappCustomer = String.valueOf(detail.get("customerId"));
            }
            if ("sms".equals(detail.get("channel")) && "Sveiki".equals(detail.get("subject"))) {
                smsCustomer = String.valueOf(detail.get("customerId"));
            }
        }
        assertNotNull(smsCustomer);
        assertEquals(smsCustomer, whatsappCustomer, "one customer across SMS and WhatsApp");
    }

    private static void assertError(HttpResponse<String> response, int status) throws Exception {
        assertEquals(status, response.statusCode(), response.body());
        JsonNode json = Exchanges.JSON.readTree(response.body());
        assertFalse(json.path("error").asText().isEmpty());
        assertFalse(json.path("message").asText().isEmpty());
    }
}
