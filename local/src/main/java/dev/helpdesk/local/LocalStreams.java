package dev.helpdesk.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ExpiredIteratorException;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.StreamDescription;
import software.amazon.awssdk.services.dynamodb.model.TrimmedDataAccessException;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * The template's {@code Type: DynamoDB} event sources, as Lambda's event source mapping runs them: each polls its
 * table's stream on DynamoDB Local, or on the external endpoint of {@code --aws-endpoint} (DescribeTable for the
 * stream, DescribeStream for the shards, a parent's records before its children's, GetRecords in a loop) and invokes its function with the Lambda DynamoDB event, a batch at a
 * time in shard order. It honours the mapping's settings: {@code BatchSize}, {@code StartingPosition},
 * {@code FunctionResponseTypes: [ReportBatchItemFailures]} (retry from the first reported record),
 * {@code BisectBatchOnFunctionError} (halve the batch when the function throws), {@code MaximumRetryAttempts} and
 * {@code MaximumRecordAgeInSeconds}, after which the batch's description (as Lambda's on-failure destination gets
 * it) goes to the local dead letters. With a data directory the position is kept across restarts, as a deployed
 * mapping keeps it; in memory each start reads the stream from its beginning.
 *
 * <p>DynamoDB Local (and moto) shows a write's record to GetRecords as soon as the write returns, so an empty GetRecords that
 * began after a write means the write's record has been read: that is how {@link #awaitDrained} knows the stream is
 * drained.
 */
final class LocalStreams {
    /** Pause of a poller that found nothing to do; {@link #awaitDrained} wakes it at once. */
    static final long POLL_MILLIS = 25;
    /**
     * The same pause against an external DynamoDB (moto, LocalStack): moto keeps every shard iterator it hands out for
     * the life of the server (each GetRecords makes one), so an idle poller at 25 ms grows it by about 5 MB a minute
     * (moto 5.2). The pause only bounds how late a write that no local invocation made is seen: wakeAll still reads at once.
     */
    static final long EXTERNAL_POLL_MILLIS = 500;
    static final long FIRST_BACKOFF_MILLIS = 50;
    static final long MAX_BACKOFF_MILLIS = 1000;
    private static final long DESCRIBE_EVERY_NANOS = TimeUnit.SECONDS.toNanos(5);

    private final DynamoDbClient dynamo;
    private final DynamoDbStreamsClient streams;
    private final LocalEventBus bus;
    private final Path checkpointFile;
    private final List<Source> sources = new CopyOnWriteArrayList<>();
    private final AtomicLong invocations = new AtomicLong();
    /** When (nanoTime) the last invocation of any source ended: a later empty poll has seen what it wrote. */
    private final AtomicLong lastInvocationEnd = new AtomicLong(System.nanoTime());
    private final Map<String, Map<String, String>> savedCheckpoints = new ConcurrentHashMap<>();
    private volatile boolean running;
    private final long pollMillis;

    LocalStreams(URI dynamoEndpoint, LocalEventBus bus, Path dataDir) {
        this(dynamoEndpoint, bus, dataDir, POLL_MILLIS);
    }

    /** @param pollMillis how long a poller that found nothing waits before it reads again, unless woken */
    LocalStreams(URI dynamoEndpoint, LocalEventBus bus, Path dataDir, long pollMillis) {
        this.pollMillis = pollMillis;
        StaticCredentialsProvider credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"));
        this.dynamo = DynamoDbClient.builder().endpointOverride(dynamoEndpoint).region(Region.US_EAST_1)
                .credentialsProvider(credentials).httpClientBuilder(UrlConnectionHttpClient.builder()).build();
        this.streams = DynamoDbStreamsClient.builder().endpointOverride(dynamoEndpoint).region(Region.US_EAST_1)
                .credentialsProvider(credentials).httpClientBuilder(UrlConnectionHttpClient.builder()).build();
        this.bus = bus;
        this.checkpointFile = dataDir == null ? null : dataDir.resolve("stream-checkpoints.json");
        loadCheckpoints();
    }

    /** Adds an event source: its name (Function.Event), its table and the event's properties from the template. */
    void add(String name, String table, Map<String, Object> properties, LocalLambda target) {
        sources.add(new Source(name, table, properties, target));
    }

    List<String> sourceNames() {
        return sources.stream().map(s -> s.name).toList();
    }

