package dev.helpdesk.local;

import org.junit.jupiter.api.parallel.Isolated;
import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * R-INGEST-5 with a fault injected: the bus fails for a while, every webhook is still acknowledged with the
 * message stored, the change feed keeps retrying the stream's records, and once the bus is back it publishes every
 * ticket's "Ticket Received" exactly once, which then flows on to classify and routing as usual.
 */
@Isolated
class BusOutageEndToEndTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    @DisplayName("R-INGEST-5 every ticket gets its 'Ticket Received' after a bus outage")
    void everyTicketIsPublishedAfterTheBusComesBack() throws Exception {
        LocalCloud cloud = SharedCloud.get();
        setBusFailing(cloud, true);
        List<String> ticketIds = new ArrayList<>();
        try {
            for (int i = 0; i < 5; i++) {
                String body = Exchanges.JSON.writeValueAsString(Map.of("conversationId", "outage-" + UUID.randomUUID(),
                        "messageId", "m-1", "customer", Map.of("email", "outage" + i + "@example.com"),
                        "text", "Message " + i + " during the outage"));
                HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(cloud.baseUrl() + "/webhooks/chat"))
                        .header("X-Helpdesk-Signature", ProviderSigner.sha256Header(cloud.secrets().get("CHAT_WEBHOOK_SECRET"),
                                body.getBytes(StandardCharsets.UTF_8)))
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
                assertEquals(200, response.statusCode(), "acknowledged although the bus is down: " + response.body());
                ticketIds.add(Exchanges.JSON.readTree(response.body()).path("ticketId").asText());
            }
            // The feed retries with backoff while the bus fails; the records wait in the stream (awaitIdle cannot
            // return true meanwhile, so give it time instead).
            Thread.sleep(1_500);
            assertTrue(received(cloud, ticketIds).isEmpty(), "nothing can have been published during the outage");
        } finally {
            setBusFailing(cloud, false);
        }
        assertTrue(cloud.awaitIdle(60_000));
        assertEquals(new HashSet<>(ticketIds), received(cloud, ticketIds), "every ticket published once the bus is back");
        for (String ticketId : ticketIds) {
            String token = Exchanges.JSON.readTree(HTTP.send(HttpRequest.newBuilder(URI.create(cloud.baseUrl() + "/local/token"))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"sub\":\"a\",\"role\":\"support\"}")).build(),
                    HttpResponse.BodyHandlers.ofString()).body()).path("token").asText();
            JsonNode ticket = Exchanges.JSON.readTree(HTTP.send(HttpRequest.newBuilder(URI.create(cloud.baseUrl() + "/api/tickets/" + ticketId))
                    .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString()).body());
            assertEquals(1, ticket.path("messages").size());
            assertTrue(ticket.path("timeline").toString().contains("classified"), "the ticket flowed on to classify");
        }
        long publishedTwice = cloud.events().stream()
                .filter(e -> "Ticket Received".equals(e.envelope().get("detail-type")))
                .filter(e -> ticketIds.contains(String.valueOf(((Map<?, ?>) e.envelope().get("detail")).get("ticketId"))))
                .count() - ticketIds.size();
        assertEquals(0, publishedTwice);
    }

    private static void setBusFailing(LocalCloud cloud, boolean failing) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(cloud.baseUrl() + "/local/faults/eventbridge"))
                .PUT(HttpRequest.BodyPublishers.ofString("{\"failing\":" + failing + "}")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode());
    }

    private static Set<String> received(LocalCloud cloud, List<String> ticketIds) {
        Set<String> seen = new HashSet<>();
        for (LocalEventBus.Logged logged : cloud.events()) {
            if ("Ticket Received".equals(logged.envelope().get("detail-type"))) {
                Object id = ((Map<?, ?>) logged.envelope().get("detail")).get("ticketId");
                if (ticketIds.contains(String.valueOf(id))) {
                    seen.add(String.valueOf(id));
                }
            }
        }
        return seen;
    }
}
