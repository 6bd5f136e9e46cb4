package dev.helpdesk.local;

import org.junit.jupiter.api.parallel.Isolated;
import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * What the agent console needs from the API and the offline cloud (CONSOLE.md "API the console needs", C-SERVE), at
 * the HTTP level: the page and its files with their security headers, the agent routes, names on list rows.
 */
@Isolated
class ConsoleApiEndToEndTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    @DisplayName("C-SERVE the console is served at / with its files under /assets/, the CSP and gzip")
    void servesTheConsole() throws Exception {
        LocalCloud cloud = SharedCloud.get();
        HttpResponse<String> page = get(cloud, "/", Map.of());
        assertEquals(200, page.statusCode());
        assertTrue(page.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
        String csp = page.headers().firstValue("Content-Security-Policy").orElse("");
        assertTrue(csp.contains("script-src 'self'") && csp.contains("frame-ancestors 'none'") && !csp.contains("unsafe"), csp);
        assertEquals("nosniff", page.headers().firstValue("X-Content-Type-Options").orElse(""));
        assertTrue(page.body().contains("/assets/app.js"), "the page loads the app module");

        HttpResponse<String> app = get(cloud, "/assets/app.js", Map.of());
        assertEquals(200, app.statusCode());
        assertTrue(app.headers().firstValue("Content-Type").orElse("").startsWith("text/javascript"));
        for (String vendored : List.of("/assets/vendor/preact.module.js", "/assets/vendor/hooks.module.js", "/assets/vendor/htm.module.js")) {
            HttpResponse<String> file = get(cloud, vendored, Map.of());
            assertEquals(200, file.statusCode(), vendored + " is built into the console jar");
            assertFalse(file.body().contains("from\"preact\""), vendored + " names its imports by file (no import map)");
        }
        HttpResponse<byte[]> zipped = HTTP.send(HttpRequest.newBuilder(URI.create(cloud.baseUrl() + "/assets/app.js"))
                .header("Accept-Encoding", "gzip").build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals("gzip", zipped.headers().firstValue("Content-Encoding").orElse(""));
        try (GZIPInputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(zipped.body()))) {
            assertEquals(app.body(), new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
        }

        assertEquals(404, get(cloud, "/assets/nothing-here.js", Map.of()).statusCode());
        assertEquals(404, get(cloud, "/assets/../../template.yaml", Map.of()).statusCode());
        assertEquals(404, get(cloud, "/elsewhere", Map.of()).statusCode());
    }

    @Test
    @DisplayName("GET /api/agents and /api/agents/me, every role; /local/agents lists who may sign in offline")
    void agentRoutes() throws Exception {
        LocalCloud cloud = SharedCloud.get();
        String id = "console-" + UUID.randomUUID().toString().substring(0, 8);
        String admin = LocalApi.token(cloud, "console-admin", "admin");
        assertEquals(200, LocalApi.call(cloud, "PUT", "/api/agents/" + id, admin,
                "{\"name\":\"Zed <b>Console</b>\",\"role\":\"support\",\"email\":\"" + id + "@brand.example\"}").statusCode());

        HttpResponse<String> list = LocalApi.call(cloud, "GET", "/api/agents", LocalApi.token(cloud, "someone", "analyst"), null);
        assertEquals(200, list.statusCode(), list.body());
        JsonNode listed = find(Exchanges.JSON.readTree(list.body()).path("items"), id);
        assertEquals("Zed <b>Console</b>", listed.path("name").asText());
        assertEquals("support", listed.path("role").asText());
        assertFalse(listed.path("online").asBoolean(), "registered Offline");
        assertTrue(listed.path("lastSeenAt").isNull(), "never seen before a heartbeat");
        assertEquals(401, LocalApi.call(cloud, "GET", "/api/agents", null, null).statusCode());
        java.time.Instant beat = java.time.Instant.now();
        assertEquals(200, LocalApi.call(cloud, "PUT", "/api/agents/me/availability", LocalApi.token(cloud, id, "support"),
                "{\"online\":true}").statusCode());
        JsonNode seen = find(Exchanges.JSON.readTree(LocalApi.call(cloud, "GET", "/api/agents", admin, null).body()).path("items"), id);
        assertTrue(seen.path("online").asBoolean());
        assertFalse(java.time.Instant.parse(seen.path("lastSeenAt").asText()).isBefore(beat.minusSeconds(1)), "last seen at the heartbeat: " + seen);

        JsonNode me = Exchanges.JSON.readTree(LocalApi.call(cloud, "GET", "/api/agents/me", LocalApi.token(cloud, id, "support"), null).body());
        assertTrue(me.path("registered").asBoolean());
        assertEquals("Zed <b>Console</b>", me.path("name").asText());
        assertEquals("support", me.path("role").asText());

        HttpResponse<String> analyst = LocalApi.call(cloud, "GET", "/api/agents/me", LocalApi.token(cloud, "unregistered-analyst", "analyst"), null);
        assertEquals(200, analyst.statusCode(), "an analyst need not be registered to read");
        JsonNode who = Exchanges.JSON.readTree(analyst.body());
        assertFalse(who.path("registered").asBoolean());
        assertEquals("analyst", who.path("role").asText());
        assertEquals("unregistered-analyst", who.path("agentId").asText());
        assertEquals("[\"read\"]", who.path("permissions").toString(), "an analyst only reads");
        assertTrue(me.path("permissions").toString().contains("\"assign\""), "support assigns: " + me.path("permissions"));
        assertFalse(me.path("permissions").toString().contains("\"purge\""));

        HttpResponse<String> offline = get(cloud, "/local/agents", Map.of());
        assertEquals(200, offline.statusCode());
        JsonNode signIn = find(Exchanges.JSON.readTree(offline.body()).path("items"), id);
        assertEquals("support", signIn.path("role").asText());
        assertFalse(signIn.has("email"), "the sign-in list shows names and roles only");
    }

    @Test
    @DisplayName("C-LIST view rows carry the customer's and the assignee's names")
    void rowsCarryNames() throws Exception {
        LocalCloud cloud = SharedCloud.get();
        String tag = UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<String> posted = LocalApi.chat(cloud, Map.of("conversationId", "rows-" + tag, "messageId", "m-1",
                "customer", Map.of("name", "Row Customer " + tag, "email", "row-" + tag + "@example.com"), "text", "Rows " + tag));
        assertEquals(200, posted.statusCode(), posted.body());
        String ticketId = Exchanges.JSON.readTree(posted.body()).path("ticketId").asText();
        String support = LocalApi.token(cloud, "rows-agent", "support");
        JsonNode row = null;
        String cursor = null;
        do {
            JsonNode page = Exchanges.JSON.readTree(LocalApi.call(cloud, "GET", "/api/tickets?view=all&limit=100"
                    + (cursor == null ? "" : "&cursor=" + java.net.URLEncoder.encode(cursor, java.nio.charset.StandardCharsets.UTF_8)),
                    support, null).body());
            for (JsonNode item : page.path("items")) {
                if (item.path("ticketId").asText().equals(ticketId)) {
                    row = item;
                }
            }
            cursor = page.path("cursor").isTextual() ? page.path("cursor").asText() : null;
        } while (row == null && cursor != null);
        assertNotNull(row, "the new ticket is in All");
        assertEquals("Row Customer " + tag, row.path("customerName").asText());
        assertEquals(row.path("assigneeId").isNull() ? "Unassigned" : row.path("assigneeName").asText(), row.path("assigneeName").asText());
        assertTrue(row.has("statusName"));
        assertTrue(row.has("slaDueAt"), "rows say when the SLA falls due (null: no policy for the priority here)");
    }

    @Test
    @DisplayName("C-VIEWS GET /api/counts: a new ticket counts in All and in its assignee's inbox or Unassigned")
    void viewCounts() throws Exception {
        LocalCloud cloud = SharedCloud.get();
        String reader = LocalApi.token(cloud, "counts-reader", "analyst");
        JsonNode before = Exchanges.JSON.readTree(LocalApi.call(cloud, "GET", "/api/counts", reader, null).body());
        assertEquals(1000, before.path("cap").asInt());
        assertEquals(0, before.path("mine").asLong(), "the reader holds nothing");
        String tag = UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<String> posted = LocalApi.chat(cloud, Map.of("conversationId", "counts-" + tag, "messageId", "m-1",
                "customer", Map.of("name", "Count " + tag, "email", "count-" + tag + "@example.com"), "text", "Count me " + tag));
        String ticketId = Exchanges.JSON.readTree(posted.body()).path("ticketId").asText();
        JsonNode after = Exchanges.JSON.readTree(LocalApi.call(cloud, "GET", "/api/counts", reader, null).body());
        assertEquals(before.path("all").asLong() + 1, after.path("all").asLong(), "All counts the new ticket");
        JsonNode ticket = Exchanges.JSON.readTree(LocalApi.call(cloud, "GET", "/api/tickets/" + ticketId, reader, null).body());
        String holder = ticket.path("assigneeId").isNull() ? null : ticket.path("assigneeId").asText();
        JsonNode theirs = Exchanges.JSON.readTree(LocalApi.call(cloud, "GET", "/api/counts",
                holder == null ? reader : LocalApi.token(cloud, holder, "support"), null).body());
        if (holder == null) {
            assertEquals(before.path("unassigned").asLong() + 1, theirs.path("unassigned").asLong(), "Unassigned counts it");
        } else {
            assertTrue(theirs.path("mine").asLong() >= 1, holder + "'s inbox counts it");
        }
        assertEquals(401, LocalApi.call(cloud, "GET", "/api/counts", null, null).statusCode());
    }

    @Test
    @DisplayName("C-VIEWS GET /api/counts?saved=true counts each saved view with its filters, exact below 50")
    void savedViewCounts() throws Exception {
        LocalCloud cloud = SharedCloud.get();
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String agentId = "counted-" + tag;
        String admin = LocalApi.token(cloud, "counts-admin", "admin");
        assertEquals(200, LocalApi.call(cloud, "PUT", "/api/agents/" + agentId, admin,
                "{\"name\":\"Counted " + tag + "\",\"role\":\"support\"}").statusCode());
        String agent = LocalApi.token(cloud, agentId, "support");
        for (int i = 0; i < 2; i++) {
            HttpResponse<String> posted = LocalApi.chat(cloud, Map.of("conversationId", "counted-" + tag + "-" + i, "messageId", "m-1",
                    "customer", Map.of("name", "Counted Customer", "email", "counted-" + tag + "-" + i + "@example.com"), "text", "Count me " + i));
            String ticketId = Exchanges.JSON.readTree(posted.body()).path("ticketId").asText();
            assertTrue(cloud.awaitIdle(30_000));
            HttpResponse<String> assigned = LocalApi.call(cloud, "PUT", "/api/tickets/" + ticketId + "/assignee", admin,
                    "{\"assigneeId\":\"" + agentId + "\",\"reassign\":true}");
            assertEquals(200, assigned.statusCode(), assigned.body());
        }
        LocalApi.call(cloud, "PUT", "/api/views/my-chats", agent, "{\"name\":\"My chats\",\"view\":\"mine\",\"filters\":{\"channel\":[\"chat\"]}}");
        LocalApi.call(cloud, "PUT", "/api/views/my-sms", agent, "{\"name\":\"My SMS\",\"view\":\"mine\",\"filters\":{\"channel\":[\"sms\"]}}");
        LocalApi.call(cloud, "PUT", "/api/views/everything", agent, "{\"name\":\"Everything\",\"view\":\"all\",\"filters\":{\"status\":[\"New\",\"Open\",\"Answered\",\"Postponed\",\"Resolved\"]}}");

        JsonNode counts = Exchanges.JSON.readTree(LocalApi.call(cloud, "GET", "/api/counts?saved=true", agent, null).body());
        assertEquals(2, counts.path("saved").path("my-chats").path("count").asInt(), counts.toString());
        assertTrue(counts.path("saved").path("my-chats").path("exact").asBoolean());
        assertEquals(0, counts.path("saved").path("my-sms").path("count").asInt());
        JsonNode everything = counts.path("saved").path("everything");
        JsonNode page = Exchanges.JSON.readTree(LocalApi.call(cloud, "GET", "/api/tickets?savedView=everything&limit=50", agent, null).body());
        assertEquals(page.path("items").size(), everything.path("count").asInt(), "the count is what the view's first page of 50 holds");
        assertEquals(!page.has("cursor"), everything.path("exact").asBoolean(), "inexact exactly when more follow");
        assertEquals(50, counts.path("savedCap").asInt());
        assertFalse(Exchanges.JSON.readTree(LocalApi.call(cloud, "GET", "/api/counts", agent, null).body()).has("saved"),
                "saved views are counted only when asked");
    }

    @Test
    @DisplayName("C-LIVE cheap polling: a view's ETag, 304 without a body while it is unchanged, 200 once it changes")
    void conditionalGets() throws Exception {
        LocalCloud cloud = SharedCloud.get();
        String agent = LocalApi.token(cloud, "poller", "support");
        HttpResponse<String> first = LocalApi.call(cloud, "GET", "/api/tickets?view=all&limit=5", agent, null);
        String etag = first.headers().firstValue("ETag").orElseThrow();
        HttpResponse<String> again = HTTP.send(HttpRequest.newBuilder(URI.create(cloud.baseUrl() + "/api/tickets?view=all&limit=5"))
                .header("Authorization", "Bearer " + agent).header("If-None-Match", etag).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(304, again.statusCode(), again.body());
        assertEquals("", again.body());
        assertEquals(etag, again.headers().firstValue("ETag").orElseThrow());

        HttpResponse<String> posted = LocalApi.chat(cloud, Map.of("conversationId", "poll-" + UUID.randomUUID(), "messageId", "m-1",
                "customer", Map.of("name", "Polly", "email", "polly-" + UUID.randomUUID() + "@example.com"), "text", "Anything new?"));
        assertTrue(cloud.awaitIdle(30_000));
        HttpResponse<String> changed = HTTP.send(HttpRequest.newBuilder(URI.create(cloud.baseUrl() + "/api/tickets?view=all&limit=5"))
                .header("Authorization", "Bearer " + agent).header("If-None-Match", etag).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, changed.statusCode());
        assertNotEquals(etag, changed.headers().firstValue("ETag").orElseThrow());
        assertTrue(changed.body().contains("Polly"), "the new ticket is in the page");

        String ticketId = Exchanges.JSON.readTree(posted.body()).path("ticketId").asText();
        HttpResponse<String> ticket = LocalApi.call(cloud, "GET", "/api/tickets/" + ticketId, agent, null);
        String version = ticket.headers().firstValue("ETag").orElseThrow();
        assertTrue(version.matches("\"\\d+\""), "a ticket's ETag stays its version (for If-Match): " + version);
        HttpResponse<String> whole = HTTP.send(HttpRequest.newBuilder(URI.create(cloud.baseUrl() + "/api/tickets/" + ticketId))
                .header("Authorization", "Bearer " + agent).header("If-None-Match", version).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, whole.statusCode(), "a ticket is always sent whole: its timeline grows without a new version");
    }

    @Test
    @DisplayName("R-ASSIGN-7 a saved view is read and deleted by its owner only")
    void savedViewReadAndDelete() throws Exception {
        LocalCloud cloud = SharedCloud.get();
        String owner = LocalApi.token(cloud, "views-owner", "support");
        String other = LocalApi.token(cloud, "views-other", "support");
        String viewId = "v-" + UUID.randomUUID().toString().substring(0, 8);
        assertEquals(200, LocalApi.call(cloud, "PUT", "/api/views/" + viewId, owner,
                "{\"name\":\"Angry SMS\",\"view\":\"all\",\"filters\":{\"channel\":[\"sms\"]}}").statusCode());
        HttpResponse<String> read = LocalApi.call(cloud, "GET", "/api/views/" + viewId, owner, null);
        assertEquals(200, read.statusCode());
        assertEquals("[\"sms\"]", Exchanges.JSON.readTree(read.body()).path("filters").path("channel").toString());
        assertEquals(404, LocalApi.call(cloud, "GET", "/api/views/" + viewId, other, null).statusCode(), "views are personal");
        assertEquals(404, LocalApi.call(cloud, "DELETE", "/api/views/" + viewId, other, null).statusCode());
        assertEquals(200, LocalApi.call(cloud, "DELETE", "/api/views/" + viewId, owner, null).statusCode());
        assertEquals(404, LocalApi.call(cloud, "GET", "/api/views/" + viewId, owner, null).statusCode());
        assertEquals(404, LocalApi.call(cloud, "DELETE", "/api/views/" + viewId, owner, null).statusCode());
    }

    @Test
    @DisplayName("If-Match: a write based on an old version answers 409 ticket_changed with the ticket, and changes nothing")
    void ifMatch() throws Exception {
        LocalCloud cloud = SharedCloud.get();
        String tag = UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<String> posted = LocalApi.chat(cloud, Map.of("conversationId", "etag-" + tag, "messageId", "m-1",
                "customer", Map.of("name", "Etag " + tag, "email", "etag-" + tag + "@example.com"), "text", "Versions " + tag));
        String ticketId = Exchanges.JSON.readTree(posted.body()).path("ticketId").asText();
        String support = LocalApi.token(cloud, "etag-agent", "support");
        HttpResponse<String> read = LocalApi.call(cloud, "GET", "/api/tickets/" + ticketId, support, null);
        String seen = read.headers().firstValue("ETag").orElseThrow();
        assertEquals("\"" + Exchanges.JSON.readTree(read.body()).path("version").asLong() + "\"", seen);

        HttpResponse<String> first = ifMatch(cloud, "PUT", "/api/tickets/" + ticketId + "/priority", support, seen, "{\"priority\":\"high\"}");
        assertEquals(200, first.statusCode(), first.body());
        String now = first.headers().firstValue("ETag").orElseThrow();
        assertNotEquals(seen, now, "the write moved the version");
        assertEquals(now, LocalApi.call(cloud, "GET", "/api/tickets/" + ticketId, support, null).headers().firstValue("ETag").orElseThrow(),
                "the ETag a write answers is the one a read then gives");

        HttpResponse<String> stale = ifMatch(cloud, "PUT", "/api/tickets/" + ticketId + "/priority", support, seen, "{\"priority\":\"low\"}");
        assertEquals(409, stale.statusCode(), stale.body());
        JsonNode refused = Exchanges.JSON.readTree(stale.body());
        assertEquals("ticket_changed", refused.path("error").asText(), stale.body());
        assertEquals("high", refused.path("ticket").path("priority").asText(), "409 carries the ticket as it is");
        HttpResponse<String> staleStatus = ifMatch(cloud, "POST", "/api/tickets/" + ticketId + "/status", support, seen, "{\"status\":\"Resolved\"}");
        assertEquals(409, staleStatus.statusCode());
        JsonNode after = Exchanges.JSON.readTree(LocalApi.call(cloud, "GET", "/api/tickets/" + ticketId, support, null).body());
        assertEquals("high", after.path("priority").asText(), "the stale writes changed nothing");
        assertNotEquals("Resolved", after.path("status").asText());

        assertEquals(400, ifMatch(cloud, "POST", "/api/tickets/" + ticketId + "/status", support, "\"abc\"", "{\"status\":\"Resolved\"}").statusCode());
        assertEquals(200, ifMatch(cloud, "POST", "/api/tickets/" + ticketId + "/status", support, "W/" + now, "{\"status\":\"Resolved\"}").statusCode(),
                "a weak tag of the current version is accepted");
        assertEquals(200, ifMatch(cloud, "POST", "/api/tickets/" + ticketId + "/status", support, "*", "{\"status\":\"Open\"}").statusCode());
    }

    @Test
    @DisplayName("GET of every settings resource reads back what PUT stores; teams list and delete, with role checks")
    void settingsReadBack() throws Exception {
        LocalCloud cloud = SharedCloud.get();
        String admin = LocalApi.token(cloud, "settings-admin", "admin");
        String analyst = LocalApi.token(cloud, "settings-analyst", "analyst");
        // Each resource is read, written back as read, and read again: a round trip that leaves the shared cloud's
        // workspace as the other tests set it.
        for (String resource : List.of("assignment", "office-hours", "statuses", "sla")) {
            HttpResponse<String> read = LocalApi.call(cloud, "GET", "/api/settings/" + resource, analyst, null);
            assertEquals(200, read.statusCode(), resource + ": " + read.body());
            HttpResponse<String> written = LocalApi.call(cloud, "PUT", "/api/settings/" + resource, admin, read.body());
            assertEquals(200, written.statusCode(), resource + ": " + written.body());
            assertEquals(Exchanges.JSON.readTree(read.body()), Exchanges.JSON.readTree(
                    LocalApi.call(cloud, "GET", "/api/settings/" + resource, admin, null).body()), resource + " reads back");
        }
        assertEquals(401, LocalApi.call(cloud, "GET", "/api/settings/sla", null, null).statusCode());

        String teamId = "team-" + UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<String> saved = LocalApi.call(cloud, "PUT", "/api/teams/" + teamId, admin,
                "{\"name\":\"Refunds\",\"members\":[],\"rules\":{\"labels\":[\"refund\"],\"sentiments\":[\"Negative\"]},\"order\":900}");
        assertEquals(200, saved.statusCode(), saved.body());
        JsonNode listed = null;
        for (JsonNode team : Exchanges.JSON.readTree(LocalApi.call(cloud, "GET", "/api/teams", analyst, null).body()).path("items")) {
            if (team.path("teamId").asText().equals(teamId)) {
                listed = team;
            }
        }
        assertNotNull(listed, "the team is listed");
        assertEquals(Exchanges.JSON.readTree(saved.body()), listed, "the list shows the team as saved");
        assertEquals(403, LocalApi.call(cloud, "DELETE", "/api/teams/" + teamId, analyst, null).statusCode());
        assertEquals(200, LocalApi.call(cloud, "DELETE", "/api/teams/" + teamId, admin, null).statusCode());
        assertEquals(404, LocalApi.call(cloud, "DELETE", "/api/teams/" + teamId, admin, null).statusCode());
        assertFalse(LocalApi.call(cloud, "GET", "/api/teams", admin, null).body().contains(teamId), "deleted");
    }

    private static HttpResponse<String> ifMatch(LocalCloud cloud, String method, String path, String token, String tag, String body)
            throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(cloud.baseUrl() + path)).header("Authorization", "Bearer " + token)
                .header("If-Match", tag).header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode find(JsonNode items, String agentId) {
        for (JsonNode item : items) {
            if (item.path("agentId").asText().equals(agentId)) {
                return item;
            }
        }
        throw new AssertionError("no " + agentId + " in " + items);
    }

    private static HttpResponse<String> get(LocalCloud cloud, String path, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(cloud.baseUrl() + path));
        headers.forEach(request::header);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    @DisplayName("C-LOGIN the hosted-UI stand-in: PKCE S256 required, the verifier checked, the code single-use, the ID token accepted")
    void hostedSignInStandIn() throws Exception {
        LocalCloud cloud = SharedCloud.get();
        String base = cloud.baseUrl().toString();
        String redirect = base + "/";
        String verifier = "v".repeat(20) + UUID.randomUUID() + UUID.randomUUID();
        String challenge = LocalHostedUi.s256(verifier);
        LocalApi.call(cloud, "PUT", "/api/agents/hosted-ann", LocalApi.token(cloud, "hosted-admin", "admin"),
                "{\"name\":\"Hosted Ann\",\"role\":\"manager\"}");

        HttpResponse<String> noPkce = get(base + "/local/cognito/oauth2/authorize?response_type=code&client_id=helpdesk-local&redirect_uri="
                + encode(redirect));
        assertEquals(400, noPkce.statusCode(), "a public client must send a PKCE challenge");
        HttpResponse<String> elsewhere = get(base + "/local/cognito/oauth2/authorize?response_type=code&client_id=helpdesk-local"
                + "&code_challenge_method=S256&code_challenge=" + challenge + "&redirect_uri=" + encode("https://evil.example/"));
        assertEquals(400, elsewhere.statusCode(), "only the console's own address is a callback");
        HttpResponse<String> page = get(base + "/local/cognito/oauth2/authorize?response_type=code&client_id=helpdesk-local"
                + "&code_challenge_method=S256&code_challenge=" + challenge + "&state=s1&redirect_uri=" + encode(redirect));
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("Continue as Hosted Ann"), page.body());

        String wrong = code(base, redirect, challenge);
        assertEquals("invalid_grant", exchange(base, wrong, redirect, verifier + "x").path("error").asText(), "a wrong verifier is refused");
        assertEquals("invalid_grant", exchange(base, wrong, redirect, verifier).path("error").asText(), "a refused code is spent");

        String code = code(base, redirect, challenge);
        JsonNode tokens = exchange(base, code, redirect, verifier);
        String idToken = tokens.path("id_token").asText();
        assertFalse(idToken.isEmpty(), tokens.toString());
        HttpResponse<String> me = LocalApi.call(cloud, "GET", "/api/agents/me", idToken, null);
        assertEquals(200, me.statusCode(), me.body());
        assertEquals("manager", Exchanges.JSON.readTree(me.body()).path("role").asText(), "the role comes from custom:role");
        assertEquals("invalid_grant", exchange(base, code, redirect, verifier).path("error").asText(), "a code is used once");
        // A malformed %-escape in the form is the caller's mistake: 400, not the local cloud's 500.
        HttpResponse<String> malformed = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/local/cognito/oauth2/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=authorization_code&code=%zz")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(400, malformed.statusCode(), malformed.body());
    }

    @Test
    @DisplayName("GET /api/search: a ticket by number, a customer and their tickets by email or phone; bad queries 400")
    void searchByNumberEmailAndPhone() throws Exception {
        LocalCloud cloud = SharedCloud.get();
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String phone = "+4670" + (1_000_000 + new java.util.Random().nextInt(8_999_999));
        HttpResponse<String> posted = LocalApi.chat(cloud, Map.of("conversationId", "search-" + tag, "messageId", "m-1",
                "customer", Map.of("name", "Sam Search " + tag, "email", "Sam-" + tag + "@Example.com", "phone", phone),
                "text", "Where is my parcel " + tag));
        assertEquals(200, posted.statusCode(), posted.body());
        String ticketId = Exchanges.JSON.readTree(posted.body()).path("ticketId").asText();
        String analyst = LocalApi.token(cloud, "search-analyst", "analyst");
        long number = Exchanges.JSON.readTree(LocalApi.call(cloud, "GET", "/api/tickets/" + ticketId, analyst, null).body())
                .path("number").asLong();

        JsonNode byNumber = search(cloud, analyst, "#" + number);
        assertEquals(ticketId, byNumber.path("tickets").path(0).path("ticketId").asText(), byNumber.toString());
        assertEquals("Sam Search " + tag, byNumber.path("tickets").path(0).path("customerName").asText(), "found tickets are list rows");
        assertEquals(0, byNumber.path("customers").size());

        JsonNode byEmail = search(cloud, analyst, " sam-" + tag + "@example.COM ");
        assertEquals("Sam Search " + tag, byEmail.path("customers").path(0).path("name").asText(), "email is matched case-blind");
        assertEquals(ticketId, byEmail.path("tickets").path(0).path("ticketId").asText(), "with the customer's tickets");

        String typed = phone.substring(1, 5) + " " + phone.substring(5, 8) + "-" + phone.substring(8);
        JsonNode byPhone = search(cloud, analyst, typed);
        assertEquals("Sam Search " + tag, byPhone.path("customers").path(0).path("name").asText(), "phone typed without + and spaced");

        JsonNode nothing = search(cloud, analyst, "nobody-" + tag + "@example.com");
        assertEquals(0, nothing.path("tickets").size());
        assertEquals(0, nothing.path("customers").size());
        assertEquals(400, LocalApi.call(cloud, "GET", "/api/search?q=%20", analyst, null).statusCode());
        assertEquals(400, LocalApi.call(cloud, "GET", "/api/search?q=" + "9".repeat(300), analyst, null).statusCode());
        assertEquals(400, LocalApi.call(cloud, "GET", "/api/search", analyst, null).statusCode());
        assertEquals(401, LocalApi.call(cloud, "GET", "/api/search?q=1", null, null).statusCode());
    }

    private static JsonNode search(LocalCloud cloud, String token, String q) throws Exception {
        HttpResponse<String> response = LocalApi.call(cloud, "GET", "/api/search?q=" + encode(q), token, null);
        assertEquals(200, response.statusCode(), response.body());
        return Exchanges.JSON.readTree(response.body());
    }

    /** Signs in as hosted-ann on the stand-in's page: the redirect's code. */
    private static String code(String base, String redirect, String challenge) throws Exception {
        HttpResponse<String> login = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/local/cognito/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("redirect_uri=" + encode(redirect) + "&state=s1&code_challenge=" + challenge
                        + "&sub=hosted-ann&role=manager")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(302, login.statusCode(), login.body());
        String location = login.headers().firstValue("Location").orElseThrow();
        assertTrue(location.startsWith(redirect + "?code=") && location.endsWith("&state=s1"), location);
        return location.substring(location.indexOf("code=") + 5, location.indexOf("&state"));
    }

    private static JsonNode exchange(String base, String code, String redirect, String verifier) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/local/cognito/oauth2/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=authorization_code&client_id=helpdesk-local&code=" + encode(code)
                        + "&redirect_uri=" + encode(redirect) + "&code_verifier=" + encode(verifier))).build(),
                HttpResponse.BodyHandlers.ofString());
        return Exchanges.JSON.readTree(response.body());
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String encode(String value) {
        return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8);
    }
}
