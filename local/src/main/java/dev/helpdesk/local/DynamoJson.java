package dev.helpdesk.local;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Base64;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * An item in DynamoDB's JSON wire format ({"S": …}, {"N": …}, {"M": {…}}, …), as a DynamoDB Streams event carries its
 * keys and images to Lambda. The local stream pollers build their events with it, and the cold-start benchmark the
 * change feed's first event.
 */
public final class DynamoJson {
    private DynamoJson() {
    }

    public static ObjectNode item(Map<String, AttributeValue> item) {
        ObjectNode node = Exchanges.JSON.createObjectNode();
        item.forEach((name, value) -> node.set(name, attribute(value)));
        return node;
    }

    static ObjectNode attribute(AttributeValue v) {
        ObjectNode node = Exchanges.JSON.createObjectNode();
        Base64.Encoder base64 = Base64.getEncoder();
        switch (v.type()) {
            case S -> node.put("S", v.s());
            case N -> node.put("N", v.n());
            case B -> node.put("B", base64.encodeToString(v.b().asByteArray()));
            case BOOL -> node.put("BOOL", v.bool());
            case NUL -> node.put("NULL", true);
            case SS -> v.ss().forEach(node.putArray("SS")::add);
            case NS -> v.ns().forEach(node.putArray("NS")::add);
            case BS -> v.bs().forEach(b -> node.withArray("BS").add(base64.encodeToString(b.asByteArray())));
            case L -> v.l().forEach(e -> node.withArray("L").add(attribute(e)));
            case M -> node.set("M", item(v.m()));
            default -> throw new IllegalArgumentException("attribute of unknown type " + v);
        }
        if (v.type() == AttributeValue.Type.L && !node.has("L")) {
            node.putArray("L");
        }
        return node;
    }
}
