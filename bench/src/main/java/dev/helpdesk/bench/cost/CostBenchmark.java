package dev.helpdesk.bench.cost;

import dev.helpdesk.bench.ReportCommand;
import static dev.helpdesk.bench.HelpdeskClient.expect;

import com.fasterxml.jackson.databind.JsonNode;
import dev.helpdesk.bench.HelpdeskClient;
import dev.helpdesk.bench.Quietly;
import dev.helpdesk.local.Invocations;
import dev.helpdesk.local.LocalCloud;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Cost per 1,000 tickets (issue 8): drives N tickets through a realistic lifecycle on the offline cloud, stage by
 * stage (every ticket through one stage, then the next), and meters each stage as AWS would bill it: DynamoDB
 * request units as DynamoDB reports them ({@link Meter}), Lambda invocations and their duration per function
 * ({@link Invocations}, the handlers' own time), EventBridge events in 64 KB chunks, HTTP API requests (the
 * driver's own calls) and Bedrock tokens as the model reports them. {@link CostReport} turns that into dollars.
 *
 * <p>The stages: a customer's chat webhook (ingest → classify → route and assign), an agent reply (agent-api →
 * delivery to the chat back end), the customer's reply, the agent resolving, and the agent opening the ticket
 * and one page of the customer's history. Warm-up tickets go first and are not counted, so cold starts do not
 * weigh on a per-ticket price (they are the cold-start benchmark's subject).
 */
public final class CostBenchmark {
    /** What customers write: several languages, topics and moods, so the prompt sizes are realistic. */
    private static final List<String> MESSAGES = List.of(
            "Hi, my order #4411 was supposed to arrive on Monday and it is still not here. Can you check where it is?",
            "I want to return the jacket I bought last week, it is too small. How do I send it back?",
            "This is the third time I write!! I was charged twice for the same order and nobody answers. Refund me NOW.",
            "Hej! Mitt paket har inte kommit fram, kan ni kolla spårningen?",
            "Dzień dobry, chciałabym zwrócić buty, są za duże. Jak mogę otrzymać zwrot pieniędzy?",
            "Thank you so much, the new headphones are amazing. Do you also sell a travel case for them?",
            "Labdien! Kur ir mans pasūtījums? Piegāde kavējas jau nedēļu.",
            "Hej, fakturaen for min ordre er forkert, momsen er regnet to gange. Kan I sende en ny?");

    public record Stage(String name, int tickets, long httpRequests, Map<String, Invocations.Totals> lambda,
                        Map<String, Meter.Totals> usage, Map<String, Double> writesByShape) {
    }

    public record Result(int tickets, int warmup, int memoryMb, List<Stage> stages, long elapsedMillis) {
    }

    /**
     * {@code cost [--tickets N] [--warmup W] [--quick]}: the options (BenchMain's {@code cost} subcommand), printing
     * the Markdown report. An option given explicitly wins over {@code --quick}, in any order.
     */
    @Command(name = "cost", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
            description = {"AWS cost per 1,000 tickets through the whole lifecycle on the offline cloud.",
                    "Meters every stage as AWS bills it (DynamoDB, Lambda priced on x86_64 and arm64, EventBridge, HTTP API, "
                    + "Bedrock) and prices it with bench/src/main/resources/prices-us-east-1.properties.",
                    "Prints the Markdown report to stdout, progress to stderr."})
    public static final class Cli extends ReportCommand {
        @Option(names = "--tickets", paramLabel = "N", description = "Tickets measured (default: 1000; 10 with --quick).")
        Integer tickets;

        @Option(names = "--warmup", paramLabel = "W", description = "Warm-up tickets first, not counted (default: 20; 2 with --quick).")
        Integer warmup;

        @Option(names = "--quick", description = "10 tickets after 2 warm-up tickets (a smoke run, about 10 s).")
        boolean quick;

        @Override
        protected String markdown() throws Exception {
            int n = orDefault(tickets, quick, 10, 1000);
            int w = orDefault(warmup, quick, 2, 20);
            if (n < 1 || w < 0) {
                throw refuse("--tickets must be at least 1 and --warmup at least 0");
            }
            Result result = Quietly.call(() -> run(n, w));
            return "# Cost per 1,000 tickets (offline cloud, metered)\n\n"
                    + String.format("Machine: %d cores, %d MB max heap, Java %s, %s; %s%n%n", Runtime.getRuntime().availableProcessors(),
                    Runtime.getRuntime().maxMemory() / (1024 * 1024), System.getProperty("java.version"), System.getProperty("os.arch"),
                    java.time.LocalDate.now())
                    + new CostReport(result, Prices.load()).markdown();
        }
    }

    /** Runs the benchmark with these options (as {@code cost} takes them) and returns its Markdown report. */
    public static String markdown(String... args) throws Exception {
        return ReportCommand.report(new Cli(), args);
    }

    private final LocalCloud cloud;
    private final HelpdeskClient client;
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private String agentToken;

    private CostBenchmark(LocalCloud cloud) {
        this.cloud = cloud;
        this.client = new HelpdeskClient(cloud);
    }

    /** Starts an offline cloud of its own (in memory, no schedules: their ticks are not per-ticket cost), runs, stops it. */
    public static Result run(int tickets, int warmup) throws Exception {
        try (LocalCloud cloud = LocalCloud.start(new LocalCloud.Options(0, null, false, false, null, Map.of()))) {
            return new CostBenchmark(cloud).measure(tickets, warmup);
        } finally {
            Meter.active(false); // `all` runs the latency benchmark next, which must not pay for metering
        }
    }

    private Result measure(int tickets, int warmup) throws Exception {
        Meter.active(true);
        agentToken = client.setUpWorkspace();
        runLifecycle(warmup, "warmup", null);
        List<Stage> stages = new ArrayList<>();
        long start = System.nanoTime();
        runLifecycle(tickets, run, stages);
        return new Result(tickets, warmup, memoryMb(), stages, (System.nanoTime() - start) / 1_000_000);
    }

    private void runLifecycle(int tickets, String prefix, List<Stage> stages) throws Exception {
        List<String> conversations = new ArrayList<>();
        List<String> ticketIds = new ArrayList<>();
        for (int i = 0; i < tickets; i++) {
            conversations.add(prefix + "-" + i);
        }
        stage(stages, "1 customer writes in (ingest, classify, route + assign)", tickets, () -> {
            for (int i = 0; i < tickets; i++) {
                JsonNode created = client.chat(conversations.get(i), "m1", MESSAGES.get(i % MESSAGES.size()));
                ticketIds.add(created.path("ticketId").asText());
            }
        });
        stage(stages, "2 agent replies (agent-api, delivery to the channel)", tickets, () -> {
            for (String id : ticketIds) {
                expect(200, client.call("POST", "/api/tickets/" + id + "/replies", agentToken,
                        Map.of("text", "Thanks for writing! I have checked your order: it left our warehouse today and arrives within two days.")));
            }
        });
        stage(stages, "3 customer replies (ingest)", tickets, () -> {
            for (int i = 0; i < tickets; i++) {
                client.chat(conversations.get(i), "m2", "Great, thank you for the quick answer!");
            }
        });
        stage(stages, "4 agent resolves (agent-api)", tickets, () -> {
            for (String id : ticketIds) {
                expect(200, client.call("POST", "/api/tickets/" + id + "/status", agentToken, Map.of("status", "Resolved")));
            }
        });
        stage(stages, "5 agent opens the ticket and a history page (history)", tickets, () -> {
            for (String id : ticketIds) {
                JsonNode ticket = expect(200, client.call("GET", "/api/tickets/" + id, agentToken, null));
                expect(200, client.call("GET", "/api/customers/" + ticket.path("customerId").asText() + "/tickets?limit=25", agentToken, null));
            }
        });
    }

    private interface Work {
        void run() throws Exception;
    }

    private void stage(List<Stage> stages, String name, int tickets, Work work) throws Exception {
        if (!cloud.awaitIdle(120_000)) {
            throw new IllegalStateException("the bus did not go idle before " + name);
        }
        Invocations.reset();
        Meter.reset();
        client.resetRequests();
        work.run();
        if (!cloud.awaitIdle(600_000)) {
            throw new IllegalStateException("the bus did not go idle after " + name);
        }
        if (stages != null) {
            stages.add(new Stage(name, tickets, client.requests(), Invocations.snapshot(), Meter.snapshot(),
                    Meter.writesByShape()));
        }
    }

    /** The functions' memory as template.yaml's Globals give it (Lambda bills GB-seconds of it). */
    static int memoryMb() throws Exception {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path template = dir.resolve("template.yaml");
            if (Files.isRegularFile(template)) {
                Matcher m = Pattern.compile("(?m)^\\s+MemorySize:\\s*(\\d+)").matcher(Files.readString(template));
                if (m.find()) {
                    return Integer.parseInt(m.group(1));
                }
            }
        }
        throw new IllegalStateException("template.yaml with a MemorySize not found from " + Path.of("").toAbsolutePath());
    }
}
