package dev.helpdesk.local.console;

import dev.helpdesk.domain.Channel;
import dev.helpdesk.domain.Customer;
import dev.helpdesk.domain.Identity;
import dev.helpdesk.domain.Message;
import dev.helpdesk.domain.Ticket;
import dev.helpdesk.local.LocalApi;
import dev.helpdesk.local.LocalCloud;
import dev.helpdesk.store.CustomerStore;
import dev.helpdesk.store.TicketChange;
import dev.helpdesk.store.TicketStore;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The console's figures for BENCHMARKS.md (CONSOLE.md "Tests"), measured in the real browser: bytes transferred on
 * first load, time to the first rows of a view of 10,000 tickets, time to open a ticket of 2,000 messages. Not part
 * of {@code mvn verify} (seeding takes minutes); run it by name:
 * {@code mvn -B verify -pl local -Dtest=NoSuch -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=ConsoleBenchmark}.
 * Tickets and messages are written straight to the table through the stores (not through webhooks, which would take
 * half an hour here); what the browser then reads is what the API serves for any ticket.
 */
class ConsoleBenchmark {
    private static final int TICKETS = Integer.getInteger("console.bench.tickets", 10_000);
    private static final int MESSAGES = Integer.getInteger("console.bench.messages", 2_000);
    private static final int RUNS = 7;

    @Test
    void measure() throws Exception {
        try (LocalCloud cloud = LocalCloud.start(new LocalCloud.Options(0, null, false, false, Path.of("../template.yaml"), Map.of()));
             DynamoDbClient dynamo = DynamoDbClient.builder().endpointOverride(URI.create(cloud.endpoints().get("dynamodb")))
                     .region(Region.US_EAST_1).httpClientBuilder(UrlConnectionHttpClient.builder())
                     .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"))).build()) {
            String table = System.getProperty("HELPDESK_TABLE");
            String admin = LocalApi.token(cloud, "bench-admin", "admin");
            send(cloud, "PUT", "/api/agents/bench", admin, "{\"name\":\"Bench Agent\",\"role\":\"support\",\"email\":\"bench@brand.example\"}");

            long seedStart = System.nanoTime();
            TicketStore tickets = new TicketStore(dynamo, table);
            Customer customer = new CustomerStore(dynamo, table).resolve(
                    List.of(new Identity(Identity.Kind.EMAIL, "many@example.com")), "Mona Many", Instant.now());
            Instant base = Instant.now().minus(Duration.ofDays(30));
            try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
                List<Future<?>> writes = new ArrayList<>();
                for (int i = 1; i <= TICKETS; i++) {
                    int n = i;
                    writes.add(pool.submit(() -> create(tickets, customer, 100_000 + n, "Order question " + n, base.plusSeconds(n * 60L))));
                }
                for (Future<?> write : writes) {
                    write.get();
                }
            }
            Ticket longOne = create(tickets, customer, 1, "A very long thread", Instant.now());
            for (int i = 1; i < MESSAGES; i++) {
                Message m = new Message(UUID.randomUUID().toString(), longOne.ticketId(), i % 2 == 0 ? Message.Kind.CUSTOMER : Message.Kind.AGENT,
                        i % 2 == 0 ? null : "bench", Channel.CHAT, "Message " + i + " of the long thread.", List.of(),
                        longOne.createdAt().plusMillis(i));
                longOne = tickets.commit(longOne, new TicketChange(longOne, List.of(m), List.of(), List.of(), null));
            }
            cloud.awaitIdle(600_000);
            double seedSeconds = (System.nanoTime() - seedStart) / 1e9;

            try (Browser browser = Browser.start()) {
                browser.open(cloud.baseUrl() + "/");
                browser.role("button", "Bench Agent");
                Map<?, ?> bytes = (Map<?, ?>) browser.script("""
                        const entries = [performance.getEntriesByType('navigation')[0], ...performance.getEntriesByType('resource')];
                        const files = entries.filter(e => !e.name.includes('/local/'));
                        return {count: files.length,
                                transferred: files.reduce((s, e) => s + e.transferSize, 0),
                                encoded: files.reduce((s, e) => s + e.encodedBodySize, 0),
                                decoded: files.reduce((s, e) => s + e.decodedBodySize, 0)};""");
                browser.role("button", "Bench Agent").click();
                browser.roleExactly("heading", "My inbox");

                List<Long> firstRows = new ArrayList<>();
                for (int run = 0; run < RUNS; run++) {
                    browser.role("link", "My inbox").click();
                    browser.roleExactly("heading", "My inbox");
                    browser.waitUntil(() -> browser.pageText().contains("No tickets in this view."), "the empty inbox");
                    long start = System.nanoTime();
                    browser.role("link", "All").click();
                    browser.waitFor(() -> browser.driver.findElements(By.cssSelector("main tbody tr")).size() >= 50 ? true : null, "50 rows");
                    firstRows.add((System.nanoTime() - start) / 1_000_000);
                }
                List<Long> openLong = new ArrayList<>();
                for (int run = 0; run < RUNS; run++) {
                    browser.open(cloud.baseUrl() + "/#/all");
                    browser.roleExactly("heading", "All");
                    long start = System.nanoTime();
                    browser.open(cloud.baseUrl() + "/#/all/ticket/" + longOne.ticketId());
                    browser.role("heading", "A very long thread");
                    browser.role("button", "earlier messages");
                    openLong.add((System.nanoTime() - start) / 1_000_000);
                }
                firstRows.sort(null);
                openLong.sort(null);
                System.out.printf("""

                        # Console in Chromium (%s), offline cloud, %s
                        Seeded %,d tickets of one customer and a ticket of %,d messages in %.0f s (through the stores).
                        | figure | median | min | max | runs |
                        |---|---|---|---|---|
                        | first load: bytes transferred (gzip), %s files | %,d B (%,d B uncompressed) | | | 1 |
                        | time to the first 50 rows of All (%,d tickets), click to rows on screen | %d ms | %d ms | %d ms | %d |
                        | open a ticket of %,d messages, address change to transcript on screen | %d ms | %d ms | %d ms | %d |
                        %n""", browser.script("return navigator.userAgent"), Instant.now(), TICKETS, MESSAGES, seedSeconds,
                        bytes.get("count"), ((Number) bytes.get("transferred")).longValue(), ((Number) bytes.get("decoded")).longValue(),
                        TICKETS, firstRows.get(RUNS / 2), firstRows.get(0), firstRows.get(RUNS - 1), RUNS,
                        MESSAGES, openLong.get(RUNS / 2), openLong.get(0), openLong.get(RUNS - 1), RUNS);
            }
        }
    }

    private static Ticket create(TicketStore tickets, Customer customer, long number, String subject, Instant at) {
        Ticket ticket = Ticket.open(UUID.randomUUID().toString(), number, subject, Channel.CHAT, customer.customerId(), null, at);
        Message first = new Message(UUID.randomUUID().toString(), ticket.ticketId(), Message.Kind.CUSTOMER, null, Channel.CHAT,
                subject + ": where is it?", List.of(), at);
        return tickets.commit(new TicketChange(ticket, true, List.of(first), List.of(), List.of(), null, null, null));
    }

    private static String send(LocalCloud cloud, String method, String path, String token, String body) throws Exception {
        HttpResponse<String> response = LocalApi.call(cloud, method, path, token, body);
        if (response.statusCode() != 200) {
            throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }
}
