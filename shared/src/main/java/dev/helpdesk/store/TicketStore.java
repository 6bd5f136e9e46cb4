package dev.helpdesk.store;

import static dev.helpdesk.store.TableDesign.*;

import dev.helpdesk.domain.Message;
import dev.helpdesk.domain.Ticket;
import dev.helpdesk.domain.TimelineEntry;
import dev.helpdesk.store.StoreExceptions.ConcurrentUpdateException;
import dev.helpdesk.store.StoreExceptions.DuplicateInboundException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.Update;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The ticket aggregate's writes and reads by id: a ticket with its messages and notes, committed atomically with
 * optimistic concurrency, its change (events, timeline entries, timers) riding on a written item to the table's
 * stream, and the pointers and counts the change moves (inbound receipt, thread reference, ticket number,
 * conversation, round-robin turn, the customer's ticket count); a ticket loaded whole, split, or purged. The items a
 * change leads to elsewhere are other classes' jobs: timers ({@link TimerStore}), timeline items
 * ({@link TimelineStore}), pointer look-ups ({@link TicketPointers}), index-backed lists ({@link TicketLists}).
 */
public final class TicketStore {
    /** How long a redelivered provider message is still recognised; providers retry within hours. */
    static final Duration INBOUND_MEMORY = Duration.ofDays(30);

    private final DynamoDbClient dynamo;
    private final String table;
    private final BatchWrites batches;
    private volatile java.util.function.Consumer<RecordedChange> inlineFeed;

    public TicketStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
        this.batches = new BatchWrites(dynamo, table);
    }

    /**
     * For tests of the use cases without a table stream: each committed change goes to {@code feed} right after the
     * write, as the stream would carry it to the change feed function a moment later. Never set in a function.
     */
    public TicketStore feedingInline(java.util.function.Consumer<RecordedChange> feed) {
        this.inlineFeed = feed;
        return this;
    }

    void fed(RecordedChange change) {
        java.util.function.Consumer<RecordedChange> feed = inlineFeed;
        if (feed != null && !change.isEmpty()) {
            try {
                feed.accept(change);
            } catch (RuntimeException e) {
                // As with the stream: the write stands; the record would be retried later.
            }
        }
    }

    public Optional<Ticket> find(String ticketId) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table).consistentRead(true)
                .key(Map.of(PK, AttributeValue.fromS(ticketPk(ticketId)), SK, AttributeValue.fromS(TICKET_SK))))
                .item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(TicketItems.toTicket(Item.of(item)));
    }

    /**
     * One message of a ticket by its key (the time it was written and its id): one GetItem, however long the ticket.
     * Empty when it is not there (never written, purged, or split away to another ticket).
     */
    public Optional<Message> message(String ticketId, Instant at, String messageId) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table).consistentRead(true)
                .key(Map.of(PK, AttributeValue.fromS(ticketPk(ticketId)), SK, AttributeValue.fromS(messageSk(at, messageId, false)))))
                .item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(TicketItems.toMessage(Item.of(item)));
    }

    /**
     * Writes the change atomically. Returns the ticket at its new version.
     *
     * @throws ConcurrentUpdateException if the ticket changed since it was read (or exists, for a new one)
     * @throws DuplicateInboundException if the provider message was already stored
     */
    public Ticket commit(TicketChange change) {
        Ticket ticket = change.ticket();
        Ticket stored = ticket.atVersion(ticket.version() + 1);
        String changeId = UUID.randomUUID().toString();
        // A new ticket's first message carries the change (its events, timeline entries and timers), as on every
        // later message: the ticket item stays small, and the transaction writes no timeline or timer items.
        boolean onMessage = change.created() && !change.messages().isEmpty();
        Item ticketItem = onMessage ? TicketItems.toItem(stored)
                : TicketItems.withChange(TicketItems.toItem(stored), changeId, change.events());
        List<TransactWriteItem> writes = new ArrayList<>();
        writes.add(TransactWriteItem.builder().put(p -> {
            p.tableName(table).item(ticketItem.values());
            if (change.created()) {
                p.conditionExpression("attribute_not_exists(PK)");
            } else {
                p.conditionExpression("version = :expected")
                        .expressionAttributeValues(Map.of(":expected", AttributeValue.fromN(Long.toString(ticket.version()))));
            }
        }).build());
        int inboundIndex = -1;
        if (change.inbound() != null) {
            inboundIndex = writes.size();
            writes.add(inboundReceipt(change.inbound(), ticket));
        }
        if (change.inbound() != null && change.inbound().threadRef() != null) {
            writes.add(put(Item.create().put(PK, threadRefPk(change.inbound().threadRef())).put(SK, "REF")
                    .put("ticketId", ticket.ticketId())));
        }
        if (change.created()) {
            writes.add(put(Item.create().put(PK, ticketNumberPk(ticket.number())).put(SK, "TICKETNO")
                    .put("ticketId", ticket.ticketId())));
        }
        for (int i = 0; i < change.messages().size(); i++) {
            Message m = change.messages().get(i);
            Item message = TicketItems.messageItem(m);
            if (i == 0 && onMessage) {
                message.put(ChangeRecords.ATTRIBUTE, ChangeRecords.write(changeId, change.events(), change.timeline(),
                        change.timersSet(), change.timersCleared(), carrierAttributes(m)));
            }
            writes.add(put(message));
        }
        if (!onMessage) {
            int sequence = 0;
            for (TimelineEntry e : change.timeline()) {
                writes.add(put(TicketItems.timelineItem(e, sequence++)));
            }
            for (DueTimer timer : change.timersSet()) {
                writes.add(put(TicketItems.timerItem(timer)));
            }
            for (String kind : change.timersCleared()) {
                writes.add(TransactWriteItem.builder().delete(d -> d.tableName(table).key(Map.of(
                        PK, AttributeValue.fromS(ticketPk(ticket.ticketId())), SK, AttributeValue.fromS(timerSk(kind))))).build());
            }
        }
        int rotationIndex = -1;
        if (change.rotation() != null) {
            rotationIndex = writes.size();
            writes.addAll(rotationTurn(change.rotation()));
        }
        int conversationIndex = -1;
        if (change.conversationKey() != null) {
            conversationIndex = writes.size();
            writes.add(conversationPointer(change, ticket.ticketId()));
        }
        if (change.created()) {
            writes.add(TransactWriteItem.builder().update(u -> u.tableName(table)
                    .key(Map.of(PK, AttributeValue.fromS(customerPk(ticket.customerId())), SK, AttributeValue.fromS("PROFILE")))
                    .updateExpression("ADD ticketCount :one")
                    .expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1")))).build());
        }
        try {
            dynamo.transactWriteItems(b -> b.transactItems(writes));
        } catch (TransactionCanceledException e) {
            throw cancelled(e, change, ticket.ticketId(), 0, inboundIndex, rotationIndex, conversationIndex,
                    change.created() ? " already exists" : " changed since version " + ticket.version());
        }
        fed(onMessage
                ? new RecordedChange(changeId, ticket.ticketId(), change.events(), change.timeline(), false, change.timersSet(),
                        change.timersCleared())
                : new RecordedChange(changeId, ticket.ticketId(), change.events(), List.of(), true, List.of(), List.of()));
        return stored;
    }

    /**
     * Writes a change to an existing ticket, decided on {@code before} (issue 16): a targeted update of the ticket
     * item whose condition is what the decision depended on ({@link TicketUpdate}), written alone when the change adds
     * no item, or with the items it adds in one transaction (a message and its ticket, a receipt, a rotation turn).
     * The change's events, timeline entries and timers ride on one written item, the carrier (its first message, else
     * the ticket item), and reach the table's stream with it. A note that changes nothing on its ticket is one put.
     *
     * @throws ConcurrentUpdateException if an attribute the change depends on moved since {@code before} was read
     * @throws DuplicateInboundException if the provider message was already stored
     */
    public Ticket commit(Ticket before, TicketChange change) {
        if (change.created()) {
            return commit(change);
        }
        Ticket after = change.ticket();
        TicketUpdate update = new TicketUpdate(table, before, after);
        String changeId = UUID.randomUUID().toString();
        boolean recorded = !change.events().isEmpty() || !change.timeline().isEmpty() || !change.timersSet().isEmpty()
                || !change.timersCleared().isEmpty();
        Map<String, String> carrier = change.messages().isEmpty() ? Map.of() : carrierAttributes(change.messages().get(0));
        String changeJson = recorded ? ChangeRecords.write(changeId, change.events(), change.timeline(), change.timersSet(),
                change.timersCleared(), carrier) : null;
        List<TransactWriteItem> writes = new ArrayList<>();
        boolean onTicket = change.messages().isEmpty();
        int ticketIndex = -1;
        if (!update.isEmpty() || (onTicket && recorded)) {
            ticketIndex = writes.size();
            writes.add(TransactWriteItem.builder().update(update.build(onTicket ? changeJson : null)).build());
        }
        for (int i = 0; i < change.messages().size(); i++) {
            Item message = TicketItems.messageItem(change.messages().get(i));
            if (i == 0 && changeJson != null) {
                message.put(ChangeRecords.ATTRIBUTE, changeJson);
            }
            // The message id is new: a message is written once, never replaced.
            writes.add(TransactWriteItem.builder().put(p -> p.tableName(table).item(message.values())
                    .conditionExpression("attribute_not_exists(PK)")).build());
        }
        int inboundIndex = -1;
        if (change.inbound() != null) {
            inboundIndex = writes.size();
            writes.add(inboundReceipt(change.inbound(), after));
            if (change.inbound().threadRef() != null) {
                writes.add(put(Item.create().put(PK, threadRefPk(change.inbound().threadRef())).put(SK, "REF")
                        .put("ticketId", after.ticketId())));
            }
        }
        int rotationIndex = -1;
        if (change.rotation() != null) {
            rotationIndex = writes.size();
            writes.addAll(rotationTurn(change.rotation()));
        }
        int conversationIndex = -1;
        if (change.conversationKey() != null) {
            conversationIndex = writes.size();
            writes.add(conversationPointer(change, after.ticketId()));
        }
        try {
            write(writes);
        } catch (ConditionalCheckFailedException e) {
            throw new ConcurrentUpdateException("ticket " + after.ticketId() + " moved since it was read");
        } catch (TransactionCanceledException e) {
            throw cancelled(e, change, after.ticketId(), ticketIndex, inboundIndex, rotationIndex, conversationIndex,
                    " moved since it was read");
        }
        if (recorded) {
            fed(new RecordedChange(changeId, after.ticketId(), change.events(), change.timeline(), onTicket,
                    change.timersSet(), change.timersCleared()));
        }
        return after.atVersion(before.version() + (ticketIndex >= 0 ? 1 : 0));
    }

    /** The attributes of a carrying message that its change's events need not repeat ({@link ChangeRecords}). */
    private static Map<String, String> carrierAttributes(Message m) {
        Map<String, String> carrier = new java.util.HashMap<>();
        carrier.put("text", m.text());
        carrier.put("messageId", m.messageId());
        carrier.put("authorId", m.authorId());
        carrier.put("channel", m.channel() == null ? null : m.channel().wire());
        return carrier;
    }

    /** Why a ticket transaction was cancelled, as the exception its caller acts on (index -1: not in it). */
    private static RuntimeException cancelled(TransactionCanceledException e, TicketChange change, String ticketId, int ticketIndex,
                                              int inboundIndex, int rotationIndex, int conversationIndex, String ticketMoved) {
        List<CancellationReason> reasons = e.cancellationReasons();
        if (inboundIndex >= 0 && failed(reasons, inboundIndex)) {
            return new DuplicateInboundException("provider message " + change.inbound().providerMessageId()
                    + " on " + change.inbound().channel() + " is already stored");
        }
        if (rotationIndex >= 0 && (failed(reasons, rotationIndex) || failed(reasons, rotationIndex + 1))) {
            return new StoreExceptions.RotationMovedException("team " + change.rotation().teamId() + "'s rotation moved past turn "
                    + change.rotation().expectedTurn());
        }
        if (ticketIndex >= 0 && failed(reasons, ticketIndex)) {
            return new ConcurrentUpdateException("ticket " + ticketId + ticketMoved);
        }
        if (conversationIndex >= 0 && failed(reasons, conversationIndex)) {
            return new ConcurrentUpdateException("conversation " + change.conversationKey() + " moved to another ticket");
        }
        // Real DynamoDB cancels with TransactionConflict when another transaction holds an item: also a race.
        if (reasons != null && reasons.stream().anyMatch(r -> "TransactionConflict".equals(r.code()))) {
            return new ConcurrentUpdateException("ticket " + ticketId + " is being written by another request");
        }
        return e;
    }

    /** One write alone as itself (cheaper, and exactly metered), several as a transaction. */
    private void write(List<TransactWriteItem> writes) {
        if (writes.isEmpty()) {
            return;
        }
        if (writes.size() > 1) {
            dynamo.transactWriteItems(b -> b.transactItems(writes));
            return;
        }
        TransactWriteItem only = writes.get(0);
        if (only.update() != null) {
            Update u = only.update();
            dynamo.updateItem(b -> b.tableName(u.tableName()).key(u.key()).updateExpression(u.updateExpression())
                    .conditionExpression(u.conditionExpression()).expressionAttributeNames(u.expressionAttributeNames())
                    .expressionAttributeValues(u.expressionAttributeValues()));
        } else if (only.put() != null) {
            Put p = only.put();
            dynamo.putItem(b -> b.tableName(p.tableName()).item(p.item()).conditionExpression(p.conditionExpression())
                    .expressionAttributeNames(p.expressionAttributeNames()).expressionAttributeValues(p.expressionAttributeValues()));
        } else {
            dynamo.transactWriteItems(b -> b.transactItems(writes));
        }
    }

    private TransactWriteItem inboundReceipt(TicketChange.InboundReceipt r, Ticket ticket) {
        Item item = Item.create().put(PK, inboundPk(r.channel(), r.providerMessageId())).put(SK, "INBOUND")
                .put("ticketId", r.ticketId()).put("messageId", r.messageId())
                .put(EXPIRES_AT, ticket.updatedAt().plus(INBOUND_MEMORY).getEpochSecond());
        return TransactWriteItem.builder().put(p -> p.tableName(table).item(item.values())
                .conditionExpression("attribute_not_exists(PK)")).build();
    }

    /** The team's cursor moves one turn, and only if nobody moved it; the chosen agent must still be Online. */
    private List<TransactWriteItem> rotationTurn(TicketChange.RotationTurn turn) {
        return List.of(TransactWriteItem.builder().update(u -> u.tableName(table)
                        .key(Map.of(PK, AttributeValue.fromS(rotationPk(turn.teamId())), SK, AttributeValue.fromS("ROTATION")))
                        .updateExpression("SET #turn = :next, #last = :agent")
                        .conditionExpression(turn.expectedTurn() == 0 ? "attribute_not_exists(#turn) OR #turn = :expected" : "#turn = :expected")
                        .expressionAttributeNames(Map.of("#turn", "turn", "#last", "lastAgentId"))
                        .expressionAttributeValues(Map.of(":next", AttributeValue.fromN(Long.toString(turn.expectedTurn() + 1)),
                                ":expected", AttributeValue.fromN(Long.toString(turn.expectedTurn())),
                                ":agent", AttributeValue.fromS(turn.agentId())))).build(),
                TransactWriteItem.builder().conditionCheck(c -> c.tableName(table)
                        .key(Map.of(PK, AttributeValue.fromS(agentPk(turn.agentId())), SK, AttributeValue.fromS("AGENT")))
                        .conditionExpression("#online = :true")
                        .expressionAttributeNames(Map.of("#online", "online"))
                        .expressionAttributeValues(Map.of(":true", AttributeValue.fromBool(true)))).build());
    }

    /** The conversation now threads into this ticket, if it still points where it did when read. */
    private TransactWriteItem conversationPointer(TicketChange change, String ticketId) {
        Item pointer = Item.create().put(PK, conversationPk(change.conversationKey())).put(SK, "CONVERSATION").put("ticketId", ticketId);
        return TransactWriteItem.builder().put(p -> {
            p.tableName(table).item(pointer.values());
            if (change.conversationWas() == null) {
                p.conditionExpression("attribute_not_exists(PK)");
            } else {
                p.conditionExpression("ticketId = :was")
                        .expressionAttributeValues(Map.of(":was", AttributeValue.fromS(change.conversationWas())));
            }
        }).build();
    }

    /** The ticket with its transcript, notes, timeline and pending events: one query on its partition. */
    public Optional<TicketRecord> load(String ticketId) {
        Ticket ticket = null;
        List<Message> messages = new ArrayList<>();
        List<Message> notes = new ArrayList<>();
        // By sort key, i.e. in time order. Entries a change carries (on a message for good, on the ticket until the
        // change feed copies them out) are read from it, under the key their copy has or would have.
        java.util.TreeMap<String, TimelineEntry> timeline = new java.util.TreeMap<>();
        List<RecordedChange> carried = new ArrayList<>();
        // The SDK's paginator follows LastEvaluatedKey: one query, however many pages the partition takes.
        QueryRequest query = QueryRequest.builder().tableName(table).consistentRead(true)
                .keyConditionExpression("PK = :pk")
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(ticketPk(ticketId)))).build();
        for (Map<String, AttributeValue> raw : dynamo.queryPaginator(query).items()) {
            Item item = Item.of(raw);
            String sk = item.s(SK);
            if (sk.equals(TICKET_SK)) {
                ticket = TicketItems.toTicket(item);
            } else if (sk.startsWith("MSG#")) {
                messages.add(TicketItems.toMessage(item));
            } else if (sk.startsWith("NOTE#")) {
                notes.add(TicketItems.toMessage(item));
            } else if (sk.startsWith("TL#")) {
                timeline.put(sk, TicketItems.toTimeline(item));
            }
            ChangeRecords.of(raw).ifPresent(carried::add);
        }
        for (RecordedChange change : carried) {
            for (int i = 0; i < change.timeline().size(); i++) {
                TimelineEntry e = change.timeline().get(i);
                timeline.putIfAbsent(timelineSk(e.at(), i, TicketItems.shortId(change.id())), e);
            }
        }
        return ticket == null ? Optional.empty()
                : Optional.of(new TicketRecord(ticket, messages, notes, new ArrayList<>(timeline.values())));
    }

    /**
     * Removes a ticket for good (R-STATUS-1 purge): the ticket, its messages, notes, timeline and timers,
     * and its number; the customer's count goes down. Pointers from a conversation or an email Message-ID are
     * left to dangle: they resolve to nothing, and the next message starts a new ticket.
     *
     * @return false when there was no such ticket
     */
    public boolean purge(String ticketId) {
        Optional<Ticket> ticket = find(ticketId);
        if (ticket.isEmpty()) {
            return false;
        }
        QueryRequest query = QueryRequest.builder().tableName(table).keyConditionExpression("PK = :pk")
                .projectionExpression("PK, SK")
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(ticketPk(ticketId)))).build();
        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        dynamo.queryPaginator(query).items().stream().filter(k -> !TICKET_SK.equals(k.get(SK).s())).forEach(keys::add);
        keys.add(Map.of(PK, AttributeValue.fromS(ticketNumberPk(ticket.get().number())), SK, AttributeValue.fromS("TICKETNO")));
        // The ticket item goes last: if DynamoDB keeps leaving deletes unprocessed (Busy), the ticket is still there,
        // and purging it again finishes the job.
        keys.add(Map.of(PK, AttributeValue.fromS(ticketPk(ticketId)), SK, AttributeValue.fromS(TICKET_SK)));
        batches.write(keys.stream().map(k -> WriteRequest.builder().deleteRequest(d -> d.key(k)).build()).toList(),
                "purge of ticket " + ticketId);
        dynamo.updateItem(b -> b.tableName(table)
                .key(Map.of(PK, AttributeValue.fromS(customerPk(ticket.get().customerId())), SK, AttributeValue.fromS("PROFILE")))
                .updateExpression("ADD ticketCount :minusOne")
                .expressionAttributeValues(Map.of(":minusOne", AttributeValue.fromN("-1"))));
        return true;
    }

    /**
     * Moves messages from one ticket to a new one (R-STATUS-6), in one transaction: the new ticket with the moved
     * messages and its own change, the old ticket at its expected version, and the moved messages deleted from it.
     */
    public void split(TicketChange from, TicketChange to, List<Message> moved) {
        if (moved.size() + to.timeline().size() + from.timeline().size() + from.events().size() + to.events().size() > 90) {
            throw new IllegalArgumentException("too many items to split in one transaction");
        }
        List<TransactWriteItem> writes = new ArrayList<>();
        Ticket oldTicket = from.ticket();
        String fromChange = UUID.randomUUID().toString();
        String toChange = UUID.randomUUID().toString();
        Item oldItem = TicketItems.withChange(TicketItems.toItem(oldTicket.atVersion(oldTicket.version() + 1)), fromChange, from.events());
        writes.add(TransactWriteItem.builder().put(p -> p.tableName(table).item(oldItem.values())
                .conditionExpression("version = :expected")
                .expressionAttributeValues(Map.of(":expected", AttributeValue.fromN(Long.toString(oldTicket.version()))))).build());
        Ticket newTicket = to.ticket();
        Item newItem = TicketItems.withChange(TicketItems.toItem(newTicket.atVersion(newTicket.version() + 1)), toChange, to.events());
        writes.add(TransactWriteItem.builder().put(p -> p.tableName(table).item(newItem.values())
                .conditionExpression("attribute_not_exists(PK)")).build());
        writes.add(put(Item.create().put(PK, ticketNumberPk(newTicket.number())).put(SK, "TICKETNO").put("ticketId", newTicket.ticketId())));
        for (Message m : moved) {
            writes.add(TransactWriteItem.builder().delete(d -> d.tableName(table).key(Map.of(
                    PK, AttributeValue.fromS(ticketPk(oldTicket.ticketId())),
                    SK, AttributeValue.fromS(messageSk(m.createdAt(), m.messageId(), m.isNote()))))
                    .conditionExpression("attribute_exists(PK)")).build());
            writes.add(put(TicketItems.messageItem(new Message(m.messageId(), newTicket.ticketId(), m.kind(), m.authorId(), m.channel(), m.text(),
                    m.attachments(), m.createdAt(), m.fullText(), m.html()))));
        }
        int sequence = 0;
        for (TicketChange change : List.of(from, to)) {
            for (TimelineEntry e : change.timeline()) {
                writes.add(put(TicketItems.timelineItem(e, sequence++)));
            }
        }
        for (DueTimer timer : to.timersSet()) {
            writes.add(put(TicketItems.timerItem(timer)));
        }
        writes.add(TransactWriteItem.builder().update(u -> u.tableName(table)
                .key(Map.of(PK, AttributeValue.fromS(customerPk(newTicket.customerId())), SK, AttributeValue.fromS("PROFILE")))
                .updateExpression("ADD ticketCount :one")
                .expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1")))).build());
        try {
            dynamo.transactWriteItems(b -> b.transactItems(writes));
        } catch (TransactionCanceledException e) {
            throw new ConcurrentUpdateException("ticket " + oldTicket.ticketId() + " changed while splitting it");
        }
        fed(new RecordedChange(fromChange, oldTicket.ticketId(), from.events(), List.of(), true, List.of(), List.of()));
        fed(new RecordedChange(toChange, newTicket.ticketId(), to.events(), List.of(), true, List.of(), List.of()));
    }

    /** A ticket with everything under it; messages, notes and timeline in time order. */
    public record TicketRecord(Ticket ticket, List<Message> messages, List<Message> notes,
                               List<TimelineEntry> timeline) {
    }

    private TransactWriteItem put(Item item) {
        return TransactWriteItem.builder().put(p -> p.tableName(table).item(item.values())).build();
    }

    private static boolean failed(List<CancellationReason> reasons, int index) {
        return reasons != null && reasons.size() > index
                && "ConditionalCheckFailed".equals(reasons.get(index).code());
    }
}
