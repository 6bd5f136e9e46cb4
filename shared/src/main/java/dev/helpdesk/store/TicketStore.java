package dev.helpdesk.store;

import static dev.helpdesk.store.TableDesign.*;

import dev.helpdesk.domain.Message;
import dev.helpdesk.domain.Status;
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

/** Tickets and everything under them (messages, notes, timeline, timers), with optimistic concurrency. */
public final class TicketStore {
    /** How long a redelivered provider message is still recognised; providers retry within hours. */
    static final Duration INBOUND_MEMORY = Duration.ofDays(30);

    private final DynamoDbClient dynamo;
    private final String table;
    private volatile java.util.function.Consumer<RecordedChange> inlineFeed;

    public TicketStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
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

    /** The ticket a provider message was stored on, if this message was seen before. */
    public Optional<TicketChange.InboundReceipt> findInbound(String channel, String providerMessageId) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table).consistentRead(true)
                .key(Map.of(PK, AttributeValue.fromS(inboundPk(channel, providerMessageId)), SK, AttributeValue.fromS("INBOUND"))))
                .item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        Item i = Item.of(item);
        return Optional.of(new TicketChange.InboundReceipt(channel, providerMessageId, i.s("ticketId"), i.s("messageId")));
    }

    /** The ticket an email Message-ID belongs to (the customer's or our own reply's). */
    public Optional<String> findThreadRef(String messageId) {
        return pointer(threadRefPk(messageId), "REF");
    }

    /** The ticket with this human number. */
    public Optional<String> findByNumber(long number) {
        return pointer(ticketNumberPk(number), "TICKETNO");
    }

    private Optional<String> pointer(String pk, String sk) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table).consistentRead(true)
                .key(Map.of(PK, AttributeValue.fromS(pk), SK, AttributeValue.fromS(sk)))).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(item.get("ticketId").s());
    }

    /** The ticket a channel conversation currently threads into. */
    public Optional<String> findConversation(String conversationKey) {
        return pointer(conversationPk(conversationKey), "CONVERSATION");
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
     * One page of a customer's tickets (R-HIST), newest or oldest first, optionally only some statuses: one
     * indexed query per status (GSI2), or one on GSI1 for all, merged; never a scan, so a page costs the same
     * however long the history is (R-HIST-4).
     *
     * @param consumed receives the read capacity each query reports (benchmarks), or null
     */
    public Page<Ticket> customerTickets(String customerId, boolean newestFirst, java.util.Set<dev.helpdesk.domain.Status> statuses,
                                        int limit, String cursor, java.util.function.DoubleConsumer consumed) {
        String index = statuses.isEmpty() ? GSI1 : GSI2;
        List<String> partitions = statuses.isEmpty() ? List.of(customerHistory(customerId))
                : phases(statuses).stream().map(phase -> customerHistory(customerId, phase)).toList();
        Page<Map<String, AttributeValue>> page = new MergedQuery(dynamo, table).page(index, partitions, newestFirst, limit,
                cursor, consumed, raw -> statuses.isEmpty() || statuses.contains(Status.fromWire(raw.get("status").s())));
        return new Page<>(page.items().stream().map(raw -> TicketItems.toTicket(Item.of(raw))).toList(), page.cursor());
    }

    /**
     * A view page (R-ASSIGN-7): tickets of one assignee (or none, {@code unassigned}) or of everyone, in the given
     * statuses, merged from one indexed query per status, filtered by {@code keep}. Newest and oldest read GSI3 (by
     * assignee and status) or GSI4 (by status); most upset first reads GSI6 or GSI7, their sentiment-ordered twins.
     *
     * @param assignee an agent id, {@link TableDesign#UNASSIGNED}, or null for all tickets
     */
    public Page<Ticket> view(String assignee, java.util.Set<dev.helpdesk.domain.Status> statuses, ViewOrder order, int limit,
                             String cursor, java.util.function.Predicate<Ticket> keep) {
        boolean bySentiment = order == ViewOrder.SENTIMENT;
        String index = assignee == null ? (bySentiment ? GSI7 : GSI4) : (bySentiment ? GSI6 : GSI3);
        List<String> partitions = phases(statuses).stream()
                .map(phase -> assignee == null ? statusView(phase) : assigneeView(UNASSIGNED.equals(assignee) ? null : assignee, phase)).toList();
        Page<Map<String, AttributeValue>> page = new MergedQuery(dynamo, table).page(index, partitions, order == ViewOrder.NEWEST,
                limit, cursor, null, raw -> {
                    Ticket ticket = TicketItems.toTicket(Item.of(raw));
                    return statuses.contains(ticket.status()) && keep.test(ticket);
                });
        return new Page<>(page.items().stream().map(raw -> TicketItems.toTicket(Item.of(raw))).toList(), page.cursor());
    }

    public Page<Ticket> customerTickets(String customerId, boolean newestFirst, int limit, String cursor) {
        return customerTickets(customerId, newestFirst, java.util.Set.of(), limit, cursor, null);
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
        dynamo.queryPaginator(query).items().forEach(keys::add);
        keys.add(Map.of(PK, AttributeValue.fromS(ticketNumberPk(ticket.get().number())), SK, AttributeValue.fromS("TICKETNO")));
        for (int from = 0; from < keys.size(); from += 25) {
            List<software.amazon.awssdk.services.dynamodb.model.WriteRequest> deletes = keys.subList(from, Math.min(keys.size(), from + 25))
                    .stream().map(k -> software.amazon.awssdk.services.dynamodb.model.WriteRequest.builder()
                            .deleteRequest(d -> d.key(k)).build()).toList();
            Map<String, List<software.amazon.awssdk.services.dynamodb.model.WriteRequest>> pending = Map.of(table, deletes);
            for (int attempt = 0; attempt < 8 && !pending.isEmpty(); attempt++) {
                Map<String, List<software.amazon.awssdk.services.dynamodb.model.WriteRequest>> request = pending;
                var response = dynamo.batchWriteItem(b -> b.requestItems(request));
                pending = response.unprocessedItems() == null ? Map.of() : response.unprocessedItems();
            }
        }
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

    /**
     * Copies the timeline entries of a change the ticket item carried into items of their own (the change feed calls
     * this). Each entry's key comes from the change's id, so a repeated call rewrites the same items.
     */
    public void recordTimeline(RecordedChange change) {
        List<software.amazon.awssdk.services.dynamodb.model.WriteRequest> puts = new ArrayList<>();
        for (int i = 0; i < change.timeline().size(); i++) {
            TimelineEntry e = change.timeline().get(i);
            Item item = TicketItems.timelineItem(e, i, change.id());
            puts.add(software.amazon.awssdk.services.dynamodb.model.WriteRequest.builder().putRequest(p -> p.item(item.values())).build());
        }
        batchWrite(puts, "timeline of change " + change.id());
    }

    /**
     * Arms and disarms the timers a change recorded (the change feed calls this): puts replace a kind's timer,
     * deletes of a missing one do nothing, so a repeated call leaves the same state.
     */
    public void applyTimers(RecordedChange change) {
        List<software.amazon.awssdk.services.dynamodb.model.WriteRequest> writes = new ArrayList<>();
        for (DueTimer timer : change.timersSet()) {
            Item item = TicketItems.timerItem(timer);
            writes.add(software.amazon.awssdk.services.dynamodb.model.WriteRequest.builder().putRequest(p -> p.item(item.values())).build());
        }
        List<Map<String, AttributeValue>> toClear = change.timersCleared().stream().distinct()
                .filter(kind -> change.timersSet().stream().noneMatch(t -> t.kind().equals(kind)))
                .map(kind -> Map.of(PK, AttributeValue.fromS(ticketPk(change.ticketId())), SK, AttributeValue.fromS(timerSk(kind))))
                .toList();
        // A delete costs a write unit even when there is nothing to delete; a read of the key costs a tenth of that.
        for (Map<String, AttributeValue> key : armed(toClear)) {
            writes.add(software.amazon.awssdk.services.dynamodb.model.WriteRequest.builder().deleteRequest(d -> d.key(key)).build());
        }
        batchWrite(writes, "timers of change " + change.id());
    }

    /** Those of these timer keys that hold a timer (eventually consistent: a timer cleared twice is harmless). */
    private List<Map<String, AttributeValue>> armed(List<Map<String, AttributeValue>> keys) {
        if (keys.isEmpty()) {
            return List.of();
        }
        List<Map<String, AttributeValue>> found = new ArrayList<>();
        Map<String, software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes> pending = Map.of(table,
                software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes.builder().keys(keys).projectionExpression("PK, SK").build());
        for (int attempt = 0; !pending.isEmpty(); attempt++) {
            if (attempt == 8) {
                throw new StoreExceptions.Busy("timer reads stayed unprocessed");
            }
            Map<String, software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes> request = pending;
            var response = dynamo.batchGetItem(b -> b.requestItems(request));
            found.addAll(response.responses().getOrDefault(table, List.of()));
            pending = response.unprocessedKeys() == null ? Map.of() : response.unprocessedKeys();
        }
        return found;
    }

    /** Writes in batches of 25, retrying what DynamoDB leaves unprocessed; {@link StoreExceptions.Busy} if it keeps doing so. */
    private void batchWrite(List<software.amazon.awssdk.services.dynamodb.model.WriteRequest> writes, String what) {
        for (int from = 0; from < writes.size(); from += 25) {
            Map<String, List<software.amazon.awssdk.services.dynamodb.model.WriteRequest>> pending =
                    Map.of(table, writes.subList(from, Math.min(writes.size(), from + 25)));
            for (int attempt = 0; !pending.isEmpty(); attempt++) {
                if (attempt == 8) {
                    throw new StoreExceptions.Busy(pending.get(table).size() + " writes of " + what + " stayed unprocessed");
                }
                Map<String, List<software.amazon.awssdk.services.dynamodb.model.WriteRequest>> request = pending;
                var response = dynamo.batchWriteItem(b -> b.requestItems(request));
                pending = response.unprocessedItems() == null ? Map.of() : response.unprocessedItems();
            }
        }
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
