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
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * One page over several ticket-index partitions at once (a customer's tickets in several statuses, a view over
 * the active statuses), merged by the shared sort key {@code createdAt#ticketId}. Each partition is read by
 * one indexed query of at most {@code limit} items from where the previous page stopped, so a page costs at most
 * (partitions x limit) reads whatever the history's length. The cursor records, per partition, the last sort key
 * emitted; it is checked against the listing it is used with, and keys are rebuilt server-side, so a tampered
 * cursor can neither fail with a 500 nor reach another partition.
 */
final class MergedQuery {
    // A ticket-index sort key: [sentiment rank-score#]createdAt#ticketId.
    private static final Pattern SORT_KEY = Pattern.compile("(\\d-\\d{2}#)?\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{6}Z#[A-Za-z0-9-]{1,64}");
    private static final String DONE = "";

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
     * As above, keeping only items that pass {@code keep} (view filters). Items that do not pass are still
     * consumed (the cursor moves past them), so a filtered page may hold fewer than {@code limit} items but never
     * costs more than (partitions x limit) reads.
     */
    Page<Map<String, AttributeValue>> page(String index, List<String> partitions, boolean newestFirst, int limit, String cursor,
                                           java.util.function.DoubleConsumer consumed,
                                           java.util.function.Predicate<Map<String, AttributeValue>> keep) {
        String listing = listing(index, partitions, newestFirst);
        List<String> positions = decode(cursor, partitions.size(), listing);
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
                    .returnConsumedCapacity(consumed == null ? null : software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity.TOTAL));
            if (consumed != null && response.consumedCapacity() != null) {
                consumed.accept(response.consumedCapacity().capacityUnits());
            }
            response.items().forEach(item -> hits.add(new Hit(partition, item)));
            more[p] = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty();
        }
        Comparator<Hit> order = Comparator.comparing(h -> h.item().get(sk(index)).s());
        hits.sort(newestFirst ? order.reversed() : order);
        // Consume hits in order until `limit` of them are kept.
        List<Hit> consumedHits = new ArrayList<>();
        List<Hit> emitted = new ArrayList<>();
        for (Hit hit : hits) {
            if (emitted.size() == limit) {
                break;
            }
            consumedHits.add(hit);
            if (keep.test(hit.item())) {
                emitted.add(hit);
            }
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
        boolean last = next.stream().allMatch(DONE::equals);
        return new Page<>(emitted.stream().map(Hit::item).toList(), last ? null : encode(next, listing));
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
