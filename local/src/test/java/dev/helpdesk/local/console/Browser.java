package dev.helpdesk.local.console;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven as an agent would: elements are found by ARIA role and accessible name (what a
 * screen reader announces), never by CSS class. In CI a browser that cannot start fails the tests; elsewhere, with
 * no chromium installed, they are skipped with the reason (install {@code chromium chromium-driver}).
 */
final class Browser implements AutoCloseable {
    static final Duration WAIT = Duration.ofSeconds(15);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> ROLES = Map.ofEntries(
            Map.entry("button", "button, [role=button]"),
            Map.entry("link", "a[href], [role=link]"),
            Map.entry("heading", "h1, h2, h3, h4, h5, h6, [role=heading]"),
            Map.entry("textbox", "textarea, input[type=text], input:not([type]), [role=textbox]"),
            Map.entry("combobox", "select, [role=combobox]"),
            Map.entry("searchbox", "input[type=search], [role=searchbox]"),
            Map.entry("spinbutton", "input[type=number], [role=spinbutton]"),
            Map.entry("switch", "[role=switch]"),
            Map.entry("tab", "[role=tab]"),
            Map.entry("alert", "[role=alert]"),
            Map.entry("status", "[role=status]"),
            Map.entry("navigation", "nav, [role=navigation]"),
            Map.entry("complementary", "aside, [role=complementary]"),
            Map.entry("table", "table, [role=table], [role=grid]"),
            Map.entry("row", "tr, [role=row]"),
            Map.entry("columnheader", "th[scope=col], [role=columnheader]"),
            Map.entry("article", "article, [role=article]"),
            Map.entry("listitem", "li, [role=listitem]"),
            Map.entry("group", "[role=group], fieldset"));

    final WebDriver driver;
    private final WebDriverWait wait;

    private Browser(WebDriver driver) {
        this.driver = driver;
        // Polled every 20 ms (Selenium's default is 500 ms): the benchmark times with these waits, and tests go faster.
        this.wait = new WebDriverWait(driver, WAIT, Duration.ofMillis(20));
        this.wait.ignoring(StaleElementReferenceException.class);
    }

    static Browser start() {
        String chromium = System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium");
        String chromedriver = System.getenv().getOrDefault("CHROMEDRIVER", "/usr/bin/chromedriver");
        boolean installed = new File(chromium).canExecute() && new File(chromedriver).canExecute();
        if (!installed) {
            String why = "no browser: " + chromium + " or " + chromedriver + " is missing (apt-get install chromium chromium-driver)";
            if (System.getenv("CI") != null) {
                fail(why + "; in CI the console's browser tests must run");
            }
            Assumptions.abort(why);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium);
        // The flags this machine's notes give for a closed network: no background calls to Google's hosts.
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--window-size=1500,1000", "--lang=en-US");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(chromedriver)).usingAnyFreePort().build();
        return new Browser(new ChromeDriver(service, options));
    }

    void open(String url) {
        driver.get(url);
    }

    /** The first visible element with this ARIA role whose accessible name contains {@code name}, waiting for it. */
    WebElement role(String role, String name) {
        return waitFor(() -> find(role, name), role + " named '" + name + "'");
    }

    /** Like {@link #role} but the name must equal {@code name} exactly. */
    WebElement roleExactly(String role, String name) {
        return waitFor(() -> all(role).stream().filter(e -> name.equals(accessibleName(e))).findFirst().orElse(null),
                role + " named exactly '" + name + "'");
    }

    WebElement find(String role, String name) {
        return all(role).stream().filter(e -> accessibleName(e).contains(name)).findFirst().orElse(null);
    }

    List<WebElement> all(String role) {
        String selector = ROLES.get(role);
        if (selector == null) {
            throw new IllegalArgumentException("no selector for role " + role);
        }
        List<WebElement> found = new ArrayList<>();
        for (WebElement e : driver.findElements(By.cssSelector(selector))) {
            try {
                if (e.isDisplayed() || role.equals("status") || role.equals("alert")) {
                    found.add(e);
                }
            } catch (StaleElementReferenceException ignored) {
                // Re-rendered between the query and the check: the next poll sees the new one.
            }
        }
        return found;
    }

