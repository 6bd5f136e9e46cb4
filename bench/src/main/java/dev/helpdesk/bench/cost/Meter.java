package dev.helpdesk.bench.cost;

import dev.helpdesk.local.Invocations;
import dev.helpdesk.store.TableDesign;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.AwsExecutionAttribute;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseResponse;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequest;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;

/**
 * Meters what AWS bills, from the SDK calls the functions really make: an execution interceptor that every SDK
 * client in this JVM loads (this module's {@code software/amazon/awssdk/global/handlers/execution.interceptors}),
 * so the functions run unchanged. It asks DynamoDB for the consumed capacity on every call and sums what
 * DynamoDB reports (reads and writes apart, indexes included); counts EventBridge entries in 64 KB chunks as
 * EventBridge bills them; sums the token usage Bedrock returns. Each call is put on the function running on the
 * calling thread ({@link Invocations#current()}); calls made outside any function go to {@link #OUTSIDE}.
 *
 * <p>Except for TransactWriteItems: DynamoDB Local does not model transactional capacity (its figure neither
 * doubles per item nor follows the items' sizes and index moves), so the meter prices every transaction the way
 * AWS documents it, from the items themselves ({@link #price}): it reads each targeted item's image before the
 * transaction is sent and after it succeeded (consistent GetItems through a client of its own, not metered), and
 * keeps Local's figure apart ({@link Totals#localTransactWriteUnits()}) for comparison. Single-item writes and
 * BatchWriteItem are priced right by Local and stay as it reports them.
 */
public final class Meter implements ExecutionInterceptor {
    public static final String OUTSIDE = "(outside functions)";
    private static final long EVENT_CHUNK = 64 * 1024;
    private static final Map<String, Usage> USAGE = new ConcurrentHashMap<>();
    /** Write units by the shape of the call that spent them ({@link #shape}), to show where the units go. */
    private static final Map<String, DoubleAdder> WRITES_BY_SHAPE = new ConcurrentHashMap<>();
    /** Set while the meter itself reads items: every hook of those calls passes them through, uncounted. */
    private static final ThreadLocal<Boolean> OWN_CALL = ThreadLocal.withInitial(() -> false);
    /**
     * Metering is on only while a cost run (or its test) asks for it: the interceptor is loaded into every SDK client
     * of any JVM that has the bench jar, and pricing a transaction reads its items twice, which would slow the
     * latency and contention benchmarks down (measured: a chat webhook 56 → 131 ms).
     */
    private static volatile boolean active;

    /** Turns metering on or off for the whole JVM. */
    public static void active(boolean on) {
        active = on;
    }

    private static boolean off() {
        return !active || OWN_CALL.get();
    }
    /** One unmetered reader per DynamoDB endpoint the metered clients talk to. */
    private static final Map<String, DynamoDbClient> READERS = new ConcurrentHashMap<>();
    /** A transaction's items as they were before it was sent (null for an item that did not exist). */
    private static final ExecutionAttribute<List<Map<String, AttributeValue>>> BEFORE_IMAGES =
            new ExecutionAttribute<>("dev.helpdesk.bench.cost.Meter.beforeImages");

    /** What one function used. */
    public static final class Usage {
        final DoubleAdder readUnits = new DoubleAdder();
        final DoubleAdder writeUnits = new DoubleAdder();
        final LongAdder dynamoCalls = new LongAdder();
        final LongAdder eventEntries = new LongAdder();
        final LongAdder eventChunks = new LongAdder();
        final LongAdder modelCalls = new LongAdder();
        final LongAdder inputTokens = new LongAdder();
        final LongAdder outputTokens = new LongAdder();
        final LongAdder emails = new LongAdder();
        final DoubleAdder indexWriteUnits = new DoubleAdder();
        final DoubleAdder localTransactWriteUnits = new DoubleAdder();
        final DoubleAdder transactWriteUnits = new DoubleAdder();
    }

