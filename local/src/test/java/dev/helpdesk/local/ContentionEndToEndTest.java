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
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Issue 16 / R-STATUS-7: many people acting on one ticket at once, with real threads over HTTP against DynamoDB Local.
 * Whatever the interleaving, nobody gets a 5xx, a refusal is a 409 that names the current state, and every
 * acknowledged note and reply is stored exactly once.
 */
@Isolated
class ContentionEndToEndTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static LocalCloud cloud;
    private static String support;
    private static String admin;

    @BeforeAll
    static void start() throws Exception {
        cloud = SharedCloud.get();
        support = HistoryEndToEndTest.token(cloud, "support");
        admin = HistoryEndToEndTest.token(cloud, "admin");
        assertEquals(200, call("PUT", "/api/agents/agent-support", admin, "{\"name\":\"Sam Support\",\"role\":\"support\"}").statusCode());
    }

    private record Answer(String kind, String text, int status, String body, String retryAfter) {
    }

    @Test
    @DisplayName("16 agents add notes, replies and status changes to one ticket at once: no 5xx, every acknowledged write stored once")
    void oneTicketManyWriters() throws Exception {
        String id = chat("contention-" + UUID.randomUUID(), "m1", "Where is my order?");
        int writers = 16;
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        List<Future<List<Answer>>> futures = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            int writer = w;
            futures.add(pool.submit((Callable<List<Answer>>) () -> {
                go.await();
                List<Answer> answers = new ArrayList<>();
                for (int i = 0; i < 3; i++) {
                    String text = "w" + writer + "-" + i + "-" + UUID.randomUUID();
                    String kind = switch ((writer + i) % 4) {
                        case 0 -> "notes";
                        case 1 -> "replies";
                        case 2 -> "resolve";
                        default -> "reopen";
                    };
                    HttpResponse<String> r = switch (kind) {
                        case "notes", "replies" -> call("POST", "/api/tickets/" + id + "/" + kind, support, "{\"text\":\"" + text + "\"}");
                        case "resolve" -> call("POST", "/api/tickets/" + id + "/status", support, "{\"status\":\"Resolved\"}");
                        default -> call("POST", "/api/tickets/" + id + "/status", support, "{\"status\":\"Open\"}");
                    };
                    answers.add(new Answer(kind, text, r.statusCode(), r.body(), r.headers().firstValue("Retry-After").orElse(null)));
                }
                return answers;
            }));
        }
        go.countDown();
        List<Answer> answers = new ArrayList<>();
        for (Future<List<Answer>> f : futures) {
            answers.addAll(f.get());
        }
        pool.shutdown();
        assertTrue(cloud.awaitIdle(60_000));

        for (Answer a : answers) {
            assertTrue(a.status() < 500 || (a.status() == 503 && a.retryAfter() != null), a.kind() + " answered " + a.status() + ": " + a.body());
            if (a.status() == 409) {
                JsonNode body = Exchanges.JSON.readTree(a.body());
                assertEquals("conflict", body.path("error").asText(), a.body());
                assertEquals(id, body.path("ticket").path("ticketId").asText(), "a 409 carries the current ticket: " + a.body());
            }
        }
        for (Answer a : answers) {
            if (a.kind().equals("notes") || a.kind().equals("replies")) {
                assertEquals(200, a.status(), "a note or a reply is never refused on an active ticket: " + a.body());
            }
        }
        JsonNode ticket = ok(call("GET", "/api/tickets/" + id, support, null));
        assertStoredOnce(answers, "notes", ticket.path("notes"));
        assertStoredOnce(answers, "replies", ticket.path("messages"));
    }

    @Test
    @DisplayName("60 first messages of one chat conversation at once (issue 16, and issue 17 found 21 × 500 before): one ticket, each message stored once, no 5xx")
    void oneConversationManyFirstMessages() throws Exception {
        String conversation = "burst-" + UUID.randomUUID();
        int senders = 60;
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(senders);
        List<Future<HttpResponse<String>>> futures = new ArrayList<>();
        for (int i = 0; i < senders; i++) {
            int n = i;
            futures.add(pool.submit(() -> {
                go.await();
                return postChat(conversation, "m" + n, "burst message " + n);
            }));
        }
        go.countDown();
        Set<String> tickets = new HashSet<>();
        for (Future<HttpResponse<String>> f : futures) {
            HttpResponse<String> r = f.get();
            assertEquals(200, r.statusCode(), r.body());
            tickets.add(Exchanges.JSON.readTree(r.body()).path("ticketId").asText());
        }
        pool.shutdown();
        assertTrue(cloud.awaitIdle(60_000));
        assertEquals(1, tickets.size(), "one conversation, one ticket: " + tickets);
        JsonNode messages = ok(call("GET", "/api/tickets/" + tickets.iterator().next(), support, null)).path("messages");
        for (int i = 0; i < senders; i++) {
            int count = 0;
            for (JsonNode m : messages) {
                if (m.path("text").asText().equals("burst message " + i)) {
                    count++;
                }
            }
            assertEquals(1, count, "message " + i + " stored exactly once");
        }
    }

    private static void assertStoredOnce(List<Answer> answers, String kind, JsonNode stored) {
        for (Answer a : answers) {
            if (!a.kind().equals(kind) || a.status() != 200) {
                continue;
            }
            int count = 0;
            for (JsonNode m : stored) {
                if (m.path("text").asText().equals(a.text())) {
                    count++;
                }
            }
            assertEquals(1, count, kind + " " + a.text() + " acknowledged, so stored exactly once");
        }
    }

    private static HttpResponse<String> postChat(String conversation, String messageId, String text) throws Exception {
        String body = Exchanges.JSON.writeValueAsString(Map.of("conversationId", conversation, "messageId", messageId, "text", text));
        return HTTP.send(HttpRequest.newBuilder(URI.create(cloud.baseUrl() + "/webhooks/chat"))
                .header("X-Helpdesk-Signature", ProviderSigner.sha256Header(cloud.secrets().get("CHAT_WEBHOOK_SECRET"),
                        body.getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String chat(String conversation, String messageId, String text) throws Exception {
        HttpResponse<String> response = postChat(conversation, messageId, text);
        assertEquals(200, response.statusCode(), response.body());
        assertTrue(cloud.awaitIdle(30_000));
        return Exchanges.JSON.readTree(response.body()).path("ticketId").asText();
    }

    private static HttpResponse<String> call(String method, String path, String token, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(cloud.baseUrl() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode ok(HttpResponse<String> response) throws Exception {
        assertEquals(200, response.statusCode(), response.body());
        return Exchanges.JSON.readTree(response.body());
    }
}
