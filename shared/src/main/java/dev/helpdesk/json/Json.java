package dev.helpdesk.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.UncheckedIOException;
import java.util.Map;

/** The one configured Jackson mapper: ISO-8601 times, unknown fields ignored on input. */
public final class Json {
    public static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private Json() {
    }

    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses JSON text; throws {@link MalformedJsonException} on anything that is not JSON. */
    public static JsonNode read(String text) {
        try {
            if (text == null || text.isBlank()) {
                throw new MalformedJsonException("body is empty", null);
            }
            return MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new MalformedJsonException("body is not valid JSON: " + e.getOriginalMessage(), e);
        }
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> toMap(Object value) {
        return MAPPER.convertValue(value, Map.class);
    }

    public static class MalformedJsonException extends RuntimeException {
        public MalformedJsonException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
