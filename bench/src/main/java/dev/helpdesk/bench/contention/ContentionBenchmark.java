package dev.helpdesk.bench.contention;

import dev.helpdesk.bench.ReportCommand;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.helpdesk.bench.HelpdeskClient;
import dev.helpdesk.bench.Quietly;
import dev.helpdesk.bench.Stats;
import dev.helpdesk.local.LocalCloud;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Write contention (issue 16, "Write path v2"): many writers on one ticket, and many first messages of one
 * conversation at once, on the offline cloud. It counts what every request was answered (2xx, 409, other 4xx, 5xx,
 * 503 with or without {@code Retry-After}) and how long it took, then, once the bus is idle, reads the ticket back
 * and checks exactly-once: every text whose request was acknowledged (2xx) is stored exactly once, and none whose
 * request was refused (4xx) is stored. A 5xx promises nothing either way, so a 5xx text found stored is counted
 * apart, not as a failure.
 *
 * <ol>
 *   <li><b>one ticket, W writers</b>: a customer's chat creates a ticket; once it is classified and assigned, W
 *   threads start together and each sends N agent-API writes to it, one kind per writer (by writer index: note,
 *   reply, status Resolved/Open alternately, reassignment, priority), as the three support agents (assignment as an
 *   admin). Notes and replies carry a unique text each.</li>
 *   <li><b>one conversation, M first messages</b>: M threads send, at once, the first message of one new chat
 *   conversation (same conversationId, distinct messageIds and texts) through the signed chat webhook. One
 *   conversation should make one ticket, holding each acknowledged message once.</li>
 * </ol>
 */
public final class ContentionBenchmark {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long IDLE_MILLIS = 120_000;
    private static final long WAIT_SECONDS = 300;
    static final List<String> KINDS = List.of("note", "reply", "status", "assignee", "priority");
    private static final List<String> PRIORITIES = List.of("low", "normal", "high", "urgent");
    private static final String ALL_STATUSES = "New,Answered,Open,Resolved,Postponed,Spam,Deleted";

    /**
     * One request: its kind, the HTTP status it was answered (0: no answer, the call threw), whether a
     * {@code Retry-After} header came with it, how long it took, the unique text it carried (notes, replies, chat
     * messages; otherwise null), the ticketId a 2xx answer named (the chat webhook's; otherwise null) and, for a
     * non-2xx, the start of its body or what the call threw.
     */
    public record Answer(String kind, int status, boolean retryAfter, long nanos, String text, String ticketId, String detail) {
        public boolean acknowledged() {
            return status >= 200 && status < 300;
        }

        public boolean refused() {
            return status >= 400 && status < 500;
        }

        public boolean serverError() {
            return status >= 500;
        }

        public double millis() {
            return nanos / 1e6;
        }
    }

    /** One kind's answers counted: 5xx counts every 5xx, 503 among them, and how many of those had Retry-After. */
    public record Tally(String kind, int requests, int ok, int conflict, int otherClientError, int serverError,
                        int unavailable, int unavailableWithRetryAfter, int unanswered, Stats millis) {
    }

    /**
     * The exactly-once check of a scenario's texts once the bus is idle: how many were acknowledged, how many of
     * those are missing (lost) or stored more than once (duplicated); how many refused (4xx) texts are stored all the
     * same (a violation); and, for 5xx answers (or none), how many are stored and how many not, and how many are
     * stored more than once (a violation too: a 5xx may have written, but once).
     */
    public record Verdict(boolean ran, int checked, int acknowledged, int lost, int duplicated, int refusedButStored,
                          int answered5xxStored, int answered5xxNotStored, int answered5xxDuplicated, List<String> problems) {
        public boolean exactlyOnce() {
            return ran && lost == 0 && duplicated == 0 && refusedButStored == 0 && answered5xxDuplicated == 0;
        }
    }

