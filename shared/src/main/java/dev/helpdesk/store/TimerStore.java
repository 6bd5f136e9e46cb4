package dev.helpdesk.store;

import static dev.helpdesk.store.TableDesign.*;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * A ticket's timers as items of their own (one per ticket and kind, on the DUE index): read one, list those due, and
 * arm and disarm them as a committed change recorded (the change feed's job).
 */
public final class TimerStore {
    private final DynamoDbClient dynamo;
    private final String table;
    private final BatchWrites batches;

    public TimerStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
        this.batches = new BatchWrites(dynamo, table);
    }

    /** The ticket's timer of this kind, if armed. */
    public Optional<DueTimer> findTimer(String ticketId, String kind) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table).consistentRead(true)
                .key(Map.of(PK, AttributeValue.fromS(ticketPk(ticketId)), SK, AttributeValue.fromS(timerSk(kind))))).item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        Item i = Item.of(item);
        return Optional.of(new DueTimer(i.s("ticketId"), i.s("kind"), i.time("dueAt"), (int) i.n("attempt")));
    }

    /** Timers of {@code kind} due before {@code before}, soonest first: a query on the DUE index. */
    public List<DueTimer> dueTimers(String kind, Instant before, int limit) {
        QueryRequest query = QueryRequest.builder().tableName(table).indexName(GSI5)
                .keyConditionExpression("#pk = :due AND #sk < :upper")
                .filterExpression("#sortKey = :timer")
                .expressionAttributeNames(Map.of("#pk", pk(GSI5), "#sk", sk(GSI5), "#sortKey", SK))
                .expressionAttributeValues(Map.of(":due", AttributeValue.fromS(DUE),
                        ":upper", AttributeValue.fromS(SortableTime.format(before) + "$"),
                        ":timer", AttributeValue.fromS(timerSk(kind))))
                .limit(Math.min(limit, 100)).build();
        return dynamo.queryPaginator(query).items().stream().limit(limit).map(raw -> {
            Item i = Item.of(raw);
            return new DueTimer(i.s("ticketId"), i.s("kind"), i.time("dueAt"), (int) i.n("attempt"));
        }).toList();
    }

    /**
     * Arms and disarms the timers a change recorded (the change feed calls this): puts replace a kind's timer,
     * deletes of a missing one do nothing, so a repeated call leaves the same state.
     */
    public void applyTimers(RecordedChange change) {
        List<WriteRequest> writes = new ArrayList<>();
        for (DueTimer timer : change.timersSet()) {
            Item item = TicketItems.timerItem(timer);
            writes.add(WriteRequest.builder().putRequest(p -> p.item(item.values())).build());
        }
        List<Map<String, AttributeValue>> toClear = change.timersCleared().stream().distinct()
                .filter(kind -> change.timersSet().stream().noneMatch(t -> t.kind().equals(kind)))
                .map(kind -> Map.of(PK, AttributeValue.fromS(ticketPk(change.ticketId())), SK, AttributeValue.fromS(timerSk(kind))))
                .toList();
        // A delete costs a write unit even when there is nothing to delete; a read of the key costs a tenth of that.
        for (Map<String, AttributeValue> key : armed(toClear, change)) {
            writes.add(WriteRequest.builder().deleteRequest(d -> d.key(key)).build());
        }
        batches.write(writes, "timers of change " + change.id());
    }

    /** Those of these timer keys that hold a timer (eventually consistent: a timer cleared twice is harmless). */
    private List<Map<String, AttributeValue>> armed(List<Map<String, AttributeValue>> keys, RecordedChange change) {
        return keys.isEmpty() ? List.of() : batches.get(keys, "PK, SK", "timers of change " + change.id());
    }
}
