package dev.helpdesk.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.helpdesk.domain.Channel;
import dev.helpdesk.domain.Message;
import dev.helpdesk.domain.Ticket;
import dev.helpdesk.testing.LocalDynamo;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;

/** Batches through throttling: what DynamoDB leaves unprocessed is asked for again, and a batch that stays so is Busy. */
class BatchWritesTest {
    private static final Instant T0 = Instant.parse("2025-03-10T09:00:00.123456Z");
    private static final DynamoDbClient dynamo = LocalDynamo.sharedClient();

    /** How many of the next batch calls DynamoDB "throttles" (answers with everything unprocessed). */
    private final AtomicInteger throttled = new AtomicInteger();
    private final AtomicInteger batchWrites = new AtomicInteger();
    private final AtomicInteger batchReads = new AtomicInteger();
    private final DynamoDbClient throttling = (DynamoDbClient) java.lang.reflect.Proxy.newProxyInstance(
            DynamoDbClient.class.getClassLoader(), new Class<?>[] {DynamoDbClient.class}, (proxy, method, args) -> {
                if (method.getName().equals("batchWriteItem")) {
                    batchWrites.incrementAndGet();
                    BatchWriteItemRequest request = writeRequest(args[0]);
                    if (throttled.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                        return BatchWriteItemResponse.builder().unprocessedItems(request.requestItems()).build();
                    }
                    return dynamo.batchWriteItem(request);
                }
                if (method.getName().equals("batchGetItem")) {
                    batchReads.incrementAndGet();
                    BatchGetItemRequest request = getRequest(args[0]);
                    if (throttled.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                        return BatchGetItemResponse.builder().responses(Map.of()).unprocessedKeys(request.requestItems()).build();
                    }
                    return dynamo.batchGetItem(request);
                }
                try {
                    return method.invoke(dynamo, args);
                } catch (java.lang.reflect.InvocationTargetException e) {
                    throw e.getCause();
                }
            });

    private String table;
    private TicketStore store;

    @BeforeEach
    void freshTable() {
        table = LocalDynamo.freshTable(dynamo);
        store = new TicketStore(throttling, table);
    }

    /** The request of a call made with a request object or with a consumer of its builder. */
    @SuppressWarnings("unchecked")
    private static BatchWriteItemRequest writeRequest(Object arg) {
        if (arg instanceof BatchWriteItemRequest request) {
            return request;
        }
        BatchWriteItemRequest.Builder builder = BatchWriteItemRequest.builder();
        ((java.util.function.Consumer<BatchWriteItemRequest.Builder>) arg).accept(builder);
        return builder.build();
    }

    @SuppressWarnings("unchecked")
    private static BatchGetItemRequest getRequest(Object arg) {
        if (arg instanceof BatchGetItemRequest request) {
            return request;
        }
        BatchGetItemRequest.Builder builder = BatchGetItemRequest.builder();
        ((java.util.function.Consumer<BatchGetItemRequest.Builder>) arg).accept(builder);
        return builder.build();
    }

    /** A ticket with 30 messages, more than one batch of deletes. */
    private void ticketWithMessages(String id) {
        Ticket ticket = Ticket.open(id, 7, "Order " + id, Channel.EMAIL, "c-1", "email:" + id, T0);
        for (int from = 0; from < 30; from += 15) {
            List<Message> written = new ArrayList<>();
            for (int i = from; i < from + 15; i++) {
                written.add(new Message("m-" + i, id, Message.Kind.CUSTOMER, "c-1", Channel.EMAIL, "text " + i, List.of(), T0.plusSeconds(i)));
            }
            ticket = store.commit(new TicketChange(ticket, from == 0, written, List.of(), List.of(), null, null, null));
        }
    }

    private long itemsOf(String ticketId) {
        return dynamo.query(b -> b.tableName(table).keyConditionExpression("PK = :pk").select("COUNT")
                .expressionAttributeValues(Map.of(":pk", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS(
                        TableDesign.ticketPk(ticketId))))).count();
    }

    @Test
    @DisplayName("R-STATUS-1 a purge through throttling asks again for what was left and removes everything")
    void purgeRetriesUnprocessedDeletes() {
        ticketWithMessages("t-1");
        throttled.set(3);
        assertTrue(store.purge("t-1"));
        assertEquals(0, itemsOf("t-1"));
        assertTrue(store.find("t-1").isEmpty());
        assertTrue(new TicketPointers(dynamo, table).findByNumber(7).isEmpty());
    }

    @Test
    @DisplayName("R-STATUS-1 a purge DynamoDB keeps throttling is Busy, not a silent half purge; the ticket stays, and a purge again finishes it")
    void purgeThatStaysUnprocessedIsBusy() {
        ticketWithMessages("t-1");
        throttled.set(Integer.MAX_VALUE);
        assertThrows(StoreExceptions.Busy.class, () -> store.purge("t-1"));
        assertEquals(BatchWrites.MAX_ATTEMPTS, batchWrites.get(), "eight attempts at the first batch, then it gives up");
        assertTrue(store.find("t-1").isPresent(), "the ticket item is deleted last");

        throttled.set(0);
        assertTrue(store.purge("t-1"));
        assertEquals(0, itemsOf("t-1"));
        assertFalse(store.purge("t-1"));
    }

    @Test
    @DisplayName("timers arm and disarm through throttled batch reads and writes; clearing a timer that is not armed writes nothing")
    void timersThroughThrottling() {
        TimerStore timers = new TimerStore(throttling, table);
        DueTimer due = new DueTimer("t-1", "SLA", T0.plusSeconds(60), 0);
        throttled.set(2);
        timers.applyTimers(new RecordedChange("c-1", "t-1", List.of(), List.of(), true, List.of(due), List.of()));
        assertEquals(due, timers.findTimer("t-1", "SLA").orElseThrow());

        throttled.set(2);
        timers.applyTimers(new RecordedChange("c-2", "t-1", List.of(), List.of(), true, List.of(), List.of("SLA", "POSTPONE")));
        assertTrue(timers.findTimer("t-1", "SLA").isEmpty());

        batchWrites.set(0);
        batchReads.set(0);
        timers.applyTimers(new RecordedChange("c-3", "t-1", List.of(), List.of(), true, List.of(), List.of("SLA")));
        assertEquals(1, batchReads.get());
        assertEquals(0, batchWrites.get(), "nothing armed, nothing deleted");

        timers.applyTimers(new RecordedChange("c-4", "t-1", List.of(), List.of(), true, List.of(due), List.of()));
        throttled.set(Integer.MAX_VALUE);
        assertThrows(StoreExceptions.Busy.class, () -> timers.applyTimers(
                new RecordedChange("c-5", "t-1", List.of(), List.of(), true, List.of(), List.of("SLA"))));
    }
}