    /**
     * One scenario: its threads, every answer, the wall time from the start signal to the last answer, the ticket(s)
     * it wrote to, and the exactly-once verdict. {@code ticketsNamed}: distinct ticketIds the 2xx answers named
     * (scenario 2; scenario 1 its one ticket); {@code ticketsCreated}: tickets found stored for it afterwards.
     */
    public record Scenario(String name, int threads, int perThread, List<Answer> answers, long wallNanos,
                           String ticketId, Set<String> ticketsNamed, int ticketsCreated, Verdict verdict) {
        public List<Tally> tallies() {
            return tally(answers);
        }
    }

    public record Result(int writers, int opsPerWriter, int messages, Scenario oneTicket, Scenario oneConversation) {
        public List<Scenario> scenarios() {
            return List.of(oneTicket, oneConversation);
        }
    }

    /**
     * {@code contention [--writers W] [--ops N] [--messages M] [--quick]}: the options (BenchMain's {@code contention}
     * subcommand), printing the Markdown report. An option given explicitly wins over {@code --quick}, in any order.
     */
    @Command(name = "contention", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
            description = {"32 writers on one ticket, 60 first messages of one conversation: answers, latency, exactly-once.",
                    "W writers on one ticket at once, then M first messages of one conversation at once, on the offline cloud: "
                    + "the answers, their latency, and whether every acknowledged write is there exactly once.",
                    "Prints the Markdown report to stdout, progress to stderr."})
    public static final class Cli extends ReportCommand {
        @Option(names = "--writers", paramLabel = "W", description = "Concurrent writers on one ticket (default: 32; 8 with --quick).")
        Integer writers;

        @Option(names = "--ops", paramLabel = "N", description = "Writes per writer (default: 8; 2 with --quick).")
        Integer ops;

        @Option(names = "--messages", paramLabel = "M", description = "First messages of one conversation at once (default: 60; 12 with --quick).")
        Integer messages;

        @Option(names = "--quick", description = "8 writers x 2 writes, 12 messages (a smoke run).")
        boolean quick;

        @Override
        protected String markdown() throws Exception {
            int w = orDefault(writers, quick, 8, 32);
            int n = orDefault(ops, quick, 2, 8);
            int m = orDefault(messages, quick, 12, 60);
            if (w < 1 || n < 1 || m < 1) {
                throw refuse("contention: --writers, --ops and --messages must be at least 1");
            }
            Result result = Quietly.call(() -> run(w, n, m));
            return new ContentionReport(result).markdown();
        }
    }

    /** Runs the benchmark with these options (as {@code contention} takes them) and returns its Markdown report. */
    public static String markdown(String... args) throws Exception {
        return ReportCommand.report(new Cli(), args);
    }

    /** Starts an offline cloud of its own (in memory, no schedules), runs both scenarios on it, stops it. */
    public static Result run(int writers, int opsPerWriter, int messages) throws Exception {
        try (LocalCloud cloud = LocalCloud.start(new LocalCloud.Options(0, null, false, false, null, Map.of()))) {
            ContentionBenchmark benchmark = new ContentionBenchmark(cloud);
            benchmark.client.setUpWorkspace();
            Scenario oneTicket = benchmark.oneTicket(writers, opsPerWriter);
            Scenario oneConversation = benchmark.oneConversation(messages, oneTicket.ticketId());
            return new Result(writers, opsPerWriter, messages, oneTicket, oneConversation);
        }
    }

    /** Counts answers per kind (in {@link #KINDS} order, then any other kind), with a last row "all". */
    public static List<Tally> tally(List<Answer> answers) {
        Map<String, List<Answer>> byKind = new LinkedHashMap<>();
        for (String kind : KINDS) {
            byKind.put(kind, new ArrayList<>());
        }
        for (Answer answer : answers) {
            byKind.computeIfAbsent(answer.kind(), k -> new ArrayList<>()).add(answer);
        }
        List<Tally> tallies = new ArrayList<>();
        byKind.forEach((kind, list) -> {
            if (!list.isEmpty()) {
                tallies.add(tallyOf(kind, list));
            }
        });
        if (byKind.values().stream().filter(l -> !l.isEmpty()).count() > 1) {
            tallies.add(tallyOf("all", answers));
        }
        return tallies;
    }

