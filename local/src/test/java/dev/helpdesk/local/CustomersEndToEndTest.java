package dev.helpdesk.local;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** R-INGEST-3: one customer across identities; segments set by agents who may, refused for analysts. */
class CustomersEndToEndTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    @DisplayName("R-INGEST-3 a customer's profile shows every identity, segments round-trip, analysts get 403")
    void profileAndSegments() throws Exception {
        LocalCloud cloud = SharedCloud.get();
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String body = Exchanges.JSON.writeValueAsString(Map.of("conversationId", "cust-" + tag, "messageId", "m-1",
                "customer", Map.of("name", "Ann " + tag, "email", "ann-" + tag + "@example.com", "phone", "+4670" + tag.hashCode() % 1000000),
                "text", "Hello"));
        HttpResponse<String> posted = HTTP.send(HttpRequest.newBuilder(URI.create(cloud.baseUrl() + "/webhooks/chat"))
                .header("X-Helpdesk-Signature", ProviderSigner.sha256Header(cloud.secrets().get("CHAT_WEBHOOK_SECRET"),
                        body.getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, posted.statusCode(), posted.body());
        String support = token(cloud, "support");
        JsonNode ticket = json(call(cloud, "GET", "/api/tickets/" + json(posted.body()).path("ticketId").asText(), support, null).body());
        String customerId = ticket.path("customerId").asText();

        JsonNode customer = json(call(cloud, "GET", "/api/customers/" + customerId, token(cloud, "analyst"), null).body());
        assertEquals("Ann " + tag, customer.path("name").asText());
        assertEquals("ann-" + tag + "@example.com", customer.path("emails").get(0).asText());
        assertEquals(1, customer.path("phones").size());
        assertEquals(3, customer.path("identities").size(), "email, phone and the chat conversation");
        assertEquals(1, customer.path("ticketCount").asLong());

        HttpResponse<String> set = call(cloud, "PUT", "/api/customers/" + customerId + "/segments", support, "{\"segments\":[\"VIP\",\"B2B\"]}");
        assertEquals(200, set.statusCode(), set.body());
        assertEquals("[\"B2B\",\"VIP\"]", json(call(cloud, "GET", "/api/customers/" + customerId, support, null).body()).path("segments").toString());

        assertEquals(403, call(cloud, "PUT", "/api/customers/" + customerId + "/segments", token(cloud, "analyst"), "{\"segments\":[]}").statusCode());
        assertEquals(400, call(cloud, "PUT", "/api/customers/" + customerId + "/segments", support, "{\"segments\":\"VIP\"}").statusCode());
        assertEquals(400, call(cloud, "PUT", "/api/customers/" + customerId + "/segments", support, "{\"segments\":[\"<script>\"]}").statusCode());
        assertEquals(404, call(cloud, "PUT", "/api/customers/nobody/segments", support, "{\"segments\":[]}").statusCode());
        assertEquals(404, call(cloud, "GET", "/api/customers/nobody", support, null).statusCode());
        assertEquals(401, call(cloud, "GET", "/api/customers/" + customerId, null, null).statusCode());
        assertEquals("[\"B2B\",\"VIP\"]", json(call(cloud, "GET", "/api/customers/" + customerId, support, null).body()).path("segments").toString(),
                "refused requests changed nothing");
    }

    private static HttpResponse<String> call(LocalCloud cloud, String method, String path, String token, String body) throws Exception {
        return LocalApi.call(cloud, method, path, token, body);
    }

    private static String token(LocalCloud cloud, String role) throws Exception {
        return LocalApi.token(cloud, "agent-" + role, role);
    }

    private static JsonNode json(String body) throws Exception {
        return Exchanges.JSON.readTree(body);
    }
}