    /** A frozen copy of one function's usage. */
    /**
     * @param indexWriteUnits the part of {@code writeUnits} spent keeping global secondary indexes up to date
     * @param transactWriteUnits the part of {@code writeUnits} spent in TransactWriteItems, as the meter priced it
     * @param localTransactWriteUnits what DynamoDB Local reported for those same transactions (not in {@code writeUnits})
     */
    public record Totals(double readUnits, double writeUnits, long dynamoCalls, long eventEntries, long eventChunks,
                         long modelCalls, long inputTokens, long outputTokens, long emails, double indexWriteUnits,
                         double transactWriteUnits, double localTransactWriteUnits) {
        static final Totals ZERO = new Totals(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

        Totals plus(Totals o) {
            return new Totals(readUnits + o.readUnits, writeUnits + o.writeUnits, dynamoCalls + o.dynamoCalls,
                    eventEntries + o.eventEntries, eventChunks + o.eventChunks, modelCalls + o.modelCalls,
                    inputTokens + o.inputTokens, outputTokens + o.outputTokens, emails + o.emails,
                    indexWriteUnits + o.indexWriteUnits, transactWriteUnits + o.transactWriteUnits,
                    localTransactWriteUnits + o.localTransactWriteUnits);
        }
    }

    public static Map<String, Totals> snapshot() {
        Map<String, Totals> out = new TreeMap<>();
        USAGE.forEach((id, u) -> out.put(id, new Totals(u.readUnits.sum(), u.writeUnits.sum(), u.dynamoCalls.sum(),
                u.eventEntries.sum(), u.eventChunks.sum(), u.modelCalls.sum(), u.inputTokens.sum(), u.outputTokens.sum(),
                u.emails.sum(), u.indexWriteUnits.sum(), u.transactWriteUnits.sum(), u.localTransactWriteUnits.sum())));
        return out;
    }

    public static void reset() {
        USAGE.clear();
        WRITES_BY_SHAPE.clear();
    }

    /** Write units per call shape ("Update TICKET", "Transact[Put TICKET, Put MSG]") since the last reset. */
    public static Map<String, Double> writesByShape() {
        Map<String, Double> out = new TreeMap<>();
        WRITES_BY_SHAPE.forEach((shape, units) -> out.put(shape, units.sum()));
        return out;
    }

    private static Usage usage() {
        String function = Invocations.current();
        return USAGE.computeIfAbsent(function == null ? OUTSIDE : function, id -> new Usage());
    }

    @Override
    public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
        SdkRequest r = context.request();
        if (off()) {
            return r;
        }
        ReturnConsumedCapacity indexes = ReturnConsumedCapacity.INDEXES;
        return switch (r) {
            case GetItemRequest g -> g.toBuilder().returnConsumedCapacity(indexes).build();
            case PutItemRequest p -> p.toBuilder().returnConsumedCapacity(indexes).build();
            case UpdateItemRequest u -> u.toBuilder().returnConsumedCapacity(indexes).build();
            case DeleteItemRequest d -> d.toBuilder().returnConsumedCapacity(indexes).build();
            case QueryRequest q -> q.toBuilder().returnConsumedCapacity(indexes).build();
            case ScanRequest s -> s.toBuilder().returnConsumedCapacity(indexes).build();
            case BatchGetItemRequest b -> b.toBuilder().returnConsumedCapacity(indexes).build();
            case BatchWriteItemRequest b -> b.toBuilder().returnConsumedCapacity(indexes).build();
            case TransactGetItemsRequest t -> t.toBuilder().returnConsumedCapacity(indexes).build();
            case TransactWriteItemsRequest t -> t.toBuilder().returnConsumedCapacity(indexes).build();
            default -> r;
        };
    }