    /** What assistive technology announces: Chromium's computed accessible name, or the text for plain containers. */
    static String accessibleName(WebElement e) {
        try {
            String name = e.getAccessibleName();
            return name == null || name.isBlank() ? e.getText().strip() : name.strip();
        } catch (StaleElementReferenceException gone) {
            return "";
        }
    }

    /** Lets the page run for {@code time}: for checks that something does not happen. */
    void sleep(Duration time) {
        try {
            Thread.sleep(time.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    void waitUntil(Supplier<Boolean> condition, String what) {
        waitFor(() -> Boolean.TRUE.equals(condition.get()) ? Boolean.TRUE : null, what);
    }

    <T> T waitFor(Supplier<T> probe, String what) {
        try {
            return wait.withMessage(() -> "waited " + WAIT.toSeconds() + " s for " + what + "; page text:\n" + pageText())
                    .until(d -> probe.get());
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }

    String pageText() {
        try {
            return driver.findElement(By.tagName("body")).getText();
        } catch (RuntimeException e) {
            return "(unreadable: " + e + ")";
        }
    }

    Object script(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    /** axe-core on the current page: fails on any serious or critical WCAG 2.1 A/AA violation, naming each. */
    void assertAccessible(String screen) {
        script(axeSource());
        String result = (String) ((JavascriptExecutor) driver).executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']},"
                        + " resultTypes: ['violations']}).then(r => done(JSON.stringify(r.violations)), e => done('ERROR ' + e));");
        assertTrue(result != null && !result.startsWith("ERROR"), "axe-core failed to run on " + screen + ": " + result);
        List<String> serious = new ArrayList<>();
        try {
            for (JsonNode violation : JSON.readTree(result)) {
                String impact = violation.path("impact").asText();
                if (impact.equals("serious") || impact.equals("critical")) {
                    List<String> targets = new ArrayList<>();
                    violation.path("nodes").forEach(n -> targets.add(n.path("target").toString()));
                    serious.add(impact + " " + violation.path("id").asText() + ": " + violation.path("help").asText() + " at " + targets);
                }
            }
        } catch (IOException e) {
            throw new AssertionError("unreadable axe result: " + result, e);
        }
        assertTrue(serious.isEmpty(), "axe-core on " + screen + ":\n" + String.join("\n", serious));
    }

    private static String axeSource;

    private static synchronized String axeSource() {
        if (axeSource == null) {
            try (InputStream in = Browser.class.getResourceAsStream("/axe.min.js")) {
                if (in == null) {
                    throw new IllegalStateException("axe.min.js is not on the test class path (local/pom.xml downloads it)");
                }
                axeSource = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        return axeSource;
    }

    /**
     * Runs {@code body} with the page's {@code Date.now()} {@code ahead} of the real clock in every page loaded meanwhile:
     * the agent looks at the same data later (the server's clock and the ticket's times stay as they are).
     */
    void withClockAhead(Duration ahead, Runnable body) {
        withPageScript("{ const realNow = Date.now; Date.now = () => realNow.call(Date) + " + ahead.toMillis() + "; }", body);
    }

    /**
     * Runs {@code body} with {@code interval} timers scheduled every {@code instead} in every page loaded meanwhile: a
     * minute-long timer fires within a test's patience (fake timers, as unit tests use them; the page is unchanged).
     */
    void withFastTimers(Duration interval, Duration instead, Runnable body) {
        withPageScript("{ const every = window.setInterval; window.setInterval = (fn, ms, ...rest) => every(fn, ms === "
                + interval.toMillis() + " ? " + instead.toMillis() + " : ms, ...rest); }", body);
    }

    private void withPageScript(String source, Runnable body) {
        ChromeDriver chrome = (ChromeDriver) driver;
        Map<String, Object> added = chrome.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", source));
        try {
            body.run();
        } finally {
            chrome.executeCdpCommand("Page.removeScriptToEvaluateOnNewDocument", Map.of("identifier", added.get("identifier")));
        }
    }

    @Override
    public void close() {
        driver.quit();
    }
}
