package dev.helpdesk.store;

import static dev.helpdesk.store.TableDesign.*;

import dev.helpdesk.domain.Attachment;
import dev.helpdesk.domain.Channel;
import dev.helpdesk.domain.Message;
import dev.helpdesk.domain.Priority;
import dev.helpdesk.domain.Sentiment;
import dev.helpdesk.domain.SentimentLabel;
import dev.helpdesk.domain.Status;
import dev.helpdesk.domain.Ticket;
import dev.helpdesk.domain.TimelineEntry;
import dev.helpdesk.events.HelpdeskEvent;
import dev.helpdesk.json.Json;
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
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/** Tickets and everything under them (messages, notes, timeline, outbox), with optimistic concurrency. */
public final class TicketStore {
    /** How long a redelivered provider message is still recognised; providers retry within hours. */
    static final Duration INBOUND_MEMORY = Duration.ofDays(30);

    static final String OUTBOX = "OUTBOX";

    private final DynamoDbClient dynamo;
    private final String table;

    public TicketStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    public Optional<Ticket> find(String ticketId) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table).consistentRead(true)
                .key(Map.of(PK, AttributeValue.fromS(ticketPk(ticketId)), SK, AttributeValue.fromS(TICKET_SK))))
                .item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(toTicket(Item.of(item)));
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
        List<TransactWriteItem> writes = new ArrayList<>();
        writes.add(TransactWriteItem.builder().put(p -> {
            p.tableName(table).item(toItem(stored).values());
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
            TicketChange.InboundReceipt r = change.inbound();
            Item item = Item.create().put(PK, inboundPk(r.channel(), r.providerMessageId())).put(SK, "INBOUND")
                    .put("ticketId", r.ticketId()).put("messageId", r.messageId())
                    .put(EXPIRES_AT, ticket.updatedAt().plus(INBOUND_MEMORY).getEpochSecond());
            writes.add(TransactWriteItem.builder().put(p -> p.tableName(table).item(item.values())
                    .conditionExpression("attribute_not_exists(PK)")).build());
        }
        if (change.inbound() != null && change.inbound().threadRef() != null) {
            writes.add(put(Item.create().put(PK, threadRefPk(change.inbound().threadRef())).put(SK, "REF")
                    .put("ticketId", ticket.ticketId())));
        }
        if (change.created()) {
            writes.add(put(Item.create().put(PK, ticketNumberPk(ticket.number())).put(SK, "TICKETNO")
                    .put("ticketId", ticket.ticketId())));
        }
        for (Message m : change.messages()) {
            writes.add(put(messageItem(m)));
        }
        int sequence = 0;
        for (TimelineEntry e : change.timeline()) {
            writes.add(put(timelineItem(e, sequence++)));
        }
        for (HelpdeskEvent e : change.events()) {
            writes.add(put(outboxItem(e)));
        }
        for (DueTimer timer : change.timersSet()) {
            writes.add(put(timerItem(timer)));
        }
        for (String kind : change.timersCleared()) {
            writes.add(TransactWriteItem.builder().delete(d -> d.tableName(table).key(Map.of(
                    PK, AttributeValue.fromS(ticketPk(ticket.ticketId())), SK, AttributeValue.fromS(timerSk(kind))))).build());
        }
        int rotationIndex = -1;
        if (change.rotation() != null) {
            rotationIndex = writes.size();
            TicketChange.RotationTurn turn = change.rotation();
            writes.add(TransactWriteItem.builder().update(u -> u.tableName(table)
                    .key(Map.of(PK, AttributeValue.fromS(rotationPk(turn.teamId())), SK, AttributeValue.fromS("ROTATION")))
                    .updateExpression("SET #turn = :next, #last = :agent")
                    .conditionExpression(turn.expectedTurn() == 0 ? "attribute_not_exists(#turn) OR #turn = :expected" : "#turn = :expected")
                    .expressionAttributeNames(Map.of("#turn", "turn", "#last", "lastAgentId"))
                    .expressionAttributeValues(Map.of(":next", AttributeValue.fromN(Long.toString(turn.expectedTurn() + 1)),
                            ":expected", AttributeValue.fromN(Long.toString(turn.expectedTurn())),
                            ":agent", AttributeValue.fromS(turn.agentId())))).build());
            // The chosen agent must still be Online at the moment of the claim, not just when they were read.
            writes.add(TransactWriteItem.builder().conditionCheck(c -> c.tableName(table)
                    .key(Map.of(PK, AttributeValue.fromS(agentPk(turn.agentId())), SK, AttributeValue.fromS("AGENT")))
                    .conditionExpression("#online = :true")
                    .expressionAttributeNames(Map.of("#online", "online"))
                    .expressionAttributeValues(Map.of(":true", AttributeValue.fromBool(true)))).build());
        }
        int conversationIndex = -1;
        if (change.conversationKey() != null) {
            conversationIndex = writes.size();
            Item pointer = Item.create().put(PK, conversationPk(change.conversationKey())).put(SK, "CONVERSATION")
                    .put("ticketId", ticket.ticketId());
            writes.add(TransactWriteItem.builder().put(p -> {
                p.tableName(table).item(pointer.values());
                if (change.conversationWas() == null) {
                    p.conditionExpression("attribute_not_exists(PK)");
                } else {
                    p.conditionExpression("ticketId = :was")
                            .expressionAttributeValues(Map.of(":was", AttributeValue.fromS(change.conversationWas())));
                }
            }).build());
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
            List<CancellationReason> reasons = e.cancellationReasons();
            if (inboundIndex >= 0 && failed(reasons, inboundIndex)) {
                throw new DuplicateInboundException("provider message " + change.inbound().providerMessageId()
                        + " on " + change.inbound().channel() + " is already stored");
            }
            if (rotationIndex >= 0 && (failed(reasons, rotationIndex) || failed(reasons, rotationIndex + 1))) {
                throw new StoreExceptions.RotationMovedException("team " + change.rotation().teamId() + "'s rotation moved past turn "
                        + change.rotation().expectedTurn());
            }
            if (failed(reasons, 0)) {
                throw new ConcurrentUpdateException("ticket " + ticket.ticketId()
                        + (change.created() ? " already exists" : " changed since version " + ticket.version()));
            }
            if (conversationIndex >= 0 && failed(reasons, conversationIndex)) {
                throw new ConcurrentUpdateException("conversation " + change.conversationKey() + " moved to another ticket");
            }
            // Real DynamoDB cancels with TransactionConflict when another transaction holds an item: also a race.
            if (reasons != null && reasons.stream().anyMatch(r -> "TransactionConflict".equals(r.code()))) {
                throw new ConcurrentUpdateException("ticket " + ticket.ticketId() + " is being written by another request");
            }
            throw e;
        }
        return stored;
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
        List<TimelineEntry> timeline = new ArrayList<>();
        List<HelpdeskEvent> outbox = new ArrayList<>();
        // The SDK's paginator follows LastEvaluatedKey: one query, however many pages the partition takes.
        QueryRequest query = QueryRequest.builder().tableName(table).consistentRead(true)
                .keyConditionExpression("PK = :pk")
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(ticketPk(ticketId)))).build();
        for (Map<String, AttributeValue> raw : dynamo.queryPaginator(query).items()) {
            Item item = Item.of(raw);
            String sk = item.s(SK);
            if (sk.equals(TICKET_SK)) {
                ticket = toTicket(item);
            } else if (sk.startsWith("MSG#")) {
                messages.add(toMessage(item));
            } else if (sk.startsWith("NOTE#")) {
                notes.add(toMessage(item));
            } else if (sk.startsWith("TL#")) {
                timeline.add(toTimeline(item));
            } else if (sk.startsWith("OUTBOX#")) {
                outbox.add(toEvent(item));
            }
        }
        return ticket == null ? Optional.empty()
                : Optional.of(new TicketRecord(ticket, messages, notes, timeline, outbox));
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
                : statuses.stream().sorted().map(s -> customerHistory(customerId, s)).toList();
        Page<Map<String, AttributeValue>> page = new MergedQuery(dynamo, table).page(index, partitions, newestFirst, limit,
                cursor, consumed);
        return new Page<>(page.items().stream().map(raw -> toTicket(Item.of(raw))).toList(), page.cursor());
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
        List<String> partitions = statuses.stream().sorted()
                .map(s -> assignee == null ? statusView(s) : assigneeView(UNASSIGNED.equals(assignee) ? null : assignee, s)).toList();
        Page<Map<String, AttributeValue>> page = new MergedQuery(dynamo, table).page(index, partitions, order == ViewOrder.NEWEST,
                limit, cursor, null, raw -> keep.test(toTicket(Item.of(raw))));
        return new Page<>(page.items().stream().map(raw -> toTicket(Item.of(raw))).toList(), page.cursor());
    }

    public Page<Ticket> customerTickets(String customerId, boolean newestFirst, int limit, String cursor) {
        return customerTickets(customerId, newestFirst, java.util.Set.of(), limit, cursor, null);
    }

    /**
     * Outbox events that occurred before {@code before}, oldest first: queries the DUE index up to that time,
     * so the cost follows what is due, not the table's size.
     */
    public List<HelpdeskEvent> dueOutbox(Instant before, int limit) {
        QueryRequest query = QueryRequest.builder().tableName(table).indexName(GSI5)
                .keyConditionExpression("#pk = :due AND #sk < :upper")
                .filterExpression("begins_with(#sortKey, :outbox)")
                .expressionAttributeNames(Map.of("#pk", pk(GSI5), "#sk", sk(GSI5), "#sortKey", SK))
                .expressionAttributeValues(Map.of(":due", AttributeValue.fromS(DUE),
                        // '$' sorts right after '#', so every key stamped at or before 'before' is included.
                        ":upper", AttributeValue.fromS(SortableTime.format(before) + "$"),
                        ":outbox", AttributeValue.fromS(outboxSk(""))))
                .limit(Math.min(limit, 100)).build();
        return dynamo.queryPaginator(query).items().stream().limit(limit).map(raw -> toEvent(Item.of(raw))).toList();
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
     * Removes a ticket for good (R-STATUS-1 purge): the ticket, its messages, notes, timeline, timers and outbox,
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
        writes.add(TransactWriteItem.builder().put(p -> p.tableName(table).item(toItem(oldTicket.atVersion(oldTicket.version() + 1)).values())
                .conditionExpression("version = :expected")
                .expressionAttributeValues(Map.of(":expected", AttributeValue.fromN(Long.toString(oldTicket.version()))))).build());
        Ticket newTicket = to.ticket();
        writes.add(TransactWriteItem.builder().put(p -> p.tableName(table).item(toItem(newTicket.atVersion(newTicket.version() + 1)).values())
                .conditionExpression("attribute_not_exists(PK)")).build());
        writes.add(put(Item.create().put(PK, ticketNumberPk(newTicket.number())).put(SK, "TICKETNO").put("ticketId", newTicket.ticketId())));
        for (Message m : moved) {
            writes.add(TransactWriteItem.builder().delete(d -> d.tableName(table).key(Map.of(
                    PK, AttributeValue.fromS(ticketPk(oldTicket.ticketId())),
                    SK, AttributeValue.fromS(messageSk(m.createdAt(), m.messageId(), m.isNote()))))
                    .conditionExpression("attribute_exists(PK)")).build());
            writes.add(put(messageItem(new Message(m.messageId(), newTicket.ticketId(), m.kind(), m.authorId(), m.channel(), m.text(),
                    m.attachments(), m.createdAt(), m.fullText(), m.html()))));
        }
        int sequence = 0;
        for (TicketChange change : List.of(from, to)) {
            for (TimelineEntry e : change.timeline()) {
                writes.add(put(timelineItem(e, sequence++)));
            }
            for (HelpdeskEvent e : change.events()) {
                writes.add(put(outboxItem(e)));
            }
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
    }

    /** Removes a published event from the outbox. */
    public void clearOutbox(String ticketId, String eventId) {
        dynamo.deleteItem(b -> b.tableName(table).key(Map.of(PK, AttributeValue.fromS(ticketPk(ticketId)),
                SK, AttributeValue.fromS(outboxSk(eventId)))));
    }

    /** A ticket with everything under it; messages, notes and timeline in time order, the outbox in no order. */
    public record TicketRecord(Ticket ticket, List<Message> messages, List<Message> notes,
                               List<TimelineEntry> timeline, List<HelpdeskEvent> outbox) {
    }

    private TransactWriteItem put(Item item) {
        return TransactWriteItem.builder().put(p -> p.tableName(table).item(item.values())).build();
    }

    static Item toItem(Ticket t) {
        String order = ticketOrder(t);
        return Item.create()
                .put(PK, ticketPk(t.ticketId())).put(SK, TICKET_SK)
                .put("ticketId", t.ticketId()).put("number", t.number()).put("subject", t.subject())
                .put("status", t.status().wire()).put("customStatus", t.customStatus())
                .put("priority", t.priority().wire()).put("channel", t.channel().wire())
                .put("customerId", t.customerId()).put("assigneeId", t.assigneeId()).put("teamId", t.teamId())
                .put("sentimentScore", t.sentiment() == null ? null : t.sentiment().score())
                .put("sentimentLabel", t.sentiment() == null ? null : t.sentiment().label().wire())
                .putList("labels", t.labels())
                .put("createdAt", t.createdAt()).put("updatedAt", t.updatedAt())
                .put("lastInteractionAt", t.lastInteractionAt()).put("closedAt", t.closedAt())
                .put("postponedUntil", t.postponedUntil())
                .put("restoreStatus", t.restoreStatus() == null ? null : t.restoreStatus().wire())
                .put("conversationKey", t.conversationKey()).put("version", t.version())
                .put("sla", t.sla() == null ? null : Json.write(java.util.Map.of("elapsedMs", t.sla().elapsedMs(),
                        "runningSince", t.sla().runningSince() == null ? "" : t.sla().runningSince().toString(),
                        "firstResponseAt", t.sla().firstResponseAt() == null ? "" : t.sla().firstResponseAt().toString(),
                        "reported", t.sla().reported().stream().sorted().toList())))
                .put(pk(GSI1), customerHistory(t.customerId())).put(sk(GSI1), order)
                .put(pk(GSI2), customerHistory(t.customerId(), t.status())).put(sk(GSI2), order)
                .put(pk(GSI3), assigneeView(t.assigneeId(), t.status())).put(sk(GSI3), order)
                .put(pk(GSI4), statusView(t.status())).put(sk(GSI4), order)
                .put(pk(GSI6), assigneeView(t.assigneeId(), t.status())).put(sk(GSI6), sentimentOrder(t))
                .put(pk(GSI7), statusView(t.status())).put(sk(GSI7), sentimentOrder(t));
    }

    static Ticket toTicket(Item i) {
        Integer score = i.nOrNull("sentimentScore");
        Sentiment sentiment = score == null ? null
                : new Sentiment(score, SentimentLabel.fromWire(i.s("sentimentLabel")));
        String restore = i.s("restoreStatus");
        return new Ticket(i.s("ticketId"), i.n("number"), i.s("subject"), Status.fromWire(i.s("status")),
                i.s("customStatus"), Priority.fromWire(i.s("priority")), Channel.fromWire(i.s("channel")),
                i.s("customerId"), i.s("assigneeId"), i.s("teamId"), sentiment, i.list("labels"),
                i.time("createdAt"), i.time("updatedAt"), i.time("lastInteractionAt"), i.time("closedAt"),
                i.time("postponedUntil"), restore == null ? null : Status.fromWire(restore),
                i.s("conversationKey"), i.n("version"), toSla(i.s("sla")));
    }

    private static dev.helpdesk.domain.SlaClock toSla(String json) {
        if (json == null) {
            return null;
        }
        var node = Json.read(json);
        java.util.Set<String> reported = new java.util.HashSet<>();
        node.path("reported").forEach(r -> reported.add(r.asText()));
        String running = node.path("runningSince").asText("");
        String responded = node.path("firstResponseAt").asText("");
        return new dev.helpdesk.domain.SlaClock(node.path("elapsedMs").asLong(), running.isEmpty() ? null : Instant.parse(running),
                responded.isEmpty() ? null : Instant.parse(responded), reported);
    }

    private static Item messageItem(Message m) {
        return Item.create()
                .put(PK, ticketPk(m.ticketId())).put(SK, messageSk(m.createdAt(), m.messageId(), m.isNote()))
                .put("messageId", m.messageId()).put("ticketId", m.ticketId()).put("kind", m.kind().name())
                .put("authorId", m.authorId()).put("channel", m.channel() == null ? null : m.channel().wire())
                .put("text", m.text()).put("fullText", m.fullText()).put("html", m.html()).put("createdAt", m.createdAt())
                .put("attachments", m.attachments().isEmpty() ? null : Json.write(m.attachments()));
    }

    private static Message toMessage(Item i) {
        String channel = i.s("channel");
        String attachments = i.s("attachments");
        List<Attachment> list = attachments == null ? List.of()
                : List.of(Json.MAPPER.convertValue(Json.read(attachments), Attachment[].class));
        return new Message(i.s("messageId"), i.s("ticketId"), Message.Kind.valueOf(i.s("kind")), i.s("authorId"),
                channel == null ? null : Channel.fromWire(channel), i.s("text"), list, i.time("createdAt"),
                i.s("fullText"), i.s("html"));
    }

    static Item timelineItem(TimelineEntry e, int sequence) {
        return Item.create()
                .put(PK, ticketPk(e.ticketId())).put(SK, timelineSk(e.at(), sequence, UUID.randomUUID().toString().substring(0, 8)))
                .put("ticketId", e.ticketId()).put("at", e.at()).put("actor", e.actor()).put("type", e.type())
                .put("details", Json.write(e.details()));
    }

    private static TimelineEntry toTimeline(Item i) {
        return new TimelineEntry(i.s("ticketId"), i.time("at"), i.s("actor"), i.s("type"),
                Json.toMap(Json.read(i.s("details"))));
    }

    static Item outboxItem(HelpdeskEvent e) {
        return Item.create()
                .put(PK, ticketPk(e.ticketId())).put(SK, outboxSk(e.eventId()))
                .put("eventId", e.eventId()).put("detailType", e.detailType()).put("ticketId", e.ticketId())
                .put("occurredAt", e.occurredAt()).put("payload", Json.write(e.payload()))
                .put(pk(GSI5), DUE).put(sk(GSI5), dueOrder(e.occurredAt(), OUTBOX, e.ticketId(), e.eventId()));
    }

    private static Item timerItem(DueTimer t) {
        return Item.create().put(PK, ticketPk(t.ticketId())).put(SK, timerSk(t.kind()))
                .put("ticketId", t.ticketId()).put("kind", t.kind()).put("dueAt", t.dueAt()).put("attempt", t.attempt())
                .put(pk(GSI5), DUE).put(sk(GSI5), dueOrder(t.dueAt(), t.kind(), t.ticketId(), t.kind()));
    }

    private static HelpdeskEvent toEvent(Item i) {
        return new HelpdeskEvent(i.s("detailType"), i.s("eventId"), i.time("occurredAt"), i.s("ticketId"),
                Json.toMap(Json.read(i.s("payload"))));
    }

    private static boolean failed(List<CancellationReason> reasons, int index) {
        return reasons != null && reasons.size() > index
                && "ConditionalCheckFailed".equals(reasons.get(index).code());
    }
}