    /** Finds each source's stream (a table without one fails here, at start-up) and starts its poller. */
    void start() {
        running = true;
        for (Source source : sources) {
            source.streamArn = dynamo.describeTable(b -> b.tableName(source.table)).table().latestStreamArn();
            if (source.streamArn == null) {
                throw new IllegalStateException(source.name + ": table " + source.table + " has no stream (StreamSpecification)");
            }
            source.describe();
            Thread thread = new Thread(source::run, "local-streams-" + source.name);
            thread.setDaemon(true);
            source.thread = thread;
            thread.start();
        }
    }

    /** Invocations made so far (LocalCloud.awaitIdle compares it before and after a round). */
    long invocations() {
        return invocations.get();
    }

    /**
     * Waits until every source has read everything written before {@code markNanos} (an empty GetRecords on each open
     * shard that began after it and after the last invocation) and has no batch pending or in flight; false on timeout.
     */
    /**
     * Every poller reads at once: the local cloud calls this after each function invocation, which may have written
     * to a table, so a record is read within milliseconds of its write instead of after the next pause.
     */
    void wakeAll() {
        sources.forEach(Source::wake);
    }

    boolean awaitDrained(long markNanos, long deadlineMillis) {
        while (!drained(markNanos)) {
            if (System.currentTimeMillis() > deadlineMillis) {
                return false;
            }
            sources.forEach(Source::wake);
            sleep(2);
        }
        return true;
    }

    private boolean drained(long markNanos) {
        long after = Math.max(markNanos, lastInvocationEnd.get());
        for (Source source : sources) {
            if (!source.drained(after)) {
                return false;
            }
        }
        return true;
    }

