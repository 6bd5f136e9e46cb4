package dev.helpdesk.store;

import static dev.helpdesk.store.TableDesign.*;

import com.fasterxml.jackson.databind.JsonNode;
import dev.helpdesk.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;

/**
 * One page over several ticket-index partitions at once (a customer's tickets in several statuses, a view over
 * the active statuses), merged by the shared sort key {@code createdAt#ticketId}. Each partition is read by
 * one indexed query of at most {@code limit} keys from where the previous page stopped (the ticket indexes project
 * keys only), and the tickets the page consumes are then fetched by key, so a page costs at most (partitions x limit)
 * index entries and item reads whatever the history's length. The cursor records, per partition, the last sort key
 * emitted; it is checked against the listing it is used with, and keys are rebuilt server-side, so a tampered
 * cursor can neither fail with a 500 nor reach another partition.
 */
final class MergedQuery {
    // A ticket-index sort key: [sentiment rank-score#]createdAt#ticketId.
    private static final Pattern SORT_KEY = Pattern.compile("(\\d-\\d{2}#)?\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{6}Z#[A-Za-z0-9-]{1,64}");
    private static final String DONE = "";
    /** BatchGetItem's limit of keys per request. */
    private static final int BATCH = 100;
    private static final int MAX_ATTEMPTS = 8;

    private final DynamoDbClient dynamo;
    private final String table;

