package dev.helpdesk.metrics;

import dev.helpdesk.json.Json;
import java.io.PrintStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Metrics as CloudWatch Embedded Metric Format: one JSON log line that CloudWatch Logs turns into metrics, with
 * no API call and no extra dependency on the hot path. Namespace "Helpdesk", dimension "Service".
 */
public final class Metrics {
    public static final String NAMESPACE = "Helpdesk";

    private final String service;
    private final PrintStream out;
    private final Clock clock;

    public Metrics(String service, PrintStream out, Clock clock) {
        this.service = service;
        this.out = out;
        this.clock = clock;
    }

    /** A metric value with its CloudWatch unit ("Count", "Milliseconds", …). */
    public record Value(String name, Number value, String unit) {
    }

    public void emit(List<Value> values, Map<String, Object> properties) {
        List<Map<String, String>> definitions = new ArrayList<>();
        Map<String, Object> line = new LinkedHashMap<>();
        for (Value v : values) {
            definitions.add(Map.of("Name", v.name(), "Unit", v.unit()));
            line.put(v.name(), v.value());
        }
        Map<String, Object> aws = Map.of("Timestamp", clock.millis(), "CloudWatchMetrics",
                List.of(Map.of("Namespace", NAMESPACE, "Dimensions", List.of(List.of("Service")), "Metrics", definitions)));
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("_aws", aws);
        document.put("Service", service);
        document.putAll(properties);
        document.putAll(line);
        out.println(Json.write(document));
    }
}
