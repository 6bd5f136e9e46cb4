package dev.helpdesk.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import software.amazon.event.ruler.Machine;

/**
 * EventBridge for the local cloud: the PutEvents wire protocol, the rules and patterns of template.yaml matched
 * by AWS's Event Ruler, and asynchronous delivery of the envelope to each matching function, with retries and a
 * dead-letter list as the rule's RetryPolicy and DeadLetterConfig would give.
 */
final class LocalEventBus {
    static final int MAX_ATTEMPTS = 3;
    private static final int LOG_LIMIT = 10_000;

    /** One event as it went over the bus, and where it was delivered. */
    record Delivery(String rule, String functionId, String outcome, int attempts, String error) {
    }

    record Logged(Map<String, Object> envelope, List<Delivery> deliveries) {
    }

    private final String busName;
    private final Machine machine = new Machine();
    private final Map<String, LocalLambda> targets = new LinkedHashMap<>();
    private final ExecutorService deliveries = Executors.newFixedThreadPool(4, r -> {
        Thread t = new Thread(r, "local-eventbridge");
        t.setDaemon(true);
        return t;
    });
    private final ConcurrentLinkedDeque<Logged> log = new ConcurrentLinkedDeque<>();
    private final ConcurrentLinkedDeque<Map<String, Object>> deadLetters = new ConcurrentLinkedDeque<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    /** Events accepted so far (put, or delivered directly): LocalCloud.awaitIdle sees new work by it. */
    private final java.util.concurrent.atomic.AtomicLong accepted = new java.util.concurrent.atomic.AtomicLong();
    private final List<Consumer<Map<String, Object>>> listeners = new CopyOnWriteArrayList<>();
    /** Fault injection: while set, PutEvents answers 500 as EventBridge does in an outage. */
    private volatile boolean failing;

    LocalEventBus(String busName) {
        this.busName = busName;
    }

    String busName() {
        return busName;
    }

    /** Adds a rule: its name, its pattern (JSON) and the function it targets. An invalid pattern throws. */
    void addRule(String ruleName, String patternJson, LocalLambda target) throws Exception {
        machine.addRule(ruleName, patternJson);
        targets.put(ruleName, target);
    }

    void setFailing(boolean nowFailing) {
        failing = nowFailing;
    }

    /** The next {@code count} valid entries are refused one by one (FailedEntryCount > 0), as EventBridge may. */
    void failEntries(int count) {
        entriesToFail.set(count);
    }

    private final java.util.concurrent.atomic.AtomicInteger entriesToFail = new java.util.concurrent.atomic.AtomicInteger();
    /** PutEvents' limit on the entries of one request together (Detail, DetailType, Source, Resources). */
    static final int MAX_REQUEST_BYTES = 256 * 1024;

    /** Serves {@code AWSEvents.PutEvents} as the AWS SDK sends it. */
    void handle(HttpExchange exchange) throws IOException {
        if (failing) {
            exchange.getRequestBody().readAllBytes();
            awsError(exchange, 500, "InternalException", "injected fault: the local bus is down");
            return;
        }
        String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
        if (!"POST".equals(exchange.getRequestMethod()) || !"AWSEvents.PutEvents".equals(target)) {
            awsError(exchange, 400, "UnknownOperationException", "only AWSEvents.PutEvents is served locally, not " + target);
            return;
        }
        byte[] body = Exchanges.readBody(exchange, 1024 * 1024);
        if (body == null) {
            awsError(exchange, 413, "ValidationException", "request too large");
            return;
        }
        JsonNode request;
        try {
            request = Exchanges.JSON.readTree(body);
        } catch (IOException e) {
            awsError(exchange, 400, "SerializationException", "body is not JSON");
            return;
        }
        long size = 0;
        for (JsonNode entry : request.path("Entries")) {
            size += bytes(entry.path("Detail").asText("")) + bytes(entry.path("DetailType").asText(""))
                    + bytes(entry.path("Source").asText(""));
        }
        if (size > MAX_REQUEST_BYTES) {
            // As EventBridge: the whole request is refused, nothing is put.
            awsError(exchange, 400, "ValidationException", "Total size of the entries in the request is over the limit.");
            return;
        }
        List<Map<String, Object>> results = new ArrayList<>();
        int failed = 0;
        for (JsonNode entry : request.path("Entries")) {
            String error = validate(entry);
            if (error != null) {
                failed++;
                results.add(Map.of("ErrorCode", "MalformedDetail", "ErrorMessage", error));
                continue;
            }
            if (entriesToFail.getAndUpdate(n -> n > 0 ? n - 1 : n) > 0) {
                failed++;
                results.add(Map.of("ErrorCode", "InternalFailure", "ErrorMessage", "injected fault: this entry was not put"));
                continue;
            }
            results.add(Map.of("EventId", put(entry)));
        }
        Exchanges.send(exchange, 200, "application/x-amz-json-1.1",
                Exchanges.JSON.writeValueAsBytes(Map.of("FailedEntryCount", failed, "Entries", results)));
    }

    private static int bytes(String text) {
        return text.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
    }

    private String validate(JsonNode entry) {
        String bus = entry.path("EventBusName").asText("default");
        // The local cloud has one bus: events put on the account's default bus (boto3 or the CLI without a bus name)
        // reach the helpdesk bus's rules here, where AWS would keep them on the default bus (README: differences).
        if (!bus.equals(busName) && !bus.endsWith(":event-bus/" + busName) && !bus.equals("default")
                && !bus.endsWith(":event-bus/default")) {
            return "no event bus " + bus + " (the local bus is " + busName + ")";
        }
        if (entry.path("Source").asText("").isEmpty() || entry.path("DetailType").asText("").isEmpty()) {
            return "Source and DetailType are required";
        }
        try {
            JsonNode detail = Exchanges.JSON.readTree(entry.path("Detail").asText("{}"));
            return detail.isObject() ? null : "Detail must be a JSON object";
        } catch (IOException e) {
            return "Detail is not valid JSON";
        }
    }

