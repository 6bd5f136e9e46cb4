package dev.helpdesk.store;

import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Reads and writes one DynamoDB item's attributes; absent and null values are simply left out. */
public final class Item {
    private final Map<String, AttributeValue> values;

    private Item(Map<String, AttributeValue> values) {
        this.values = values;
    }

    public static Item of(Map<String, AttributeValue> values) {
        return new Item(values);
    }

    public static Item create() {
        return new Item(new LinkedHashMap<>());
    }

    public Item put(String name, String value) {
        if (value != null) {
            values.put(name, AttributeValue.fromS(value));
        }
        return this;
    }

    public Item put(String name, long value) {
        values.put(name, AttributeValue.fromN(Long.toString(value)));
        return this;
    }

    public Item put(String name, Integer value) {
        if (value != null) {
            values.put(name, AttributeValue.fromN(value.toString()));
        }
        return this;
    }

    public Item put(String name, Instant value) {
        return value == null ? this : put(name, SortableTime.format(value));
    }

    public Item put(String name, boolean value) {
        values.put(name, AttributeValue.fromBool(value));
        return this;
    }

    public Item putList(String name, Collection<String> list) {
        if (list != null) {
            values.put(name, AttributeValue.fromL(list.stream().map(AttributeValue::fromS).toList()));
        }
        return this;
    }

    /** A string set; DynamoDB refuses empty sets, so an empty one is left out. */
    public Item putSet(String name, Collection<String> set) {
        if (set != null && !set.isEmpty()) {
            values.put(name, AttributeValue.fromSs(List.copyOf(set)));
        }
        return this;
    }

    public String s(String name) {
        AttributeValue v = values.get(name);
        return v == null ? null : v.s();
    }

    public long n(String name) {
        AttributeValue v = values.get(name);
        return v == null || v.n() == null ? 0L : Long.parseLong(v.n());
    }

    public Integer nOrNull(String name) {
        AttributeValue v = values.get(name);
        return v == null || v.n() == null ? null : Integer.valueOf(v.n());
    }

    public boolean bool(String name) {
        AttributeValue v = values.get(name);
        return v != null && Boolean.TRUE.equals(v.bool());
    }

    public Instant time(String name) {
        return SortableTime.parse(s(name));
    }

    public List<String> list(String name) {
        AttributeValue v = values.get(name);
        return v == null || !v.hasL() ? List.of() : v.l().stream().map(AttributeValue::s).toList();
    }

    public Set<String> set(String name) {
        AttributeValue v = values.get(name);
        return v == null || !v.hasSs() ? Set.of() : Set.copyOf(v.ss());
    }

    public Map<String, AttributeValue> values() {
        return values;
    }
}