    MergedQuery(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    /**
     * @param index the GSI whose partitions are read
     * @param partitions the partition key values, in a stable order (the cursor refers to them by position)
     * @param consumed adds up the read capacity each query reports, for benchmarks (may be null)
     */
    Page<Map<String, AttributeValue>> page(String index, List<String> partitions, boolean newestFirst, int limit, String cursor,
                                           java.util.function.DoubleConsumer consumed) {
        return page(index, partitions, newestFirst, limit, cursor, consumed, item -> true);
    }

    /**
     * As above, keeping only items that pass {@code keep} (view and status filters). Items that do not pass are
     * consumed (the cursor moves past them); the page reads on until it holds {@code limit} items or the partitions
     * are exhausted, for at most {@link #MAX_ROUNDS} rounds of index reads, so a filtered page is not left short
     * merely because the first entries read were filtered out.
     */
    Page<Map<String, AttributeValue>> page(String index, List<String> partitions, boolean newestFirst, int limit, String cursor,
                                           java.util.function.DoubleConsumer consumed,
                                           java.util.function.Predicate<Map<String, AttributeValue>> keep) {
        String listing = listing(index, partitions, newestFirst);
        List<String> positions = decode(cursor, partitions.size(), listing);
        List<Map<String, AttributeValue>> emitted = new ArrayList<>();
        for (int round = 0; round < MAX_ROUNDS && emitted.size() < limit && !positions.stream().allMatch(DONE::equals); round++) {
            positions = round(index, partitions, newestFirst, limit, positions, consumed, keep, emitted);
        }
        boolean last = positions.stream().allMatch(DONE::equals);
        return new Page<>(emitted, last ? null : encode(positions, listing));
    }

    /** Rounds of index reads one page may take when a filter keeps few of the entries. */
    private static final int MAX_ROUNDS = 8;

    /** One round: reads up to {@code limit} entries per partition, emits what is kept in order; returns the new positions. */
    private List<String> round(String index, List<String> partitions, boolean newestFirst, int limit, List<String> positions,
                               java.util.function.DoubleConsumer consumed,
                               java.util.function.Predicate<Map<String, AttributeValue>> keep,
                               List<Map<String, AttributeValue>> emitted) {
        record Hit(int partition, Map<String, AttributeValue> item) {
        }
        List<Hit> hits = new ArrayList<>();
        boolean[] more = new boolean[partitions.size()];
        for (int p = 0; p < partitions.size(); p++) {
            String position = positions.get(p);
            if (DONE.equals(position)) {
                continue;
            }
            Map<String, AttributeValue> start = position == null ? null : startKey(index, partitions.get(p), position);
            int partition = p;
            QueryResponse response = dynamo.query(q -> q.tableName(table).indexName(index)
                    .keyConditionExpression("#pk = :pk")
                    .expressionAttributeNames(Map.of("#pk", pk(index)))
                    .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(partitions.get(partition))))
                    .scanIndexForward(!newestFirst).limit(limit).exclusiveStartKey(start)
                    .returnConsumedCapacity(consumed == null ? null : ReturnConsumedCapacity.TOTAL));
            if (consumed != null && response.consumedCapacity() != null) {
                consumed.accept(response.consumedCapacity().capacityUnits());
            }
            response.items().forEach(item -> hits.add(new Hit(partition, item)));
            more[p] = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty();
        }
        Comparator<Hit> order = Comparator.comparing(h -> h.item().get(sk(index)).s());
        hits.sort(newestFirst ? order.reversed() : order);
        // A partition with entries not yet read bounds the merge: nothing after its last read entry may be emitted
        // before its next entries are read, or the order across partitions would break.
        int bound = hits.size();
        for (int p = 0; p < partitions.size(); p++) {
            if (more[p]) {
                int partition = p;
                int lastOfP = -1;
                for (int i = 0; i < hits.size(); i++) {
                    if (hits.get(i).partition() == partition) {
                        lastOfP = i;
                    }
                }
                bound = Math.min(bound, lastOfP + 1);
            }
        }
        List<Hit> mergeable = hits.subList(0, bound);
        // The index holds keys only: consume hits in order, fetching the tickets themselves a batch at a time (never
        // more than the page still needs), until `limit` of them are kept.
        List<Hit> consumedHits = new ArrayList<>();
        for (int from = 0; from < mergeable.size() && emitted.size() < limit; ) {
            List<Hit> batch = mergeable.subList(from, Math.min(mergeable.size(), from + limit - emitted.size()));
            Map<String, Map<String, AttributeValue>> items = fetch(batch.stream().map(Hit::item).toList(), consumed);
            for (Hit hit : batch) {
                consumedHits.add(hit);
                Map<String, AttributeValue> item = items.get(hit.item().get(PK).s());
                // A ticket purged, or moved out of this place in the index (its status, assignee or sentiment changed)
                // since the index was read, is skipped here: it is listed where it is now.
                if (item != null && stillAt(item, hit.item(), index) && keep.test(item)) {
                    emitted.add(item);
                }
            }
            from += batch.size();
        }
        List<String> next = new ArrayList<>(positions);
        for (int p = 0; p < partitions.size(); p++) {
            int partition = p;
            List<Hit> fromHere = consumedHits.stream().filter(h -> h.partition() == partition).toList();
            long fetched = hits.stream().filter(h -> h.partition() == partition).count();
            if (!fromHere.isEmpty()) {
                next.set(p, fromHere.get(fromHere.size() - 1).item().get(sk(index)).s());
            }
            if (DONE.equals(positions.get(p)) || (!more[p] && fromHere.size() == fetched)) {
                next.set(p, DONE); // everything this partition holds has been emitted
            }
        }
        return next;
    }

    private static boolean stillAt(Map<String, AttributeValue> item, Map<String, AttributeValue> indexEntry, String index) {
        return indexEntry.get(pk(index)).equals(item.get(pk(index))) && indexEntry.get(sk(index)).equals(item.get(sk(index)));
    }

    /**
     * The items with these keys, by partition key: one BatchGetItem per 100 keys (eventually consistent, as the
     * index read before it), asking again for any keys DynamoDB leaves unprocessed. Missing items are absent.
     */
    private Map<String, Map<String, AttributeValue>> fetch(List<Map<String, AttributeValue>> entries,
                                                           java.util.function.DoubleConsumer consumed) {
        Map<String, Map<String, AttributeValue>> keys = new LinkedHashMap<>();
        for (Map<String, AttributeValue> entry : entries) {
            keys.putIfAbsent(entry.get(PK).s(), Map.of(PK, entry.get(PK), SK, entry.get(SK)));
        }
        Map<String, Map<String, AttributeValue>> found = new java.util.HashMap<>();
        List<Map<String, AttributeValue>> all = new ArrayList<>(keys.values());
        for (int from = 0; from < all.size(); from += BATCH) {
            List<Map<String, AttributeValue>> pending = all.subList(from, Math.min(all.size(), from + BATCH));
            for (int attempt = 0; !pending.isEmpty(); attempt++) {
                if (attempt == MAX_ATTEMPTS) {
                    throw new IllegalStateException(pending.size() + " items stayed unprocessed after " + MAX_ATTEMPTS + " attempts");
                }
                if (attempt > 0) {
                    backOff(attempt);
                }
                List<Map<String, AttributeValue>> request = pending;
                BatchGetItemResponse response = dynamo.batchGetItem(b -> b
                        .requestItems(Map.of(table, KeysAndAttributes.builder().keys(request).build()))
                        .returnConsumedCapacity(consumed == null ? null : ReturnConsumedCapacity.TOTAL));
                if (consumed != null && response.consumedCapacity() != null) {
                    response.consumedCapacity().forEach(c -> consumed.accept(c.capacityUnits() == null ? 0 : c.capacityUnits()));
                }
                response.responses().getOrDefault(table, List.of()).forEach(item -> found.put(item.get(PK).s(), item));
                KeysAndAttributes left = response.hasUnprocessedKeys() ? response.unprocessedKeys().get(table) : null;
                pending = left == null ? List.of() : left.keys();
            }
        }
        return found;
    }

    private static void backOff(int attempt) {
        try {
            Thread.sleep(Math.min(1000, 25L << attempt));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while fetching a page", e);
        }
    }

    private static Map<String, AttributeValue> startKey(String index, String partition, String sortKey) {
        // The ticket id ends every ticket-index sort key (time#id, or rank#time#id for the sentiment order).
        String ticketId = sortKey.substring(sortKey.lastIndexOf('#') + 1);
        Map<String, AttributeValue> key = new LinkedHashMap<>();
        key.put(PK, AttributeValue.fromS(ticketPk(ticketId)));
        key.put(SK, AttributeValue.fromS(TICKET_SK));
        key.put(pk(index), AttributeValue.fromS(partition));
        key.put(sk(index), AttributeValue.fromS(sortKey));
        return key;
    }

    /** A short fingerprint of what is being listed: a cursor only continues the listing that issued it. */
    private static String listing(String index, List<String> partitions, boolean newestFirst) {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(
                    (index + "|" + newestFirst + "|" + String.join("|", partitions)).getBytes(StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(digest, 0, 8);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String encode(List<String> positions, String listing) {
        Map<String, Object> cursor = new LinkedHashMap<>();
        cursor.put("v", 1);
        cursor.put("l", listing);
        cursor.put("p", positions);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Json.write(cursor).getBytes(StandardCharsets.UTF_8));
    }

    /** Positions per partition (null: from the start; "": exhausted). */
    private static List<String> decode(String cursor, int partitions, String listing) {
        List<String> positions = new ArrayList<>();
        if (cursor == null || cursor.isEmpty()) {
            for (int i = 0; i < partitions; i++) {
                positions.add(null);
            }
            return positions;
        }
        JsonNode node;
        try {
            node = Json.read(new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            throw new Cursors.InvalidCursorException("cursor is not valid");
        }
        JsonNode list = node.path("p");
        if (node.path("v").asInt() != 1 || !listing.equals(node.path("l").asText()) || !list.isArray() || list.size() != partitions) {
            throw new Cursors.InvalidCursorException("cursor belongs to another listing");
        }
        for (JsonNode position : list) {
            if (position.isNull()) {
                positions.add(null);
            } else if (position.isTextual() && (position.asText().equals(DONE) || SORT_KEY.matcher(position.asText()).matches())) {
                positions.add(position.asText());
            } else {
                throw new Cursors.InvalidCursorException("cursor is not valid");
            }
        }
        return positions;
    }
}
