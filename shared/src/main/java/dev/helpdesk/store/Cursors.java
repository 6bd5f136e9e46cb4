package dev.helpdesk.store;

import com.fasterxml.jackson.databind.JsonNode;
import dev.helpdesk.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Opaque page cursors: a query's LastEvaluatedKey as base64url JSON. A cursor is accepted only if it has
 * exactly the expected string attributes and belongs to the partition being read, so a tampered cursor
 * can never read another customer's data.
 */
public final class Cursors {
    private Cursors() {
    }

    public static String encode(Map<String, AttributeValue> lastEvaluatedKey) {
        if (lastEvaluatedKey == null || lastEvaluatedKey.isEmpty()) {
            return null;
        }
        Map<String, String> plain = new LinkedHashMap<>();
        lastEvaluatedKey.forEach((k, v) -> plain.put(k, v.s()));
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString(Json.write(plain).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * @param attributes the key attributes the index's LastEvaluatedKey has
     * @param partitionAttribute the index's partition key attribute
     * @param partition the partition this query reads
     * @throws InvalidCursorException when the cursor is not one this query issued
     */
    public static Map<String, AttributeValue> decode(String cursor, Set<String> attributes, String partitionAttribute,
                                                     String partition) {
        if (cursor == null || cursor.isEmpty()) {
            return null;
        }
        JsonNode node;
        try {
            node = Json.read(new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            throw new InvalidCursorException("cursor is not valid");
        }
        if (!node.isObject() || node.size() != attributes.size()) {
            throw new InvalidCursorException("cursor is not valid");
        }
        Map<String, AttributeValue> key = new LinkedHashMap<>();
        for (String attribute : attributes) {
            JsonNode value = node.get(attribute);
            if (value == null || !value.isTextual()) {
                throw new InvalidCursorException("cursor is not valid");
            }
            key.put(attribute, AttributeValue.fromS(value.asText()));
        }
        if (!partition.equals(key.get(partitionAttribute).s())) {
            throw new InvalidCursorException("cursor belongs to another listing");
        }
        return key;
    }

    public static class InvalidCursorException extends RuntimeException {
        public InvalidCursorException(String message) {
            super(message);
        }
    }
}