    /**
     * A transaction's items before it goes out: here the HTTP request gives the endpoint the client resolved (the
     * one the reads must go to). Runs again on a retry, so the images are those of the attempt that succeeded.
     */
    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        if (!off() && context.request() instanceof TransactWriteItemsRequest t) {
            attributes.putAttribute(BEFORE_IMAGES, images(t, context.httpRequest(), attributes, true));
        }
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        if (off()) {
            return;
        }
        SdkResponse response = context.response();
        SdkRequest request = context.request();
        switch (response) {
            case GetItemResponse r -> read(List.of(nonNull(r.consumedCapacity())));
            case QueryResponse r -> read(List.of(nonNull(r.consumedCapacity())));
            case ScanResponse r -> read(List.of(nonNull(r.consumedCapacity())));
            case BatchGetItemResponse r -> read(r.consumedCapacity());
            case TransactGetItemsResponse r -> read(r.consumedCapacity());
            case PutItemResponse r -> write(List.of(nonNull(r.consumedCapacity())), request);
            case UpdateItemResponse r -> write(List.of(nonNull(r.consumedCapacity())), request);
            case DeleteItemResponse r -> write(List.of(nonNull(r.consumedCapacity())), request);
            case BatchWriteItemResponse r -> write(r.consumedCapacity(), request);
            case TransactWriteItemsResponse r -> {
                TransactWriteItemsRequest t = (TransactWriteItemsRequest) request;
                List<Map<String, AttributeValue>> before = attributes.getAttribute(BEFORE_IMAGES);
                if (before == null) {
                    throw new IllegalStateException("no before-images for a transaction (beforeTransmission did not run)");
                }
                transact(t, price(t, before, images(t, context.httpRequest(), attributes, false)), r.consumedCapacity());
            }
            case ConverseResponse r -> {
                Usage u = usage();
                u.modelCalls.increment();
                if (r.usage() != null) {
                    u.inputTokens.add(r.usage().inputTokens());
                    u.outputTokens.add(r.usage().outputTokens());
                }
            }
            default -> {
                if (request instanceof PutEventsRequest put) {
                    Usage u = usage();
                    for (PutEventsRequestEntry entry : put.entries()) {
                        u.eventEntries.increment();
                        u.eventChunks.add(Math.max(1, (entrySize(entry) + EVENT_CHUNK - 1) / EVENT_CHUNK));
                    }
                } else if (request.getClass().getName().endsWith("sesv2.model.SendEmailRequest")) {
                    usage().emails.increment();
                }
            }
        }
    }

    /** Meters a transaction at the meter's price, keeping Local's own write figure apart. */
    private void transact(TransactWriteItemsRequest request, Priced priced, List<ConsumedCapacity> reported) {
        Usage u = usage();
        u.dynamoCalls.increment();
        u.readUnits.add(priced.readUnits());
        u.writeUnits.add(priced.writeUnits());
        u.indexWriteUnits.add(priced.indexWriteUnits());
        u.transactWriteUnits.add(priced.writeUnits());
        double local = 0;
        for (ConsumedCapacity c : reported == null ? List.<ConsumedCapacity>of() : reported) {
            local += c.writeCapacityUnits() != null ? c.writeCapacityUnits()
                    : c.readCapacityUnits() == null && c.capacityUnits() != null ? c.capacityUnits() : 0;
        }
        u.localTransactWriteUnits.add(local);
        WRITES_BY_SHAPE.computeIfAbsent(Invocations.current() + " " + shape(request), k -> new DoubleAdder())
                .add(priced.writeUnits());
    }

    /**
     * A transaction's price. @param writeUnits all of it, {@code indexWriteUnits} included
     */
    record Priced(double readUnits, double writeUnits, double indexWriteUnits) {
    }

    /**
     * Prices a transaction as AWS documents it, from each item's image before and after (null: no item). A Put,
     * Update or Delete costs 2 WCU per started KB of the larger of its two images; a ConditionCheck 2 RCU per
     * started 4 KB (a transactional read). Index writes are standard: per global secondary index, an entry put or
     * deleted costs 1 WCU, a moved entry (its keys changed) 2, an entry that stays put 1 only when an attribute the
     * index projects changed.
     */
    static Priced price(TransactWriteItemsRequest request, List<Map<String, AttributeValue>> before,
                        List<Map<String, AttributeValue>> after) {
        double reads = 0;
        double table = 0;
        double index = 0;
        List<TransactWriteItem> items = request.transactItems();
        for (int i = 0; i < items.size(); i++) {
            Map<String, AttributeValue> old = before.get(i);
            if (items.get(i).conditionCheck() != null) {
                reads += 2 * Math.max(1, Math.ceilDiv(ItemSize.of(old), 4096));
                continue;
            }
            Map<String, AttributeValue> now = after.get(i);
            table += 2 * Math.max(1, Math.ceilDiv(Math.max(ItemSize.of(old), ItemSize.of(now)), 1024));
            for (String gsi : TableDesign.INDEXES) {
                index += indexWrites(gsi, old, now);
            }
        }
        return new Priced(reads, table + index, index);
    }

    /** Standard index write units for one item's change, in one index (entries here are far below 1 KB). */
    static int indexWrites(String index, Map<String, AttributeValue> before, Map<String, AttributeValue> after) {
        String pk = TableDesign.pk(index);
        String sk = TableDesign.sk(index);
        boolean was = before != null && before.containsKey(pk) && before.containsKey(sk);
        boolean is = after != null && after.containsKey(pk) && after.containsKey(sk);
        if (was && is) {
            if (!before.get(pk).equals(after.get(pk)) || !before.get(sk).equals(after.get(sk))) {
                return 2;
            }
            boolean changed = switch (TableDesign.projection(index)) {
                case KEYS_ONLY -> false;
                case INCLUDE -> TableDesign.projectedAttributes(index).stream()
                        .anyMatch(a -> !Objects.equals(before.get(a), after.get(a)));
                case ALL -> !before.equals(after);
            };
            return changed ? 1 : 0;
        }
        return was || is ? 1 : 0;
    }

    /**
     * The current image of every item the transaction targets (null where there is none), read consistently
     * through an unmetered client at the same endpoint. After the transaction, condition checks are not read again.
     */
    private static List<Map<String, AttributeValue>> images(TransactWriteItemsRequest request, SdkHttpRequest http,
                                                            ExecutionAttributes attributes, boolean checks) {
        DynamoDbClient reader = reader(http, attributes);
        List<Map<String, AttributeValue>> images = new ArrayList<>();
        boolean own = OWN_CALL.get();
        OWN_CALL.set(true);
        try {
            for (TransactWriteItem item : request.transactItems()) {
                String table;
                Map<String, AttributeValue> key;
                if (item.put() != null) {
                    table = item.put().tableName();
                    key = new HashMap<>();
                    key.put(TableDesign.PK, item.put().item().get(TableDesign.PK));
                    key.put(TableDesign.SK, item.put().item().get(TableDesign.SK));
                } else if (item.update() != null) {
                    table = item.update().tableName();
                    key = item.update().key();
                } else if (item.delete() != null) {
                    table = item.delete().tableName();
                    key = item.delete().key();
                } else {
                    if (!checks) {
                        images.add(null);
                        continue;
                    }
                    table = item.conditionCheck().tableName();
                    key = item.conditionCheck().key();
                }
                var got = reader.getItem(b -> b.tableName(table).key(key).consistentRead(true));
                images.add(got.hasItem() && !got.item().isEmpty() ? got.item() : null);
            }
        } finally {
            OWN_CALL.set(own);
        }
        return images;
    }

    private static DynamoDbClient reader(SdkHttpRequest http, ExecutionAttributes attributes) {
        String endpoint = http.protocol() + "://" + http.host() + ":" + http.port();
        return READERS.computeIfAbsent(endpoint, e -> {
            Region region = attributes.getAttribute(AwsExecutionAttribute.AWS_REGION);
            boolean own = OWN_CALL.get();
            OWN_CALL.set(true);
            try {
                return DynamoDbClient.builder().endpointOverride(URI.create(e))
                        .region(region == null ? Region.US_EAST_1 : region)
                        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("meter", "meter")))
                        .httpClient(UrlConnectionHttpClient.create()).build();
            } finally {
                OWN_CALL.set(own);
            }
        });
    }

    private static ConsumedCapacity nonNull(ConsumedCapacity c) {
        return c == null ? ConsumedCapacity.builder().build() : c;
    }

    private void read(List<ConsumedCapacity> capacity) {
        add(capacity, false);
    }

    private void write(List<ConsumedCapacity> capacity, SdkRequest request) {
        double before = usage().writeUnits.sum();
        add(capacity, true);
        WRITES_BY_SHAPE.computeIfAbsent(Invocations.current() + " " + shape(request), k -> new DoubleAdder())
                .add(usage().writeUnits.sum() - before);
    }

    /** The operation and the kinds of item it touches, by the key's leading word (TICKET, MSG#…, INBOUND#…). */
    static String shape(SdkRequest request) {
        return switch (request) {
            case PutItemRequest p -> "Put " + kind(p.item());
            case UpdateItemRequest u -> "Update " + kind(u.key());
            case DeleteItemRequest d -> "Delete " + kind(d.key());
            case BatchWriteItemRequest b -> "BatchWrite" + b.requestItems().values().stream().flatMap(List::stream)
                    .map(w -> w.putRequest() != null ? "Put " + kind(w.putRequest().item()) : "Delete " + kind(w.deleteRequest().key()))
                    .sorted().distinct().toList();
            case TransactWriteItemsRequest t -> "Transact" + t.transactItems().stream().map(i ->
                    i.put() != null ? "Put " + kind(i.put().item()) : i.update() != null ? "Update " + kind(i.update().key())
                            : i.delete() != null ? "Delete " + kind(i.delete().key()) : "Check " + kind(i.conditionCheck().key())).toList();
            default -> request.getClass().getSimpleName();
        };
    }

    private static String kind(Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> key) {
        var pk = key.get("PK");
        var sk = key.get("SK");
        String p = pk == null || pk.s() == null ? "?" : pk.s().split("#", 2)[0];
        String s = sk == null || sk.s() == null ? "?" : sk.s().split("#", 2)[0];
        return p.equals(s) ? p : p + "/" + s;
    }

    /**
     * Reads and writes as DynamoDB splits them when it does (a transaction's condition checks are reads); otherwise
     * the total goes to the kind of call.
     */
    private void add(List<ConsumedCapacity> capacity, boolean writeCall) {
        Usage u = usage();
        u.dynamoCalls.increment();
        for (ConsumedCapacity c : capacity) {
            if (c.readCapacityUnits() != null || c.writeCapacityUnits() != null) {
                u.readUnits.add(c.readCapacityUnits() == null ? 0 : c.readCapacityUnits());
                u.writeUnits.add(c.writeCapacityUnits() == null ? 0 : c.writeCapacityUnits());
            } else if (c.capacityUnits() != null) {
                (writeCall ? u.writeUnits : u.readUnits).add(c.capacityUnits());
            }
            if (writeCall && c.globalSecondaryIndexes() != null) {
                c.globalSecondaryIndexes().values().forEach(index -> u.indexWriteUnits.add(
                        index.writeCapacityUnits() != null ? index.writeCapacityUnits()
                                : index.capacityUnits() == null ? 0 : index.capacityUnits()));
            }
        }
    }

    /** EventBridge's billing size of an entry: detail, detail-type, source, resources, time (as documented). */
    private static long entrySize(PutEventsRequestEntry e) {
        long size = 14; // the Time field, when present, is counted as 14 bytes
        size += utf8(e.source()) + utf8(e.detailType()) + utf8(e.detail());
        if (e.resources() != null) {
            for (String resource : e.resources()) {
                size += utf8(resource);
            }
        }
        return size;
    }

    private static long utf8(String s) {
        return s == null ? 0 : s.getBytes(StandardCharsets.UTF_8).length;
    }
}
