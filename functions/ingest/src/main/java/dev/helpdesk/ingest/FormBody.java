package dev.helpdesk.ingest;

import dev.helpdesk.http.ApiException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** An {@code application/x-www-form-urlencoded} body, in order, repeated names kept. */
final class FormBody {
    private final List<Map.Entry<String, String>> fields;

    private FormBody(List<Map.Entry<String, String>> fields) {
        this.fields = fields;
    }

    static FormBody parse(String body) {
        List<Map.Entry<String, String>> fields = new ArrayList<>();
        if (body == null || body.isEmpty()) {
            return new FormBody(fields);
        }
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            try {
                String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                fields.add(new AbstractMap.SimpleImmutableEntry<>(name, value));
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest("malformed_form", "body is not valid form encoding");
            }
        }
        return new FormBody(fields);
    }

    List<Map.Entry<String, String>> fields() {
        return fields;
    }

    Optional<String> first(String name) {
        return fields.stream().filter(f -> f.getKey().equals(name)).map(Map.Entry::getValue).findFirst();
    }

    String required(String name) {
        return first(name).filter(v -> !v.isBlank())
                .orElseThrow(() -> ApiException.badRequest("invalid_payload", "form field '" + name + "' is required"));
    }
}