    private static Tally tallyOf(String kind, List<Answer> answers) {
        int ok = 0;
        int conflict = 0;
        int other4xx = 0;
        int server = 0;
        int unavailable = 0;
        int withRetryAfter = 0;
        int unanswered = 0;
        for (Answer a : answers) {
            if (a.status() == 0) {
                unanswered++;
            } else if (a.acknowledged()) {
                ok++;
            } else if (a.status() == 409) {
                conflict++;
            } else if (a.refused()) {
                other4xx++;
            } else if (a.serverError()) {
                server++;
                if (a.status() == 503) {
                    unavailable++;
                    if (a.retryAfter()) {
                        withRetryAfter++;
                    }
                }
            }
        }
        // Latency of the requests that were answered (a thrown call has no answer time worth ranking).
        Stats millis = Stats.of(answers.stream().filter(a -> a.status() != 0).map(Answer::millis).toList());
        return new Tally(kind, answers.size(), ok, conflict, other4xx, server, unavailable, withRetryAfter, unanswered, millis);
    }

    private final LocalCloud cloud;
    private final HelpdeskClient client;
    private final String prefix = "contention-" + UUID.randomUUID().toString().substring(0, 8);

    private ContentionBenchmark(LocalCloud cloud) {
        this.cloud = cloud;
        this.client = new HelpdeskClient(cloud);
    }

    private void awaitIdle(String when) {
        if (!cloud.awaitIdle(IDLE_MILLIS)) {
            throw new IllegalStateException("the bus did not go idle " + when);
        }
    }

