package dev.helpdesk.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * BatchWriteItem and BatchGetItem on one table, in requests of DynamoDB's size limits, asking again for what it leaves
 * unprocessed (throttling) and giving up with {@link StoreExceptions.Busy} if it keeps doing so: a batch is either
 * done whole or reported, never left half done in silence.
 */
final class BatchWrites {
    /** BatchWriteItem's limit of requests per call. */
    static final int WRITES_PER_BATCH = 25;
    /** BatchGetItem's limit of keys per call. */
    static final int KEYS_PER_BATCH = 100;
    static final int MAX_ATTEMPTS = 8;

    private final DynamoDbClient dynamo;
    private final String table;

    BatchWrites(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    /** Writes in batches of 25, retrying what DynamoDB leaves unprocessed; {@link StoreExceptions.Busy} if it keeps doing so. */
    void write(List<WriteRequest> writes, String what) {
        for (int from = 0; from < writes.size(); from += WRITES_PER_BATCH) {
            Map<String, List<WriteRequest>> pending = Map.of(table, writes.subList(from, Math.min(writes.size(), from + WRITES_PER_BATCH)));
            for (int attempt = 0; !pending.isEmpty(); attempt++) {
                if (attempt == MAX_ATTEMPTS) {
                    throw new StoreExceptions.Busy(pending.get(table).size() + " writes of " + what + " stayed unprocessed");
                }
                Map<String, List<WriteRequest>> request = pending;
                var response = dynamo.batchWriteItem(b -> b.requestItems(request));
                pending = response.unprocessedItems() == null ? Map.of() : response.unprocessedItems();
            }
        }
    }

    /**
     * The items with these keys that exist, with only the {@code projection} attributes (eventually consistent),
     * retrying keys DynamoDB leaves unprocessed; {@link StoreExceptions.Busy} if it keeps doing so.
     */
    List<Map<String, AttributeValue>> get(List<Map<String, AttributeValue>> keys, String projection, String what) {
        return get(keys, projection, Map.of(), what);
    }

    /** As above, with {@code #placeholders} in the projection for attribute names DynamoDB reserves (such as name). */
    List<Map<String, AttributeValue>> get(List<Map<String, AttributeValue>> keys, String projection, Map<String, String> names,
                                          String what) {
        List<Map<String, AttributeValue>> found = new ArrayList<>();
        for (int from = 0; from < keys.size(); from += KEYS_PER_BATCH) {
            Map<String, KeysAndAttributes> pending = Map.of(table, KeysAndAttributes.builder()
                    .keys(keys.subList(from, Math.min(keys.size(), from + KEYS_PER_BATCH))).projectionExpression(projection)
                    .expressionAttributeNames(names.isEmpty() ? null : names).build());
            for (int attempt = 0; !pending.isEmpty(); attempt++) {
                if (attempt == MAX_ATTEMPTS) {
                    throw new StoreExceptions.Busy(pending.get(table).keys().size() + " reads of " + what + " stayed unprocessed");
                }
                Map<String, KeysAndAttributes> request = pending;
                var response = dynamo.batchGetItem(b -> b.requestItems(request));
                found.addAll(response.responses().getOrDefault(table, List.of()));
                pending = response.unprocessedKeys() == null ? Map.of() : response.unprocessedKeys();
            }
        }
        return found;
    }
}