    /** Puts one event on the bus and returns its id; delivery to matching targets happens asynchronously. */
    private String put(JsonNode entry) throws IOException {
        String id = UUID.randomUUID().toString();
        ObjectNode envelope = Exchanges.JSON.createObjectNode();
        envelope.put("version", "0");
        envelope.put("id", id);
        envelope.put("detail-type", entry.path("DetailType").asText());
        envelope.put("source", entry.path("Source").asText());
        envelope.put("account", Intrinsics.ACCOUNT);
        envelope.put("time", entry.hasNonNull("Time") ? timeOf(entry.get("Time")) : Instant.now().toString());
        envelope.put("region", Intrinsics.REGION);
        envelope.set("resources", entry.has("Resources") ? entry.get("Resources") : Exchanges.JSON.createArrayNode());
        envelope.set("detail", Exchanges.JSON.readTree(entry.path("Detail").asText("{}")));
        dispatch(envelope);
        return id;
    }

    private static String timeOf(JsonNode time) {
        // The SDK sends Time as epoch seconds (a number); EventBridge envelopes carry ISO-8601 without fraction.
        return time.isNumber() ? Instant.ofEpochMilli((long) (time.asDouble() * 1000)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString()
                : time.asText();
    }

    /** Matches an envelope against every rule and delivers it to each match. Also used by the schedules. */
    void dispatch(ObjectNode envelope) throws IOException {
        String json = Exchanges.JSON.writeValueAsString(envelope);
        List<String> rules;
        try {
            rules = machine.rulesForJSONEvent(json);
        } catch (Exception e) {
            throw new IOException("event could not be matched: " + e.getMessage(), e);
        }
        List<Delivery> results = new java.util.concurrent.CopyOnWriteArrayList<>();
        @SuppressWarnings("unchecked")
        Map<String, Object> asMap = Exchanges.JSON.convertValue(envelope, Map.class);
        accepted.incrementAndGet();
        remember(new Logged(asMap, results));
        listeners.forEach(listener -> listener.accept(asMap));
        for (String rule : rules) {
            LocalLambda target = targets.get(rule);
            inFlight.incrementAndGet();
            deliveries.submit(() -> deliver(rule, target, json, asMap, results));
        }
    }

    /** Direct delivery of an envelope to one function (a schedule's target), with the same retry and logging. */
    void deliverTo(String ruleName, LocalLambda target, ObjectNode envelope) throws IOException {
        String json = Exchanges.JSON.writeValueAsString(envelope);
        @SuppressWarnings("unchecked")
        Map<String, Object> asMap = Exchanges.JSON.convertValue(envelope, Map.class);
        List<Delivery> results = new java.util.concurrent.CopyOnWriteArrayList<>();
        accepted.incrementAndGet();
        remember(new Logged(asMap, results));
        inFlight.incrementAndGet();
        deliveries.submit(() -> deliver(ruleName, target, json, asMap, results));
    }

    private void deliver(String rule, LocalLambda target, String json, Map<String, Object> envelope, List<Delivery> results) {
        try {
            String lastError = null;
            for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
                try {
                    target.invoke(json);
                    results.add(new Delivery(rule, target.functionId(), "delivered", attempt, null));
                    return;
                } catch (Throwable e) {
                    lastError = e.getClass().getSimpleName() + ": " + e.getMessage();
                    System.err.println("[local-eventbridge] " + rule + " → " + target.functionId() + " attempt " + attempt
                            + " failed: " + lastError);
                    sleep(100L * attempt * attempt);
                }
            }
            results.add(new Delivery(rule, target.functionId(), "dead-lettered", MAX_ATTEMPTS, lastError));
            Map<String, Object> dead = new LinkedHashMap<>(envelope);
            dead.put("deadLetter", Map.of("rule", rule, "error", lastError));
            deadLetters.add(dead);
        } finally {
            inFlight.decrementAndGet();
        }
    }

    private void remember(Logged logged) {
        log.addLast(logged);
        while (log.size() > LOG_LIMIT) {
            log.pollFirst();
        }
    }

    /** Calls the listener with every event put on the bus, as it is accepted (before any delivery). */
    AutoCloseable listen(Consumer<Map<String, Object>> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    List<Logged> log() {
        return List.copyOf(log);
    }

    List<Map<String, Object>> deadLetters() {
        return List.copyOf(deadLetters);
    }

    /** Keeps what another event source gave up on (the table stream's failed batches) with the bus's own. */
    void deadLetter(Map<String, Object> entry) {
        deadLetters.add(entry);
    }

    long accepted() {
        return accepted.get();
    }

    boolean idle() {
        return inFlight.get() == 0;
    }

    /** Waits until no delivery is pending (tests and the demo use it); false on timeout. */
    boolean awaitIdle(long timeoutMillis) {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (inFlight.get() > 0) {
            if (System.currentTimeMillis() > deadline) {
                return false;
            }
            sleep(20);
        }
        return true;
    }

    void stop() {
        deliveries.shutdown();
        try {
            deliveries.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void awsError(HttpExchange exchange, int status, String type, String message) throws IOException {
        exchange.getResponseHeaders().set("x-amzn-ErrorType", type);
        Exchanges.send(exchange, status, "application/x-amz-json-1.1",
                Exchanges.JSON.writeValueAsBytes(Map.of("__type", type, "message", message)));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
