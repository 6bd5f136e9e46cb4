package dev.helpdesk.bench.cost;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class ItemSizeTest {

    private static AttributeValue s(String v) {
        return AttributeValue.fromS(v);
    }

    private static AttributeValue n(String v) {
        return AttributeValue.fromN(v);
    }

    @Test
    void stringsAreUtf8BytesOfNameAndValue() {
        assertEquals(2 + 8, ItemSize.of(Map.of("PK", s("TICKET#1"))));
        assertEquals(4 + 2 * 3, ItemSize.of(Map.of("name", s("ąčę"))), "two bytes per Latvian/Polish letter");
        assertEquals(0, ItemSize.of((Map<String, AttributeValue>) null));
    }

    @Test
    void numbersAreAboutHalfTheirSignificantDigitsPlusOne() {
        assertEquals(2, ItemSize.of(n("7")));
        assertEquals(2, ItemSize.of(n("12")));
        assertEquals(3, ItemSize.of(n("123")));
        assertEquals(2, ItemSize.of(n("1000")), "trailing zeros do not count");
        assertEquals(2, ItemSize.of(n("0.001")), "nor leading ones");
        assertEquals(4, ItemSize.of(n("-123.45")));
        assertEquals(2, ItemSize.of(n("0")));
    }

    @Test
    void booleansNullsBinariesAndSets() {
        assertEquals(1, ItemSize.of(AttributeValue.fromBool(true)));
        assertEquals(1, ItemSize.of(AttributeValue.fromNul(true)));
        assertEquals(3, ItemSize.of(AttributeValue.fromB(SdkBytes.fromByteArray(new byte[3]))));
        assertEquals(3 + 2, ItemSize.of(AttributeValue.fromSs(List.of("abc", "de"))));
        assertEquals(2 + 3, ItemSize.of(AttributeValue.fromNs(List.of("1", "123"))));
    }

    @Test
    void listsAndMapsCostThreeBytesPlusOnePerElement() {
        assertEquals(3, ItemSize.of(AttributeValue.fromL(List.of())));
        assertEquals(3 + (1 + 2) + (1 + 1), ItemSize.of(AttributeValue.fromL(List.of(s("ab"), AttributeValue.fromBool(false)))));
        Map<String, AttributeValue> inner = new LinkedHashMap<>();
        inner.put("a", s("xyz"));
        inner.put("bb", n("5"));
        assertEquals(3 + (1 + 1 + 3) + (1 + 2 + 2), ItemSize.of(AttributeValue.fromM(inner)));
        assertEquals(4 + 3 + (1 + 1 + 3) + (1 + 2 + 2), ItemSize.of(Map.of("meta", AttributeValue.fromM(inner))));
    }
}