    void stop() {
        running = false;
        for (Source source : sources) {
            if (source.thread != null) {
                source.wake();
                try {
                    source.thread.join(5000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        streams.close();
        dynamo.close();
    }

    /** One shard as the poller knows it. Written by the poller's thread only; read by awaitDrained. */
    private static final class ShardState {
        final String shardId;
        final String parentId;
        volatile String iterator;
        volatile String checkpoint;
        volatile boolean finished;
        final List<Record> pending = new CopyOnWriteArrayList<>();
        int batchLength;
        int attempts;
        String lastError;
        long retryAtNanos;
        volatile long lastEmptyPollStart = Long.MIN_VALUE;

        ShardState(String shardId, String parentId, String checkpoint) {
            this.shardId = shardId;
            this.parentId = parentId;
            this.checkpoint = checkpoint;
        }
    }

    private final class Source {
        final String name;
        final String table;
        final LocalLambda target;
        final int batchSize;
        final boolean trimHorizon;
        final boolean reportFailures;
        final boolean bisect;
        final int maxRetries;
        final long maxAgeSeconds;
        final Map<String, ShardState> shards = new ConcurrentHashMap<>();
        final List<String> shardOrder = new CopyOnWriteArrayList<>();
        final Semaphore wakeUp = new Semaphore(0);
        volatile String streamArn;
        volatile Thread thread;
        long lastDescribe;

        Source(String name, String table, Map<String, Object> p, LocalLambda target) {
            this.name = name;
            this.table = table;
            this.target = target;
            this.batchSize = intOf(p.get("BatchSize"), 100);
            String start = String.valueOf(p.getOrDefault("StartingPosition", "TRIM_HORIZON"));
            if (!Set.of("TRIM_HORIZON", "LATEST").contains(start)) {
                throw new IllegalStateException(name + ": StartingPosition " + start + " is not served locally");
            }
            this.trimHorizon = start.equals("TRIM_HORIZON");
            this.reportFailures = p.get("FunctionResponseTypes") instanceof List<?> types && types.contains("ReportBatchItemFailures");
            this.bisect = Boolean.parseBoolean(String.valueOf(p.getOrDefault("BisectBatchOnFunctionError", "false")));
            this.maxRetries = intOf(p.get("MaximumRetryAttempts"), -1);
            this.maxAgeSeconds = intOf(p.get("MaximumRecordAgeInSeconds"), -1);
        }

        void wake() {
            wakeUp.release();
        }

        boolean drained(long afterNanos) {
            if (streamArn == null) {
                return false;
            }
            for (String shardId : shardOrder) {
                ShardState shard = shards.get(shardId);
                if (!shard.finished && (!shard.pending.isEmpty() || shard.lastEmptyPollStart - afterNanos <= 0
                        || shard.lastEmptyPollStart == Long.MIN_VALUE)) {
                    return false;
                }
            }
            return true;
        }

        void run() {
            while (running) {
                boolean worked = false;
                // A wake-up that arrives while this round reads is kept for the wait below, so none is lost.
                wakeUp.drainPermits();
                try {
                    if (System.nanoTime() - lastDescribe > DESCRIBE_EVERY_NANOS) {
                        describe();
                    }
                    for (String shardId : shardOrder) {
                        ShardState shard = shards.get(shardId);
                        ShardState parent = shard.parentId == null ? null : shards.get(shard.parentId);
                        if (shard.finished || (parent != null && !parent.finished)) {
                            continue;
                        }
                        worked |= step(shard);
                    }
                } catch (RuntimeException e) {
                    if (!running) {
                        return;
                    }
                    System.err.println("[local-streams] " + name + ": " + e);
                    sleep(MAX_BACKOFF_MILLIS);
                }
                if (!worked) {
                    try {
                        wakeUp.tryAcquire(pollMillis, TimeUnit.MILLISECONDS);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }
        }

        /** Adds the shards DescribeStream lists that are new (DynamoDB rolls shards; a child follows its parent). */
        void describe() {
            lastDescribe = System.nanoTime();
            List<Shard> listed = new ArrayList<>();
            String last = null;
            do {
                String from = last;
                StreamDescription d = streams.describeStream(b -> b.streamArn(streamArn).exclusiveStartShardId(from)).streamDescription();
                listed.addAll(d.shards());
                last = d.lastEvaluatedShardId();
            } while (last != null);
            Map<String, String> saved = savedCheckpoints.getOrDefault(name + "|" + streamArn, Map.of());
            for (Shard s : listed) {
                if (!shards.containsKey(s.shardId())) {
                    // A parent no longer listed (trimmed) is done.
                    String parent = s.parentShardId() != null && listed.stream().anyMatch(o -> o.shardId().equals(s.parentShardId()))
                            ? s.parentShardId() : null;
                    shards.put(s.shardId(), new ShardState(s.shardId(), parent, saved.get(s.shardId())));
                    shardOrder.add(s.shardId());
                }
            }
        }

        /** One step on a shard: a pending batch's (re)try when due, else one GetRecords. True if it did something. */
        boolean step(ShardState shard) {
            if (!shard.pending.isEmpty()) {
                if (System.nanoTime() - shard.retryAtNanos < 0) {
                    return false;
                }
                invoke(shard);
                return true;
            }
            if (shard.iterator == null) {
                shard.iterator = iterator(shard);
            }
            long started = System.nanoTime();
            GetRecordsResponse response;
            try {
                String it = shard.iterator;
                response = streams.getRecords(b -> b.shardIterator(it).limit(batchSize));
            } catch (ExpiredIteratorException | TrimmedDataAccessException e) {
                shard.iterator = null;
                return true;
            } catch (ResourceNotFoundException e) {
                describe();
                shard.iterator = null;
                return true;
            }
            shard.iterator = response.nextShardIterator();
            if (response.records().isEmpty()) {
                if (shard.iterator == null) {
                    // Closed and read to its end: its children (listed now) take over; they must be known before it
                    // is marked finished, or awaitDrained could see neither.
                    describe();
                    shard.finished = true;
                    return true;
                }
                shard.lastEmptyPollStart = started;
                return false;
            }
            shard.pending.addAll(response.records());
            shard.batchLength = Math.min(batchSize, shard.pending.size());
            shard.attempts = 0;
            invoke(shard);
            return true;
        }

        private String iterator(ShardState shard) {
            if (shard.checkpoint != null) {
                return streams.getShardIterator(b -> b.streamArn(streamArn).shardId(shard.shardId)
                        .shardIteratorType(ShardIteratorType.AFTER_SEQUENCE_NUMBER).sequenceNumber(shard.checkpoint)).shardIterator();
            }
            ShardIteratorType type = trimHorizon ? ShardIteratorType.TRIM_HORIZON : ShardIteratorType.LATEST;
            return streams.getShardIterator(b -> b.streamArn(streamArn).shardId(shard.shardId).shardIteratorType(type)).shardIterator();
        }

        /** Invokes the function with the shard's current batch and settles the outcome. */
        private void invoke(ShardState shard) {
            List<Record> batch = new ArrayList<>(shard.pending.subList(0, shard.batchLength));
            int aged = agedPrefix(batch);
            if (aged > 0) {
                deadLetter(shard, batch.subList(0, aged), "RecordAgeExceeded", null);
                done(shard, aged);
                return;
            }
            invocations.incrementAndGet();
            int failedAt;
            String error;
            boolean threw = false;
            try {
                String output = target.invoke(eventJson(batch));
                failedAt = reportFailures ? firstReportedFailure(output, batch) : -1;
                error = failedAt < 0 ? null : "the function reported record " + batch.get(failedAt).dynamodb().sequenceNumber() + " as failed";
            } catch (Throwable e) {
                threw = true;
                failedAt = 0;
                error = e.getClass().getSimpleName() + ": " + e.getMessage();
            }
            lastInvocationEnd.set(System.nanoTime());
            if (failedAt < 0) {
                done(shard, batch.size());
                return;
            }
            if (failedAt > 0) {
                done(shard, failedAt);
            }
            shard.attempts++;
            shard.lastError = error;
            int failing = batch.size() - failedAt;
            System.err.println("[local-streams] " + name + " → " + target.functionId() + " attempt " + shard.attempts
                    + " failed at " + batch.get(failedAt).dynamodb().sequenceNumber() + ": " + error);
            if (maxRetries >= 0 && shard.attempts > maxRetries) {
                deadLetter(shard, batch.subList(failedAt, batch.size()), "RetryAttemptsExhausted", error);
                done(shard, failing);
                return;
            }
            // A function error halves the batch to find the record that breaks it; a reported failure retries from it.
            shard.batchLength = threw && bisect && failing > 1 ? (failing + 1) / 2 : failing;
            shard.retryAtNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(backoffMillis(shard.attempts));
        }

        /** The first {@code count} pending records are done: the position moves past them. */
        private void done(ShardState shard, int count) {
            if (count <= 0) {
                return;
            }
            shard.checkpoint = shard.pending.get(count - 1).dynamodb().sequenceNumber();
            lastInvocationEnd.set(System.nanoTime());
            List<Record> rest = new ArrayList<>(shard.pending.subList(count, shard.pending.size()));
            shard.pending.clear();
            shard.pending.addAll(rest);
            shard.batchLength = Math.min(batchSize, rest.size());
            shard.attempts = 0;
            saveCheckpoints();
        }

        /** How many records at the batch's head are older than MaximumRecordAgeInSeconds. */
        private int agedPrefix(List<Record> batch) {
            if (maxAgeSeconds < 0) {
                return 0;
            }
            Instant oldest = Instant.now().minusSeconds(maxAgeSeconds);
            int n = 0;
            while (n < batch.size() && batch.get(n).dynamodb().approximateCreationDateTime() != null
                    && batch.get(n).dynamodb().approximateCreationDateTime().isBefore(oldest)) {
                n++;
            }
            return n;
        }

        /** What Lambda's on-failure destination receives for a stream batch: where it is, not the records. */
        private void deadLetter(ShardState shard, List<Record> records, String condition, String error) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("requestContext", Map.of("requestId", UUID.randomUUID().toString(),
                    "functionArn", "arn:aws:lambda:" + Intrinsics.REGION + ":" + Intrinsics.ACCOUNT + ":function:" + target.functionId(),
                    "condition", condition, "approximateInvokeCount", shard.attempts));
            entry.put("version", "1.0");
            entry.put("timestamp", Instant.now().toString());
            Map<String, Object> info = new LinkedHashMap<>();
            info.put("shardId", shard.shardId);
            info.put("startSequenceNumber", records.get(0).dynamodb().sequenceNumber());
            info.put("endSequenceNumber", records.get(records.size() - 1).dynamodb().sequenceNumber());
            info.put("approximateArrivalOfFirstRecord", String.valueOf(records.get(0).dynamodb().approximateCreationDateTime()));
            info.put("approximateArrivalOfLastRecord", String.valueOf(records.get(records.size() - 1).dynamodb().approximateCreationDateTime()));
            info.put("batchSize", records.size());
            info.put("streamArn", streamArn);
            entry.put("DDBStreamBatchInfo", info);
            Map<String, Object> why = new LinkedHashMap<>();
            why.put("source", name);
            why.put("error", error == null ? condition : error);
            entry.put("deadLetter", why);
            System.err.println("[local-streams] " + name + ": gave up on " + records.size() + " records of " + shard.shardId
                    + " (" + condition + ")");
            bus.deadLetter(entry);
        }

        /** Index in the batch of the lowest record the response names; -1 for none; 0 when it names one not in it. */
        private int firstReportedFailure(String output, List<Record> batch) throws IOException {
            JsonNode response = output == null ? null : Exchanges.JSON.readTree(output);
            JsonNode failures = response == null ? null : response.path("batchItemFailures");
            if (failures == null || !failures.isArray() || failures.isEmpty()) {
                return -1;
            }
            int lowest = Integer.MAX_VALUE;
            for (JsonNode failure : failures) {
                String id = failure.path("itemIdentifier").asText("");
                int index = -1;
                for (int i = 0; i < batch.size(); i++) {
                    if (batch.get(i).dynamodb().sequenceNumber().equals(id)) {
                        index = i;
                        break;
                    }
                }
                // Lambda treats an empty or unknown identifier as the whole batch failing.
                lowest = Math.min(lowest, Math.max(index, 0));
            }
            return lowest;
        }

        private String eventJson(List<Record> batch) throws IOException {
            ObjectNode event = Exchanges.JSON.createObjectNode();
            ArrayNode records = event.putArray("Records");
            for (Record r : batch) {
                ObjectNode record = records.addObject();
                record.put("eventID", r.eventID());
                record.put("eventName", r.eventNameAsString());
                record.put("eventVersion", r.eventVersion() == null ? "1.1" : r.eventVersion());
                record.put("eventSource", "aws:dynamodb");
                record.put("awsRegion", Intrinsics.REGION);
                ObjectNode db = record.putObject("dynamodb");
                if (r.dynamodb().approximateCreationDateTime() != null) {
                    db.put("ApproximateCreationDateTime", r.dynamodb().approximateCreationDateTime().getEpochSecond());
                }
                db.set("Keys", DynamoJson.item(r.dynamodb().keys()));
                if (r.dynamodb().hasNewImage()) {
                    db.set("NewImage", DynamoJson.item(r.dynamodb().newImage()));
                }
                if (r.dynamodb().hasOldImage()) {
                    db.set("OldImage", DynamoJson.item(r.dynamodb().oldImage()));
                }
                db.put("SequenceNumber", r.dynamodb().sequenceNumber());
                db.put("SizeBytes", r.dynamodb().sizeBytes());
                db.put("StreamViewType", r.dynamodb().streamViewTypeAsString());
                record.put("eventSourceARN", streamArn);
            }
            return Exchanges.JSON.writeValueAsString(event);
        }
    }

    private static long backoffMillis(int attempts) {
        return Math.min(MAX_BACKOFF_MILLIS, FIRST_BACKOFF_MILLIS << Math.min(attempts - 1, 10));
    }

    private static int intOf(Object value, int fallback) {
        return value == null ? fallback : Integer.parseInt(String.valueOf(value));
    }

    /** Positions kept in the data directory: {"Function.Event|streamArn": {shardId: sequenceNumber}}. */
    private void loadCheckpoints() {
        if (checkpointFile == null || !Files.isRegularFile(checkpointFile)) {
            return;
        }
        try {
            JsonNode saved = Exchanges.JSON.readTree(checkpointFile.toFile());
            saved.fields().forEachRemaining(source -> {
                Map<String, String> shards = new ConcurrentHashMap<>();
                source.getValue().fields().forEachRemaining(s -> shards.put(s.getKey(), s.getValue().asText()));
                savedCheckpoints.put(source.getKey(), shards);
            });
        } catch (IOException e) {
            System.err.println("[local-streams] ignoring unreadable " + checkpointFile + ": " + e.getMessage());
        }
    }

    private synchronized void saveCheckpoints() {
        if (checkpointFile == null) {
            return;
        }
        Map<String, Map<String, String>> all = new LinkedHashMap<>();
        for (Source source : sources) {
            Map<String, String> positions = new LinkedHashMap<>();
            source.shards.forEach((id, shard) -> {
                if (shard.checkpoint != null) {
                    positions.put(id, shard.checkpoint);
                }
            });
            all.put(source.name + "|" + source.streamArn, positions);
        }
        try {
            Path tmp = checkpointFile.resolveSibling(checkpointFile.getFileName() + ".tmp");
            Exchanges.JSON.writeValue(tmp.toFile(), all);
            Files.move(tmp, checkpointFile, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            System.err.println("[local-streams] could not keep the stream position: " + e.getMessage());
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
