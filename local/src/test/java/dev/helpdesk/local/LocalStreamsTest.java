package dev.helpdesk.local;

import static org.junit.jupiter.api.Assertions.*;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;

/**
 * The local event source mapping against DynamoDB Local's stream, with a recording function: the settings of a
 * {@code Type: DynamoDB} event behave as Lambda's (starting position, batch size, reported failures, bisection,
 * retries and the on-failure record), and the records arrive as the Lambda runtime would hand them over.
 */
class LocalStreamsTest {
    private DynamoDbClient dynamo;
    private LocalEventBus bus;
    private LocalStreams streams;
    private String table;

    @BeforeEach
    void table() throws Exception {
        LocalCloud cloud = SharedCloud.get();
        dynamo = DynamoDbClient.builder().endpointOverride(URI.create(cloud.endpoints().get("dynamodb"))).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClientBuilder(UrlConnectionHttpClient.builder()).build();
        table = "streams-" + UUID.randomUUID();
        dynamo.createTable(b -> b.tableName(table).billingMode("PAY_PER_REQUEST")
                .attributeDefinitions(a -> a.attributeName("PK").attributeType("S"))
                .keySchema(k -> k.attributeName("PK").keyType("HASH"))
                .streamSpecification(s -> s.streamEnabled(true).streamViewType(StreamViewType.NEW_AND_OLD_IMAGES)));
        bus = new LocalEventBus("streams-test");
        streams = new LocalStreams(URI.create(cloud.endpoints().get("dynamodb")), bus, null);
        StreamRecorder.BATCHES.clear();
        StreamRecorder.answer = event -> new StreamsEventResponse(List.of());
    }

    @AfterEach
    void stop() {
        streams.stop();
        StreamRecorder.answer = event -> new StreamsEventResponse(List.of());
        dynamo.deleteTable(b -> b.tableName(table));
        dynamo.close();
    }

    private void start(Map<String, Object> properties) {
        streams.add("Recorder.Stream", table, properties, new LocalLambda("RecorderFunction", StreamRecorder.class.getName(), java.util.Map.of()));
        streams.start();
    }

    private void put(String... keys) {
        for (String key : keys) {
            dynamo.putItem(b -> b.tableName(table).item(Map.of("PK", AttributeValue.fromS(key), "n", AttributeValue.fromN("1"))));
        }
    }

    private void drain() {
        assertTrue(streams.awaitDrained(System.nanoTime(), System.currentTimeMillis() + 30_000), "the stream drains");
    }

    private static List<String> delivered() {
        List<String> keys = new ArrayList<>();
        StreamRecorder.BATCHES.forEach(b -> keys.addAll(StreamRecorder.keys(b)));
        return keys;
    }

    @Test
    @DisplayName("TRIM_HORIZON: records written before the first poll are delivered, in order, as Lambda's event")
    void readsFromTheOldestRecord() {
        put("a", "b", "c");
        start(Map.of("StartingPosition", "TRIM_HORIZON", "BatchSize", 100));
        drain();
        assertEquals(List.of("a", "b", "c"), delivered());
        DynamodbEvent.DynamodbStreamRecord first = StreamRecorder.BATCHES.get(0).getRecords().get(0);
        assertEquals("aws:dynamodb", first.getEventSource());
        assertEquals("INSERT", first.getEventName());
        assertEquals("1", first.getDynamodb().getNewImage().get("n").getN());
        assertNull(first.getDynamodb().getOldImage());
        assertNotNull(first.getDynamodb().getSequenceNumber());
        assertNotNull(first.getDynamodb().getApproximateCreationDateTime());
        assertEquals("NEW_AND_OLD_IMAGES", first.getDynamodb().getStreamViewType());
        assertTrue(first.getEventSourceARN().contains(table));

        // A write that changes nothing makes no record (as in DynamoDB); one that changes the item, a MODIFY with both images.
        put("a");
        dynamo.putItem(b -> b.tableName(table).item(Map.of("PK", AttributeValue.fromS("a"), "n", AttributeValue.fromN("2"))));
        drain();
        assertEquals(List.of("a", "b", "c", "a"), delivered());
        DynamodbEvent.DynamodbStreamRecord modify = StreamRecorder.BATCHES.get(StreamRecorder.BATCHES.size() - 1).getRecords().get(0);
        assertEquals("MODIFY", modify.getEventName());
        assertEquals("1", modify.getDynamodb().getOldImage().get("n").getN());
        assertEquals("2", modify.getDynamodb().getNewImage().get("n").getN());
    }

    @Test
    @DisplayName("BatchSize caps each invocation; the shard's order holds across batches")
    void batchesAtMostBatchSize() {
        String[] keys = IntStream.range(0, 7).mapToObj(i -> "k" + i).toArray(String[]::new);
        put(keys);
        start(Map.of("StartingPosition", "TRIM_HORIZON", "BatchSize", 3));
        drain();
        assertEquals(List.of(keys), delivered());
        assertTrue(StreamRecorder.BATCHES.stream().allMatch(b -> b.getRecords().size() <= 3));
    }

    @Test
    @DisplayName("ReportBatchItemFailures: the batch is retried from the reported record, never before it")
    void retriesFromTheReportedRecord() {
        put("a", "b", "c");
        StreamRecorder.answer = event -> {
            List<String> keys = StreamRecorder.keys(event);
            if (StreamRecorder.BATCHES.size() == 1) {
                String failed = event.getRecords().get(keys.indexOf("b")).getDynamodb().getSequenceNumber();
                return new StreamsEventResponse(List.of(new StreamsEventResponse.BatchItemFailure(failed)));
            }
            return new StreamsEventResponse(List.of());
        };
        start(Map.of("StartingPosition", "TRIM_HORIZON", "FunctionResponseTypes", List.of("ReportBatchItemFailures"),
                "MaximumRetryAttempts", 3));
        drain();
        assertEquals(List.of(List.of("a", "b", "c"), List.of("b", "c")),
                StreamRecorder.BATCHES.stream().map(StreamRecorder::keys).toList());
        assertTrue(bus.deadLetters().isEmpty());
    }

    @Test
    @DisplayName("BisectBatchOnFunctionError, then the retries run out: the failing record's batch goes to the dead letters")
    void bisectsAndDeadLettersAfterTheRetries() {
        put("a", "b", "c", "d");
        StreamRecorder.answer = event -> {
            if (StreamRecorder.keys(event).contains("c")) {
                throw new IllegalStateException("c is poison");
            }
            return new StreamsEventResponse(List.of());
        };
        start(Map.of("StartingPosition", "TRIM_HORIZON", "FunctionResponseTypes", List.of("ReportBatchItemFailures"),
                "BisectBatchOnFunctionError", true, "MaximumRetryAttempts", 2));
        drain();
        // [a b c d] fails, [a b] succeeds; [c d] fails, [c] fails twice more: its two retries are spent, c is given up
        // and d goes on.
        assertEquals(List.of(List.of("a", "b", "c", "d"), List.of("a", "b"), List.of("c", "d"), List.of("c"), List.of("c"), List.of("d")),
                StreamRecorder.BATCHES.stream().map(StreamRecorder::keys).toList());
        assertEquals(1, bus.deadLetters().size());
        Map<?, ?> info = (Map<?, ?>) bus.deadLetters().get(0).get("DDBStreamBatchInfo");
        assertEquals(1, info.get("batchSize"));
        assertEquals("RetryAttemptsExhausted", ((Map<?, ?>) bus.deadLetters().get(0).get("requestContext")).get("condition"));
        assertTrue(String.valueOf(bus.deadLetters().get(0).get("deadLetter")).contains("c is poison"));
    }
}
