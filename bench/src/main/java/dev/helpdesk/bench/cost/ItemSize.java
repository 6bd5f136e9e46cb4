package dev.helpdesk.bench.cost;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * An item's size as DynamoDB counts it for capacity: per attribute, the UTF-8 bytes of its name plus its value's
 * size. Strings are their UTF-8 bytes, binaries their bytes, numbers about (significant digits / 2) + 1 bytes,
 * booleans and nulls 1 byte; a list or map costs 3 bytes, plus 1 byte per element, plus its elements (a map's
 * element being its key's bytes and its value); a set is the sum of its elements.
 */
public final class ItemSize {
    private ItemSize() {
    }

    /** Bytes of a whole item; 0 for none (no item). */
    public static long of(Map<String, AttributeValue> item) {
        if (item == null) {
            return 0;
        }
        long size = 0;
        for (Map.Entry<String, AttributeValue> e : item.entrySet()) {
            size += utf8(e.getKey()) + of(e.getValue());
        }
        return size;
    }

    /** Bytes of one value (without its name). */
    public static long of(AttributeValue v) {
        if (v == null) {
            return 0;
        }
        return switch (v.type()) {
            case S -> utf8(v.s());
            case N -> number(v.n());
            case B -> bytes(v.b());
            case BOOL, NUL -> 1;
            case SS -> v.ss().stream().mapToLong(ItemSize::utf8).sum();
            case NS -> v.ns().stream().mapToLong(ItemSize::number).sum();
            case BS -> v.bs().stream().mapToLong(ItemSize::bytes).sum();
            case L -> 3 + v.l().stream().mapToLong(e -> 1 + of(e)).sum();
            case M -> 3 + v.m().entrySet().stream().mapToLong(e -> 1 + utf8(e.getKey()) + of(e.getValue())).sum();
            default -> 0;
        };
    }

    /** (significant digits / 2) + 1, rounded up; leading and trailing zeros do not count. */
    static long number(String n) {
        String digits = new BigDecimal(n).stripTrailingZeros().unscaledValue().abs().toString();
        int significant = "0".equals(digits) ? 1 : digits.length();
        return (significant + 1) / 2 + 1;
    }

    private static long utf8(String s) {
        return s == null ? 0 : s.getBytes(StandardCharsets.UTF_8).length;
    }

    private static long bytes(SdkBytes b) {
        return b == null ? 0 : b.asByteArray().length;
    }
}
