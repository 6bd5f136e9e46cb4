package dev.helpdesk.store;

import static dev.helpdesk.store.TableDesign.*;

import dev.helpdesk.domain.Status;
import dev.helpdesk.domain.Ticket;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.DoubleConsumer;
import java.util.function.Predicate;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Pages of tickets listed by the ticket indexes, a customer's history (R-HIST) and the agents' views (R-ASSIGN-7):
 * one indexed query per partition, merged ({@link MergedQuery}); never a scan.
 */
public final class TicketLists {
    private final DynamoDbClient dynamo;
    private final String table;

    public TicketLists(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    /**
     * One page of a customer's tickets (R-HIST), newest or oldest first, optionally only some statuses: one
     * indexed query per status (GSI2), or one on GSI1 for all, merged; never a scan, so a page costs the same
     * however long the history is (R-HIST-4).
     *
     * @param consumed receives the read capacity each query reports (benchmarks), or null
     */
    public Page<Ticket> customerTickets(String customerId, boolean newestFirst, Set<Status> statuses,
                                        int limit, String cursor, DoubleConsumer consumed) {
        String index = statuses.isEmpty() ? GSI1 : GSI2;
        List<String> partitions = statuses.isEmpty() ? List.of(customerHistory(customerId))
                : phases(statuses).stream().map(phase -> customerHistory(customerId, phase)).toList();
        Page<Map<String, AttributeValue>> page = new MergedQuery(dynamo, table).page(index, partitions, newestFirst, limit,
                cursor, consumed, raw -> statuses.isEmpty() || statuses.contains(Status.fromWire(raw.get("status").s())));
        return new Page<>(page.items().stream().map(raw -> TicketItems.toTicket(Item.of(raw))).toList(), page.cursor());
    }

    public Page<Ticket> customerTickets(String customerId, boolean newestFirst, int limit, String cursor) {
        return customerTickets(customerId, newestFirst, Set.of(), limit, cursor, null);
    }

    /**
     * A view page (R-ASSIGN-7): tickets of one assignee (or none, {@code unassigned}) or of everyone, in the given
     * statuses, merged from one indexed query per status, filtered by {@code keep}. Newest and oldest read GSI3 (by
     * assignee and status) or GSI4 (by status); most upset first reads GSI6 or GSI7, their sentiment-ordered twins.
     *
     * @param assignee an agent id, {@link TableDesign#UNASSIGNED}, or null for all tickets
     */
    public Page<Ticket> view(String assignee, Set<Status> statuses, ViewOrder order, int limit,
                             String cursor, Predicate<Ticket> keep) {
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

    /**
     * How many active tickets (New, Open, Answered, Postponed: the one Active phase) a view holds, counted up to
     * {@code cap}: a COUNT query on the view's index partition reads keys-only entries and stops at the cap, so a
     * count costs at most cap × ~0.1 KB of reads however large the backlog.
     *
     * @param assignee an agent id, {@link TableDesign#UNASSIGNED}, or null for all tickets
     */
    public long countActive(String assignee, int cap) {
        String index = assignee == null ? GSI4 : GSI3;
        String partition = assignee == null ? statusView(Status.NEW)
                : assigneeView(UNASSIGNED.equals(assignee) ? null : assignee, Status.NEW);
        long counted = 0;
        Map<String, AttributeValue> start = null;
        do {
            int limit = (int) Math.min(Integer.MAX_VALUE, cap - counted);
            Map<String, AttributeValue> from = start;
            var page = dynamo.query(q -> q.tableName(table).indexName(index)
                    .keyConditionExpression("#pk = :pk")
                    .expressionAttributeNames(Map.of("#pk", pk(index)))
                    .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(partition)))
                    .select(software.amazon.awssdk.services.dynamodb.model.Select.COUNT)
                    .limit(limit).exclusiveStartKey(from));
            counted += page.count();
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null && counted < cap);
        return Math.min(counted, cap);
    }
}
