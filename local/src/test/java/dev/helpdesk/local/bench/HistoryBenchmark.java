package dev.helpdesk.local.bench;

import dev.helpdesk.domain.Channel;
import dev.helpdesk.domain.Lifecycle;
import dev.helpdesk.domain.Status;
import dev.helpdesk.domain.Ticket;
import dev.helpdesk.local.LocalCloud;
import dev.helpdesk.store.Page;
import dev.helpdesk.store.TicketChange;
import dev.helpdesk.store.TicketStore;
import dev.helpdesk.store.TicketLists;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.DoubleAdder;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * R-HIST-4 as figures (a benchmark, not a test): one customer with 10, 1,000 and 10,000 tickets on the offline
 * cloud; for a page of 25 (first page, a deep page, and a two-status filter) it reports the read capacity the
 * index queries consumed (DynamoDB's own ReturnConsumedCapacity) and the median and p99 latency of
 * {@code GET /api/customers/{id}/tickets} through the local HTTP API. Flat figures = cost independent of history.
 *
 * <p>Run: see the README ("Ticket history").
 */
public final class HistoryBenchmark {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    public static void main(String[] args) throws Exception {
        int requests = args.length > 0 ? Integer.parseInt(args[0]) : 60;
        try (LocalCloud cloud = LocalCloud.start(new LocalCloud.Options(0, null, false, false, Path.of("template.yaml"), Map.of()));
             DynamoDbClient dynamo = DynamoDbClient.builder().region(Region.US_EAST_1)
                     .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("x", "x")))
                     .endpointOverride(URI.create(cloud.endpoints().get("dynamodb")))
                     .httpClientBuilder(UrlConnectionHttpClient.builder()).build()) {
            TicketStore store = new TicketStore(dynamo, System.getProperty("HELPDESK_TABLE"));
            TicketLists views = new TicketLists(dynamo, System.getProperty("HELPDESK_TABLE"));
            String token = token(cloud);
            System.out.printf("machine: %d cores, JDK %s; %d HTTP requests per figure; page size 25%n",
                    Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), requests);
            System.out.println("| tickets | page | RCU per page (index queries) | median ms | p99 ms |");
            System.out.println("|---|---|---|---|---|");
            for (int n : new int[] {10, 1_000, 10_000}) {
                String customer = "bench-" + n;
                load(store, customer, n);
                String deep = cursorAfter(views, customer, Math.min(n / 25, 10));
                report(cloud, views, token, customer, n, "first", Set.of(), null, requests);
                report(cloud, views, token, customer, n, "deep (page " + (Math.min(n / 25, 10) + 1) + ")", Set.of(), deep, requests);
                report(cloud, views, token, customer, n, "status=Open,Resolved", EnumSet.of(Status.OPEN, Status.RESOLVED), null, requests);
            }
        }
    }

    private static void load(TicketStore store, String customer, int n) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<?>> futures = new ArrayList<>();
        Instant t0 = Instant.parse("2020-01-01T00:00:00Z");
        for (int i = 0; i < n; i++) {
            int k = i;
            futures.add(pool.submit(() -> {
                Instant at = t0.plusSeconds(k * 3600L);
                Ticket t = Ticket.open(customer + "-" + k, k + 1, "Ticket " + k, Channel.EMAIL, customer, null, at);
                Status status = k % 3 == 0 ? Status.RESOLVED : k % 3 == 1 ? Status.OPEN : Status.ANSWERED;
                t = t.moved(new Lifecycle.Move(status, null, null, false, false), at);
                store.commit(new TicketChange(t, true, List.of(), List.of(), List.of(), null, null, null));
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        pool.shutdown();
    }

    private static String cursorAfter(TicketLists views, String customer, int pages) {
        String cursor = null;
        for (int i = 0; i < pages; i++) {
            Page<Ticket> page = views.customerTickets(customer, true, Set.of(), 25, cursor, null);
            cursor = page.cursor();
        }
        return cursor;
    }

    private static void report(LocalCloud cloud, TicketLists views, String token, String customer, int n, String label,
                               Set<Status> statuses, String cursor, int requests) throws Exception {
        DoubleAdder rcu = new DoubleAdder();
        views.customerTickets(customer, true, statuses, 25, cursor, rcu::add);
        String query = "?limit=25" + (statuses.isEmpty() ? "" : "&status=" + String.join(",", statuses.stream().map(Status::wire).toList()))
                + (cursor == null ? "" : "&cursor=" + cursor);
        List<Long> latencies = new ArrayList<>();
        for (int i = 0; i < requests + 5; i++) {
            long start = System.nanoTime();
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(cloud.baseUrl() + "/api/customers/"
                    + customer + "/tickets" + query)).header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(response.body());
            }
            if (i >= 5) { // the first few warm up the JIT and the connection
                latencies.add(System.nanoTime() - start);
            }
        }
        Collections.sort(latencies);
        System.out.printf("| %,d | %s | %.1f | %.1f | %.1f |%n", n, label, rcu.sum(), latencies.get(latencies.size() / 2) / 1e6,
                latencies.get((int) Math.ceil(latencies.size() * 0.99) - 1) / 1e6);
    }

    private static String token(LocalCloud cloud) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(cloud.baseUrl() + "/local/token"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"sub\":\"bench\",\"role\":\"analyst\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        String body = response.body();
        return body.substring(body.indexOf(":\"") + 2, body.lastIndexOf('"'));
    }
}
