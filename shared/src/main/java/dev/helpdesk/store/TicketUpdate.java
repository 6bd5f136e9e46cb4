package dev.helpdesk.store;

import static dev.helpdesk.store.TableDesign.*;

import dev.helpdesk.domain.Ticket;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * A targeted, semantic update of one ticket item (issue 16): it sets only the attributes that differ between the
 * ticket as the caller decided on it and the ticket after the change, and its condition states what the decision
 * depended on, i.e. that each of those attributes still holds the value the caller saw (the status it moved from, the
 * assignee it replaced, the labels it judged). Writers that touch different attributes never conflict: a note, a
 * priority change and an assignment can land on one ticket at once. Timestamps are last-writer-wins, and the index
 * keys follow from conditioned attributes, so neither is conditioned.
 */
final class TicketUpdate {
    /** Attributes whose latest write simply wins; a race on them is not a conflict. */
    private static final Set<String> UNCONDITIONED = Set.of("updatedAt", "lastInteractionAt", "version", ChangeRecords.ATTRIBUTE);

    private final String table;
    private final Ticket before;
    private final Map<String, AttributeValue> was;
    private final Map<String, AttributeValue> now;

    TicketUpdate(String table, Ticket before, Ticket after) {
        this.table = table;
        this.before = before;
        this.was = TicketItems.toItem(before).values();
        this.now = TicketItems.toItem(after).values();
    }

    /** The attributes that change, in a stable order. */
    Set<String> changed() {
        Set<String> names = new TreeSet<>(was.keySet());
        names.addAll(now.keySet());
        names.removeIf(n -> n.equals(PK) || n.equals(SK) || n.equals("version") || Objects.equals(was.get(n), now.get(n)));
        return names;
    }

    boolean isEmpty() {
        return changed().isEmpty();
    }

    /** The update, setting {@code change} to {@code changeJson}, or removing the previous one when null. */
    Update build(String changeJson) {
        List<String> sets = new ArrayList<>();
        List<String> removes = new ArrayList<>();
        List<String> conditions = new ArrayList<>(List.of("attribute_exists(#pk)"));
        Map<String, String> names = new HashMap<>(Map.of("#pk", PK, "#version", "version"));
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":one", AttributeValue.fromN("1")));
        int n = 0;
        for (String attribute : changed()) {
            String name = "#a" + n;
            names.put(name, attribute);
            AttributeValue next = now.get(attribute);
            if (next != null) {
                sets.add(name + " = :n" + n);
                values.put(":n" + n, next);
            } else {
                removes.add(name);
            }
            if (!UNCONDITIONED.contains(attribute) && !isIndexKey(attribute)) {
                AttributeValue seen = was.get(attribute);
                if (seen == null) {
                    conditions.add("attribute_not_exists(" + name + ")");
                } else {
                    conditions.add(name + " = :o" + n);
                    values.put(":o" + n, seen);
                }
            }
            n++;
        }
        names.put("#change", ChangeRecords.ATTRIBUTE);
        if (changeJson != null) {
            sets.add("#change = :change");
            values.put(":change", AttributeValue.fromS(changeJson));
        } else {
            // The previous change is already on its way (its stream record holds it): dropping it keeps the item,
            // and so every later write of it, small.
            removes.add("#change");
        }
        StringBuilder expression = new StringBuilder();
        if (!sets.isEmpty()) {
            expression.append("SET ").append(String.join(", ", sets)).append(' ');
        }
        if (!removes.isEmpty()) {
            expression.append("REMOVE ").append(String.join(", ", removes)).append(' ');
        }
        // A counter, not a lock: clients may show it or send it back as an ETag; no write is conditioned on it.
        expression.append("ADD #version :one");
        return Update.builder().tableName(table)
                .key(Map.of(PK, AttributeValue.fromS(ticketPk(before.ticketId())), SK, AttributeValue.fromS(TICKET_SK)))
                .updateExpression(expression.toString())
                .conditionExpression(String.join(" AND ", conditions))
                .expressionAttributeNames(names).expressionAttributeValues(values).build();
    }

    private static boolean isIndexKey(String attribute) {
        return TableDesign.isIndexKey(attribute);
    }
}
