package dev.helpdesk.local.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.helpdesk.local.Demo;
import dev.helpdesk.local.LocalCloud;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * The agent console in a real browser against the offline cloud with the demo workspace (CONSOLE.md "Tests"): an
 * agent signs in, works the views, opens tickets, replies, notes, resolves, postpones, reopens, assigns, toggles
 * presence and reads the customer's history, by visible text and ARIA roles; axe-core checks each screen.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private LocalCloud cloud;
    private Browser browser;

    @BeforeAll
    void start() throws Exception {
        cloud = LocalCloud.start(new LocalCloud.Options(0, null, true, false, Path.of("../template.yaml"), Map.of()));
        new Demo(cloud).run();
        assertTrue(cloud.awaitIdle(60_000), "the demo's tickets settle");
        browser = Browser.start();
    }

    @AfterAll
    void stop() {
        if (browser != null) {
            browser.close();
        }
        if (cloud != null) {
            cloud.close();
        }
    }

    @BeforeEach
    void signedOut() {
        browser.open(cloud.baseUrl() + "/");
        browser.script("sessionStorage.clear()");
        browser.open(cloud.baseUrl() + "/");
    }

    private void signIn(String name) {
        browser.role("heading", "Sign in to Helpdesk");
        browser.role("button", name).click();
        browser.role("navigation", "Views");
    }

    @Test
    void anAgentSignsInAndSeesTheirViews() {
        browser.role("heading", "Sign in to Helpdesk");
        browser.assertAccessible("sign-in");
        browser.role("button", "Ann Andersson").click();

        browser.roleExactly("heading", "My inbox");
        for (String view : new String[] {"My inbox", "Unassigned", "All"}) {
            assertNotNull(browser.role("link", view), view + " in the rail");
        }
        assertTrue(browser.role("switch", "Online").getAttribute("aria-checked").equals("true"), "ann starts Online (demo)");
        browser.role("table", "My inbox");
        browser.assertAccessible("inbox");

        browser.role("link", "All").click();
        browser.roleExactly("heading", "All");
        WebElement table = browser.role("table", "All");
        assertTrue(table.findElements(By.cssSelector("tbody tr")).size() >= 5, "the demo's tickets are listed:\n" + table.getText());
    }

    @Test
    void mostUpsetFirstSortsBySentiment() {
        signIn("Cy Carlsson");
        browser.role("link", "All").click();
        browser.roleExactly("heading", "All");
        new org.openqa.selenium.support.ui.Select(browser.role("combobox", "Sort")).selectByVisibleText("Most upset first");
        browser.waitUntil(() -> browser.driver.getCurrentUrl().contains("#/all") && firstRowSentiment() != null, "sorted rows");
        String first = firstRowSentiment();
        assertTrue(first.startsWith("Urgent") || first.startsWith("Negative"),
                "the most upset ticket comes first, not " + first);
    }

    private String firstRowSentiment() {
        var rows = browser.driver.findElements(By.cssSelector("main table tbody tr"));
        return rows.isEmpty() ? null : rows.get(0).findElements(By.tagName("td")).get(4).getText();
    }

    @Test
    void anAgentRepliesNotesResolvesPostponesAndReopens() throws Exception {
        String subject = "Where is parcel " + UUID.randomUUID().toString().substring(0, 8);
        chat("Pat Parcel", "pat-" + subject.hashCode() + "@example.com", subject);
        signIn("Bo Berg");
        browser.role("link", "All").click();
        browser.waitUntil(() -> browser.pageText().contains(subject), "the new ticket in All");
        WebElement row = browser.driver.findElements(By.cssSelector("main tbody tr")).stream()
                .filter(r -> r.getText().contains(subject)).findFirst().orElseThrow();
        assertTrue(row.getText().contains("Pat Parcel"), "the row names the customer: " + row.getText());
        browser.role("link", subject).click();
        browser.role("heading", subject);
        browser.assertAccessible("ticket");

        browser.role("textbox", "Reply to the customer").sendKeys("It left the warehouse today.");
        browser.role("button", "Send reply").click();
        browser.role("article", "Message from Bo Berg");
        browser.waitUntil(() -> browser.pageText().contains("It left the warehouse today."), "the reply in the transcript");
        browser.waitUntil(() -> browser.pageText().contains("Status: Answered"), "status Answered after the reply");

        browser.roleExactly("tab", "Note").click();
        browser.role("textbox", "Internal note").sendKeys("Carrier confirmed by phone.");
        browser.role("button", "Add note").click();
        browser.role("article", "Internal note");
        assertTrue(browser.pageText().contains("Carrier confirmed by phone."));

        browser.roleExactly("button", "Resolve").click();
        browser.waitUntil(() -> browser.pageText().contains("Status: Resolved"), "Resolved");
        browser.roleExactly("button", "Reopen").click();
        browser.waitUntil(() -> browser.pageText().contains("Status: Open"), "Open again");

        browser.roleExactly("button", "Postpone…").click();
        WebElement until = browser.driver.findElement(By.cssSelector("input[type=datetime-local]"));
        // A date two days ahead in the browser's own format; the field is keyboard-typed like an agent would.
        browser.script("arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('input', {bubbles: true}))",
                until, java.time.LocalDateTime.now().plusDays(2).withSecond(0).withNano(0).toString().substring(0, 16));
        browser.roleExactly("button", "Postpone").click();
        browser.waitUntil(() -> browser.pageText().contains("Status: Postponed"), "Postponed");
        browser.roleExactly("button", "Reopen").click();
        browser.waitUntil(() -> browser.pageText().contains("Status: Open"), "Open after the postponement");
    }

    @Test
    void customerTextIsRenderedAsText() throws Exception {
        String attack = "<img src=x onerror=\"document.title='pwned'\">";
        chat(attack + " Mallory", "mallory-" + UUID.randomUUID() + "@example.com", attack + " subject");
        signIn("Ann Andersson");
        browser.role("link", "All").click();
        WebElement link = browser.role("link", attack + " subject");
        link.click();
        browser.role("heading", attack + " subject");
        browser.waitUntil(() -> browser.pageText().contains(attack + " subject body"), "the message text shown literally");
        browser.role("heading", attack + " Mallory");
        assertEquals(0, browser.driver.findElements(By.cssSelector("main img, aside img")).size(), "no element made from customer text");
        assertFalse(browser.driver.getTitle().contains("pwned"), "no script ran");
    }

    @Test
    void theHistorySidebarSortsFiltersAndOpensAPastTicketInPlace() throws Exception {
        String email = "repeat-" + UUID.randomUUID() + "@example.com";
        String first = "First order " + UUID.randomUUID().toString().substring(0, 6);
        String second = "Second order " + UUID.randomUUID().toString().substring(0, 6);
        chat("Rita Repeat", email, first);
        chat("Rita Repeat", email, second);
        signIn("Cy Carlsson");
        browser.role("link", "All").click();
        browser.role("link", second).click();
        WebElement sidebar = browser.role("complementary", "Rita Repeat");
        browser.role("heading", "Tickets (2)");
        browser.assertAccessible("ticket with history");

        new org.openqa.selenium.support.ui.Select(browser.role("combobox", "Order")).selectByVisibleText("Oldest");
        browser.waitUntil(() -> historyEntries().startsWith("#") && historyEntries().indexOf(first) < historyEntries().indexOf(second)
                && historyEntries().contains(first), "oldest first");
        new org.openqa.selenium.support.ui.Select(browser.all("combobox").stream()
                .filter(e -> Browser.accessibleName(e).contains("Status") && sidebar.findElements(By.tagName("select")).contains(e))
                .findFirst().orElseThrow()).selectByVisibleText("Resolved");
        browser.waitUntil(() -> sidebar.getText().contains("No tickets."), "no resolved tickets");
        new org.openqa.selenium.support.ui.Select(sidebar.findElements(By.tagName("select")).get(1)).selectByVisibleText("All");
        browser.waitUntil(() -> historyEntries().contains(first) && historyEntries().contains(second), "both tickets again");

        browser.role("button", first).click();
        browser.role("button", "Back to activity");
        assertTrue(browser.role("complementary", "Rita Repeat").getText().contains(first + " body"), "the past ticket's transcript");
        browser.driver.switchTo().activeElement().sendKeys(Keys.ESCAPE);
        browser.role("heading", "Activity");
        browser.role("heading", second);
    }

    private String historyEntries() {
        return browser.driver.findElements(By.cssSelector("aside ul.history")).stream().map(WebElement::getText).findFirst().orElse("");
    }

    @Test
    void anAgentGoesOfflineAndOnline() throws Exception {
        signIn("Ann Andersson");
        WebElement presence = browser.role("switch", "Online");
        presence.click();
        browser.waitUntil(() -> "false".equals(browser.role("switch", "Offline").getAttribute("aria-checked")), "Offline");
        assertFalse(agent("ann").path("online").asBoolean(), "the back end has ann Offline");
        browser.role("switch", "Offline").click();
        browser.waitUntil(() -> "true".equals(browser.role("switch", "Online").getAttribute("aria-checked")), "Online");
        assertTrue(agent("ann").path("online").asBoolean(), "the back end has ann Online");
    }

    @Test
    void anExpiredSessionReturnsToSignIn() {
        signIn("Bo Berg");
        browser.script("sessionStorage.setItem('helpdesk.token', 'not-a-token')");
        browser.role("link", "Unassigned").click();
        browser.role("heading", "Sign in to Helpdesk");
        browser.role("status", "Your session ended");
    }

    @Test
    void aFailedReplyKeepsTheTextAndSaysWhy() throws Exception {
        String subject = "Doomed " + UUID.randomUUID().toString().substring(0, 8);
        String ticketId = chat("Dora Doomed", "dora-" + UUID.randomUUID() + "@example.com", subject);
        signIn("Ann Andersson");
        browser.role("link", "All").click();
        browser.role("link", subject).click();
        browser.role("heading", subject);
        // The ticket is purged by an admin while the agent types.
        assertEquals(200, call("DELETE", "/api/tickets/" + ticketId, token("dee", "admin"), null).statusCode());
        browser.role("textbox", "Reply to the customer").sendKeys("Please keep this text.");
        browser.role("button", "Send reply").click();
        browser.role("alert", "no ticket");
        assertEquals("Please keep this text.", browser.role("textbox", "Reply to the customer").getAttribute("value"));
    }

    // --- the back end, as a provider and an admin would call it ---

    /** A chat message whose first line becomes the ticket's subject; the text also holds "{subject} body". */
    private String chat(String name, String email, String subject) throws Exception {
        String body = JSON.writeValueAsString(Map.of("conversationId", "conv-" + UUID.randomUUID(), "messageId", "m-" + UUID.randomUUID(),
                "customer", Map.of("name", name, "email", email), "text", subject + "\n" + subject + " body", "handoff", false));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(cloud.secrets().get("CHAT_WEBHOOK_SECRET").getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String signature = "sha256=" + java.util.HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(cloud.baseUrl() + "/webhooks/chat"))
                .header("Content-Type", "application/json").header("X-Helpdesk-Signature", signature)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        assertTrue(cloud.awaitIdle(30_000));
        return JSON.readTree(response.body()).path("ticketId").asText();
    }

    private JsonNode agent(String agentId) throws Exception {
        HttpResponse<String> response = call("GET", "/api/agents", token("dee", "admin"), null);
        for (JsonNode agent : JSON.readTree(response.body()).path("items")) {
            if (agent.path("agentId").asText().equals(agentId)) {
                return agent;
            }
        }
        throw new AssertionError("no agent " + agentId + " in " + response.body());
    }

    private String token(String sub, String role) throws Exception {
        return JSON.readTree(call("POST", "/local/token", null, "{\"sub\":\"" + sub + "\",\"role\":\"" + role + "\"}").body())
                .path("token").asText();
    }

    private HttpResponse<String> call(String method, String path, String token, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(cloud.baseUrl() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
