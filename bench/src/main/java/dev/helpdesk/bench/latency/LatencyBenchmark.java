package dev.helpdesk.bench.latency;

import dev.helpdesk.bench.ReportCommand;
import dev.helpdesk.bench.HelpdeskClient;
import dev.helpdesk.bench.Quietly;
import dev.helpdesk.events.DetailType;
import dev.helpdesk.local.LocalCloud;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * End-to-end latency (issue 8): a customer's chat webhook until the ticket is assigned to an agent, on the offline
 * cloud, one client at a time and then several at once. The path: ingest stores the message and answers the
 * webhook ("Ticket Received"), classify labels it on Bedrock and announces the ticket ("Ticket Created"), routing
 * assigns it by round robin ("Ticket Assigned"). Each client is a closed loop: it sends a new conversation's
 * first message, waits until its ticket is assigned, and sends the next; so the sustained rate is what the
 * pipeline (ingest → bus → classify → bus → routing) keeps up with, not how fast a client can post.
 *
 * <p>"Assigned" is the moment routing's "Ticket Assigned" event reaches the bus (routing puts it right after the
 * assignment commits): the bus calls a listener ({@link LocalCloud#onEvent}) on the putting thread, so nothing polls.
 */
public final class LatencyBenchmark {
    private static final long TIMEOUT_SECONDS = 60;

    /** One ticket's times, nanoseconds from when its webhook was sent. */
    public record Sample(long acceptedNanos, long classifiedNanos, long assignedNanos) {
    }

    /** One run: its clients, what each ticket took, and the wall time from the first send to the last assignment. */
    public record Run(String name, int clients, List<Sample> samples, long wallNanos) {
        public double ticketsPerSecond() {
            return samples.size() / (wallNanos / 1e9);
        }
    }

    public record Result(int warmup, List<Run> runs) {
    }

    /**
     * {@code latency [--tickets N] [--concurrency C] [--warmup W] [--quick]}: the options (BenchMain's {@code latency}
     * subcommand), printing the Markdown report. An option given explicitly wins over {@code --quick}, in any order.
     */
    @Command(name = "latency", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
            description = {"Webhook accepted -> ticket assigned, median and p99, tickets/s, 1 and C clients.",
                    "Runs on the offline cloud: one client at a time, then C clients at once.",
                    "Prints the Markdown report to stdout, progress to stderr."})
    public static final class Cli extends ReportCommand {
        @Option(names = "--tickets", paramLabel = "N", description = "Tickets per run (default: 400; 16 with --quick).")
        Integer tickets;

        @Option(names = "--concurrency", paramLabel = "C", defaultValue = "8",
                description = "Clients of the concurrent run. Default: ${DEFAULT-VALUE}.")
        int concurrency;

        @Option(names = "--warmup", paramLabel = "W", description = "Warm-up tickets first, not measured (default: 50; 4 with --quick).")
        Integer warmup;

        @Option(names = "--quick", description = "16 tickets per run after 4 warm-up tickets (a smoke run).")
        boolean quick;

        @Override
        protected String markdown() throws Exception {
            int n = orDefault(tickets, quick, 16, 400);
            int w = orDefault(warmup, quick, 4, 50);
            int clients = concurrency;
            if (n < 1 || clients < 1 || w < 0) {
                throw refuse("--tickets and --concurrency must be at least 1, --warmup at least 0");
            }
            Result result = Quietly.call(() -> run(n, clients, w));
            return new LatencyReport(result).markdown();
        }
    }

    /** Runs the benchmark with these options (as {@code latency} takes them) and returns its Markdown report. */
    public static String markdown(String... args) throws Exception {
        return ReportCommand.report(new Cli(), args);
    }

    /** Starts an offline cloud of its own (in memory, no schedules), warms it up, runs 1 client then C, stops it. */
    public static Result run(int ticketsPerRun, int concurrency, int warmup) throws Exception {
        try (LocalCloud cloud = LocalCloud.start(new LocalCloud.Options(0, null, false, false, null, Map.of()))) {
            LatencyBenchmark benchmark = new LatencyBenchmark(cloud);
            try (AutoCloseable listening = cloud.onEvent(benchmark::observe)) {
                new HelpdeskClient(cloud).setUpWorkspace();
                benchmark.run("warm-up", Math.min(concurrency, Math.max(1, warmup)), warmup);
                List<Run> runs = new ArrayList<>();
                runs.add(benchmark.run("sequential", 1, ticketsPerRun));
                runs.add(benchmark.run(concurrency + "-way concurrent", concurrency, ticketsPerRun));
                return new Result(warmup, runs);
            }
        }
    }

    private final LocalCloud cloud;
    private final HelpdeskClient client;
    private final String prefix = "latency-" + UUID.randomUUID().toString().substring(0, 8);
    private final AtomicInteger sequence = new AtomicInteger();
    /** Per ticket id, when the bus saw it announced classified ("Ticket Created") and assigned (System.nanoTime). */
    private final Map<String, CompletableFuture<Long>> assigned = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<Long>> classified = new ConcurrentHashMap<>();

    private LatencyBenchmark(LocalCloud cloud) {
        this.cloud = cloud;
        this.client = new HelpdeskClient(cloud);
    }

    private void observe(Map<String, Object> envelope) {
        long now = System.nanoTime();
        Object detail = envelope.get("detail");
        if (!(detail instanceof Map<?, ?> fields) || fields.get("ticketId") == null) {
            return;
        }
        String ticketId = fields.get("ticketId").toString();
        Object type = envelope.get("detail-type");
        if (DetailType.TICKET_ASSIGNED.equals(type)) {
            moment(assigned, ticketId).complete(now);
        } else if (DetailType.TICKET_CREATED.equals(type)) {
            moment(classified, ticketId).complete(now);
        }
    }

    private static CompletableFuture<Long> moment(Map<String, CompletableFuture<Long>> moments, String ticketId) {
        return moments.computeIfAbsent(ticketId, id -> new CompletableFuture<>());
    }

    private Run run(String name, int clients, int tickets) throws Exception {
        if (!cloud.awaitIdle(120_000)) {
            throw new IllegalStateException("the bus did not go idle before the " + name + " run");
        }
        List<Sample> samples = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        AtomicInteger remaining = new AtomicInteger(tickets);
        long start = System.nanoTime();
        try {
            List<Future<?>> loops = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                loops.add(pool.submit(() -> {
                    while (remaining.getAndDecrement() > 0) {
                        samples.add(oneTicket());
                    }
                    return null;
                }));
            }
            for (Future<?> loop : loops) {
                loop.get();
            }
        } finally {
            pool.shutdownNow();
        }
        return new Run(name, clients, List.copyOf(samples), System.nanoTime() - start);
    }

    /** A new conversation's first message, then the wait until routing assigns its ticket. */
    private Sample oneTicket() throws Exception {
        int n = sequence.incrementAndGet();
        long sent = System.nanoTime();
        String ticketId = client.chat(prefix + "-" + n, "m1", "Hi, my order #" + (4000 + n)
                + " was supposed to arrive on Monday and it is still not here. Can you check where it is?").path("ticketId").asText();
        long accepted = System.nanoTime();
        if (ticketId.isEmpty()) {
            throw new IllegalStateException("the chat webhook answered without a ticketId");
        }
        long assignedAt;
        try {
            assignedAt = moment(assigned, ticketId).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("ticket " + ticketId + " was not assigned within " + TIMEOUT_SECONDS + " s", e);
        }
        // Classify announces a new ticket ("Ticket Created", with its labels) and routing assigns on that event, so
        // this moment has passed already.
        long classifiedAt = moment(classified, ticketId).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        assigned.remove(ticketId);
        classified.remove(ticketId);
        return new Sample(accepted - sent, classifiedAt - sent, assignedAt - sent);
    }
}
