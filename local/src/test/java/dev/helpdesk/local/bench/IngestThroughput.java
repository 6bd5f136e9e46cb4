package dev.helpdesk.local.bench;

import dev.helpdesk.local.LocalCloud;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Ingest throughput on the offline cloud (a benchmark, not a test): signed chat webhooks, each a new conversation
 * (a new customer and ticket: the most expensive path), posted sequentially and then from 8 threads. It reports
 * accepted messages per second (HTTP 200 = stored), latency percentiles, and how long the bus then took to run
 * classify and routing for them. Everything shares one JVM, as the local cloud does.
 *
 * <p>Run: {@code mvn -q -DskipTests install && mvn -q -pl local test-compile dependency:build-classpath
 * -Dmdep.outputFile=target/cp.txt && java -cp local/target/test-classes:local/target/classes:$(cat local/target/cp.txt)
 * dev.helpdesk.local.bench.IngestThroughput 400}
 */
public final class IngestThroughput {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 400;
        try (LocalCloud cloud = LocalCloud.start(new LocalCloud.Options(0, null, false, false, Path.of("template.yaml"), Map.of()))) {
            String secret = cloud.secrets().get("CHAT_WEBHOOK_SECRET");
            System.out.printf("machine: %d cores, JDK %s; %d messages per run%n",
                    Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), n);
            run(cloud, secret, 100, 1, "warm-up (not reported)", false);
            cloud.awaitIdle(120_000);
            run(cloud, secret, n, 1, "sequential", true);
            run(cloud, secret, n, 8, "8-way concurrent", true);
        }
    }

    private static void run(LocalCloud cloud, String secret, int n, int threads, String label, boolean report) throws Exception {
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long start = System.nanoTime();
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int share = n / threads;
            futures.add(pool.submit(() -> {
                for (int i = 0; i < share; i++) {
                    latencies.add(post(cloud, secret));
                }
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        long accepted = System.nanoTime() - start;
        pool.shutdown();
        cloud.awaitIdle(600_000);
        long drained = System.nanoTime() - start;
        if (report) {
            List<Long> sorted = new ArrayList<>(latencies);
            Collections.sort(sorted);
            System.out.printf("%-17s %5d msgs: %6.1f msg/s accepted, latency median %5.1f ms, p99 %6.1f ms; "
                            + "classify+routing drained after %5.1f s%n",
                    label, sorted.size(), sorted.size() / (accepted / 1e9), sorted.get(sorted.size() / 2) / 1e6,
                    sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(sorted.size() * 0.99) - 1)) / 1e6, drained / 1e9);
        }
    }

    private static long post(LocalCloud cloud, String secret) throws Exception {
        String id = UUID.randomUUID().toString();
        String body = "{\"conversationId\":\"bench-" + id + "\",\"messageId\":\"m-1\",\"customer\":{\"email\":\"" + id
                + "@example.com\"},\"text\":\"Where is my order? The delivery is late.\"}";
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String signature = "sha256=" + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        long t0 = System.nanoTime();
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(cloud.baseUrl() + "/webhooks/chat"))
                .header("X-Helpdesk-Signature", signature).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        long elapsed = System.nanoTime() - t0;
        if (response.statusCode() != 200) {
            throw new IllegalStateException("webhook answered " + response.statusCode() + ": " + response.body());
        }
        return elapsed;
    }
}