    /** Scenario 1: one ticket, W writers with N writes each, started together. */
    private Scenario oneTicket(int writers, int opsPerWriter) throws Exception {
        String ticketId = client.chat(prefix + "-ticket", "m1", "Hi, my order #4711 arrived damaged, the box was crushed. "
                + "Can you send a replacement?").path("ticketId").asText();
        if (ticketId.isEmpty()) {
            throw new IllegalStateException("the chat webhook answered without a ticketId");
        }
        awaitIdle("after the ticket was created");
        String admin = client.token("bench-admin", "admin");
        List<String> agentTokens = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            agentTokens.add(client.token("bench-agent-" + i, "support"));
        }
        String path = "/api/tickets/" + ticketId;
        List<Callable<List<Answer>>> writerTasks = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            int writer = w;
            String kind = KINDS.get(writer % KINDS.size());
            String token = kind.equals("assignee") ? admin : agentTokens.get(writer % agentTokens.size());
            writerTasks.add(() -> {
                List<Answer> answers = new ArrayList<>();
                for (int op = 0; op < opsPerWriter; op++) {
                    int i = op;
                    String tag = "w" + writer + "-i" + i + " " + UUID.randomUUID();
                    answers.add(switch (kind) {
                        case "note" -> send(kind, "note " + tag, () -> client.call("POST", path + "/notes", token,
                                Map.of("text", "note " + tag)));
                        case "reply" -> send(kind, "reply " + tag, () -> client.call("POST", path + "/replies", token,
                                Map.of("text", "reply " + tag)));
                        case "status" -> send(kind, null, () -> client.call("POST", path + "/status", token,
                                Map.of("status", i % 2 == 0 ? "Resolved" : "Open")));
                        case "assignee" -> send(kind, null, () -> client.call("PUT", path + "/assignee", token,
                                Map.of("assigneeId", "bench-agent-" + (1 + (writer + i) % 3), "reassign", true)));
                        case "priority" -> send(kind, null, () -> client.call("PUT", path + "/priority", token,
                                Map.of("priority", PRIORITIES.get((writer + i) % PRIORITIES.size()))));
                        default -> throw new IllegalStateException(kind);
                    });
                }
                return answers;
            });
        }
        Timed timed = together(writerTasks);
        awaitIdle("after the writers");

        JsonNode ticket = HelpdeskClient.expect(200, client.call("GET", path, admin, null));
        Map<String, Integer> notes = texts(ticket.path("notes"));
        Map<String, Integer> messages = texts(ticket.path("messages"));
        Verdict verdict = verdict(timed.answers(), answer -> answer.kind().equals("note") ? notes : messages,
                answer -> answer.kind().equals("note") ? notes : messages);
        return new Scenario("one ticket, " + writers + " writers", writers, opsPerWriter, timed.answers(), timed.wallNanos(),
                ticketId, Set.of(ticketId), 1, verdict);
    }

    /** Scenario 2: M first messages of one new conversation, sent at once. */
    private Scenario oneConversation(int messages, String otherTicketId) throws Exception {
        String conversation = prefix + "-conversation";
        List<Callable<List<Answer>>> senders = new ArrayList<>();
        for (int m = 0; m < messages; m++) {
            String messageId = "m" + (m + 1);
            String text = "first message " + messageId + " " + UUID.randomUUID() + ": hello, is anyone there?";
            senders.add(() -> List.of(send("chat", text, () -> client.chatResponse(conversation, messageId, text))));
        }
        Timed timed = together(senders);
        awaitIdle("after the first messages");

        String admin = client.token("bench-admin", "admin");
        Set<String> named = new LinkedHashSet<>();
        for (Answer a : timed.answers()) {
            if (a.acknowledged() && a.ticketId() != null) {
                named.add(a.ticketId());
            }
        }
        // Every ticket of the workspace but scenario 1's belongs to this conversation (the cloud is ours alone).
        List<String> created = new ArrayList<>();
        String cursor = null;
        do {
            String query = "/api/tickets?view=all&status=" + ALL_STATUSES + "&limit=100"
                    + (cursor == null ? "" : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8));
            JsonNode page = HelpdeskClient.expect(200, client.call("GET", query, admin, null));
            for (JsonNode item : page.path("items")) {
                String id = item.path("ticketId").asText();
                if (!id.equals(otherTicketId)) {
                    created.add(id);
                }
            }
            cursor = page.path("cursor").isTextual() ? page.path("cursor").asText() : null;
        } while (cursor != null);
        Set<String> tickets = new LinkedHashSet<>(created);
        tickets.addAll(named);
        // Each ticket's transcript; a text counts across all of them (a message stored in two tickets is a duplicate).
        Map<String, Map<String, Integer>> byTicket = new HashMap<>();
        Map<String, Integer> everywhere = new HashMap<>();
        for (String id : tickets) {
            HttpResponse<String> response = client.call("GET", "/api/tickets/" + id, admin, null);
            Map<String, Integer> texts = response.statusCode() == 200
                    ? texts(HelpdeskClient.expect(200, response).path("messages")) : Map.of();
            byTicket.put(id, texts);
            texts.forEach((text, count) -> everywhere.merge(text, count, Integer::sum));
        }
        // An acknowledged message must be in the ticket its answer named; any other answer's, anywhere.
        Verdict verdict = verdict(timed.answers(),
                answer -> answer.ticketId() == null ? Map.of() : byTicket.getOrDefault(answer.ticketId(), Map.of()),
                answer -> everywhere);
        return new Scenario("one conversation, " + messages + " first messages", messages, 1, timed.answers(),
                timed.wallNanos(), named.size() == 1 ? named.iterator().next() : null, named, new LinkedHashSet<>(created).size(),
                verdict);
    }

    private interface Request {
        HttpResponse<String> send() throws Exception;
    }

    /** Sends one request and records its answer. */
    private static Answer send(String kind, String text, Request request) {
        long start = System.nanoTime();
        try {
            HttpResponse<String> response = request.send();
            long nanos = System.nanoTime() - start;
            boolean retryAfter = response.headers().firstValue("Retry-After").isPresent();
            String body = response.body() == null ? "" : response.body();
            int status = response.statusCode();
            if (status >= 200 && status < 300) {
                return new Answer(kind, status, retryAfter, nanos, text, ticketIdOf(body), null);
            }
            return new Answer(kind, status, retryAfter, nanos, text, null, body.substring(0, Math.min(300, body.length())));
        } catch (Exception e) {
            return new Answer(kind, 0, false, System.nanoTime() - start, text, null, e.toString());
        }
    }

    /** The ticketId a 2xx answer's JSON body names, if any. */
    private static String ticketIdOf(String body) {
        try {
            String id = body.isBlank() ? "" : JSON.readTree(body).path("ticketId").asText("");
            return id.isEmpty() ? null : id;
        } catch (java.io.IOException e) {
            return null;
        }
    }

    private record Timed(List<Answer> answers, long wallNanos) {
    }

    /** Starts every task on a thread of its own, releases them together, and waits for all their answers. */
    private static Timed together(List<Callable<List<Answer>>> tasks) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(tasks.size());
        CountDownLatch ready = new CountDownLatch(tasks.size());
        CountDownLatch go = new CountDownLatch(1);
        List<Answer> answers = Collections.synchronizedList(new ArrayList<>());
        try {
            List<Future<?>> running = new ArrayList<>();
            for (Callable<List<Answer>> task : tasks) {
                running.add(pool.submit(() -> {
                    ready.countDown();
                    go.await();
                    answers.addAll(task.call());
                    return null;
                }));
            }
            if (!ready.await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the threads did not start");
            }
            long start = System.nanoTime();
            go.countDown();
            for (Future<?> f : running) {
                f.get(WAIT_SECONDS, TimeUnit.SECONDS);
            }
            return new Timed(List.copyOf(answers), System.nanoTime() - start);
        } finally {
            pool.shutdownNow();
        }
    }

    /** How many times each text occurs in a list of messages or notes. */
    private static Map<String, Integer> texts(JsonNode list) {
        Map<String, Integer> counts = new HashMap<>();
        for (JsonNode m : list) {
            counts.merge(m.path("text").asText(""), 1, Integer::sum);
        }
        return counts;
    }

    private interface Where {
        Map<String, Integer> of(Answer answer);
    }

    /**
     * The exactly-once check: an acknowledged text exactly once where its answer put it ({@code home}), and nowhere
     * else ({@code anywhere}); a refused text nowhere; a 5xx text at most once.
     */
    private static Verdict verdict(List<Answer> answers, Where home, Where anywhere) {
        int checked = 0;
        int acknowledged = 0;
        int lost = 0;
        int duplicated = 0;
        int refusedButStored = 0;
        int stored5xx = 0;
        int missing5xx = 0;
        int duplicated5xx = 0;
        List<String> problems = new ArrayList<>();
        for (Answer a : answers) {
            if (a.text() == null) {
                continue;
            }
            checked++;
            int inHome = home.of(a).getOrDefault(a.text(), 0);
            int total = anywhere.of(a).getOrDefault(a.text(), 0);
            if (a.acknowledged()) {
                acknowledged++;
                if (inHome == 0) {
                    lost++;
                    problems.add("lost (answered " + a.status() + ", stored " + total + "× elsewhere): " + a.text());
                } else if (inHome > 1 || total > 1) {
                    duplicated++;
                    problems.add("duplicated (" + Math.max(inHome, total) + "×): " + a.text());
                }
            } else if (a.serverError() || a.status() == 0) {
                if (total == 0) {
                    missing5xx++;
                } else {
                    stored5xx++;
                    if (total > 1) {
                        duplicated5xx++;
                        problems.add("duplicated (" + total + "×) after a " + a.status() + ": " + a.text());
                    }
                }
            } else if (total > 0) {
                refusedButStored++;
                problems.add("refused " + a.status() + " but stored " + total + "×: " + a.text());
            }
        }
        return new Verdict(true, checked, acknowledged, lost, duplicated, refusedButStored, stored5xx, missing5xx,
                duplicated5xx, List.copyOf(problems));
    }
}
