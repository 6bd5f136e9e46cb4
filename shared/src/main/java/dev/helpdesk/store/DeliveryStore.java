package dev.helpdesk.store;

import static dev.helpdesk.store.TableDesign.*;

import dev.helpdesk.domain.TimelineEntry;
import dev.helpdesk.events.HelpdeskEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * One record per agent reply that says whether it reached the customer. EventBridge delivers "Agent Replied" at
 * least once and retries failures, so a sender first claims the reply for a lease: only one holder sends, a
 * finished delivery is never sent again, and a holder that died (lease run out) or gave up on a transient error
 * (released) lets the next attempt send.
 */
public final class DeliveryStore {
    /** How long a claim keeps others off: longer than the function's 30 s timeout. */
    public static final Duration LEASE = Duration.ofSeconds(90);
    private static final Duration KEEP = Duration.ofDays(30);

    public enum State { SENDING, SENT, FAILED }

    /** @param token identifies this claim; completing needs it, so a holder whose lease was taken over cannot */
    public record Claim(boolean claimed, State state, String token, int attempt) {
    }

    private final DynamoDbClient dynamo;
    private final String table;
    private volatile java.util.function.Consumer<RecordedChange> inlineFeed;

    public DeliveryStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    /** For tests without a table stream (see {@link TicketStore#feedingInline}). */
    public DeliveryStore feedingInline(java.util.function.Consumer<RecordedChange> feed) {
        this.inlineFeed = feed;
        return this;
    }

    /** Claims the reply for sending, unless it was delivered or failed for good, or another holder's lease runs. */
    public Claim claim(String messageId, String ticketId, Instant now) {
        String token = UUID.randomUUID().toString();
        try {
            Map<String, AttributeValue> after = dynamo.updateItem(u -> u.tableName(table).key(key(messageId))
                    .updateExpression("SET #state = :sending, #token = :token, leaseUntil = :lease, ticketId = :ticket, "
                            + EXPIRES_AT + " = :expires ADD attempts :one")
                    .conditionExpression("attribute_not_exists(PK) OR (#state = :sending AND leaseUntil < :now)")
                    .expressionAttributeNames(Map.of("#state", "state", "#token", "token"))
                    .expressionAttributeValues(Map.of(":sending", AttributeValue.fromS(State.SENDING.name()),
                            ":token", AttributeValue.fromS(token),
                            ":lease", AttributeValue.fromN(Long.toString(now.plus(LEASE).toEpochMilli())),
                            ":ticket", AttributeValue.fromS(ticketId),
                            ":expires", AttributeValue.fromN(Long.toString(now.plus(KEEP).getEpochSecond())),
                            ":one", AttributeValue.fromN("1"),
                            ":now", AttributeValue.fromN(Long.toString(now.toEpochMilli()))))
                    .returnValues("ALL_NEW")).attributes();
            return new Claim(true, State.SENDING, token, Integer.parseInt(after.get("attempts").n()));
        } catch (ConditionalCheckFailedException e) {
            Item held = Item.of(dynamo.getItem(g -> g.tableName(table).key(key(messageId)).consistentRead(true)).item());
            return new Claim(false, State.valueOf(held.s("state")), null, (int) held.n("attempts"));
        }
    }

    /**
     * Gives the claim back after a transient failure, so that the retry may send at once. Conditional on still
     * holding it; a lost race only means the other holder decides.
     */
    public void release(String messageId, Claim claim, String reason) {
        try {
            dynamo.updateItem(u -> u.tableName(table).key(key(messageId))
                    .updateExpression("SET leaseUntil = :zero, lastError = :reason")
                    .conditionExpression("#token = :token AND #state = :sending")
                    .expressionAttributeNames(Map.of("#token", "token", "#state", "state"))
                    .expressionAttributeValues(Map.of(":zero", AttributeValue.fromN("0"), ":reason", AttributeValue.fromS(reason),
                            ":token", AttributeValue.fromS(claim.token()), ":sending", AttributeValue.fromS(State.SENDING.name()))));
        } catch (ConditionalCheckFailedException e) {
            // Someone else took over after our lease ran out; theirs is the outcome.
        }
    }

    /**
     * Records the outcome in one transaction: the delivery's final state, the ticket's timeline entry carrying the
     * event, and for email the Message-ID the customer's answer will cite.
     *
     * @return false if the claim had been taken over meanwhile (nothing written)
     */
    public boolean finish(String messageId, Claim claim, State outcome, String detail, TimelineEntry entry,
                          HelpdeskEvent event, String threadRef) {
        List<TransactWriteItem> writes = new ArrayList<>();
        writes.add(TransactWriteItem.builder().update(u -> u.tableName(table).key(key(messageId))
                .updateExpression("SET #state = :outcome, detail = :detail REMOVE leaseUntil")
                .conditionExpression("#token = :token AND #state = :sending")
                .expressionAttributeNames(Map.of("#token", "token", "#state", "state"))
                .expressionAttributeValues(Map.of(":outcome", AttributeValue.fromS(outcome.name()),
                        ":detail", AttributeValue.fromS(detail == null ? "" : detail),
                        ":token", AttributeValue.fromS(claim.token()), ":sending", AttributeValue.fromS(State.SENDING.name())))).build());
        String changeId = java.util.UUID.randomUUID().toString();
        // The entry carries the event: the table's stream takes it to the change feed, which publishes it.
        writes.add(put(TicketItems.withChange(TicketItems.timelineItem(entry, 0, changeId), changeId, List.of(event))));
        if (threadRef != null) {
            writes.add(put(Item.create().put(PK, threadRefPk(threadRef)).put(SK, "REF").put("ticketId", entry.ticketId())));
        }
        try {
            dynamo.transactWriteItems(b -> b.transactItems(writes));
            if (inlineFeed != null) {
                try {
                    inlineFeed.accept(new RecordedChange(changeId, entry.ticketId(), List.of(event), List.of(), false, List.of(), List.of()));
                } catch (RuntimeException e) {
                    // As with the stream: the write stands; the record would be retried later.
                }
            }
            return true;
        } catch (TransactionCanceledException e) {
            if (e.cancellationReasons() != null && !e.cancellationReasons().isEmpty()
                    && "ConditionalCheckFailed".equals(e.cancellationReasons().get(0).code())) {
                return false;
            }
            throw e;
        }
    }

    private TransactWriteItem put(Item item) {
        return TransactWriteItem.builder().put(p -> p.tableName(table).item(item.values())).build();
    }

    private static Map<String, AttributeValue> key(String messageId) {
        return Map.of(PK, AttributeValue.fromS(deliveryPk(messageId)), SK, AttributeValue.fromS("DELIVERY"));
    }
}
