package dev.helpdesk.testing;

import dev.helpdesk.observability.Metrics;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** Metrics kept in memory, so tests assert what a use case reported (the EMF writing itself is PowertoolsMetricsTest's). */
public final class RecordingMetrics implements Metrics {
    /** One {@link #emit} call. */
    public record Emitted(List<Value> values, Map<String, Object> properties) {
    }

    public final List<Emitted> emitted = new CopyOnWriteArrayList<>();

    @Override
    public void emit(List<Value> values, Map<String, Object> properties) {
        emitted.add(new Emitted(List.copyOf(values), Map.copyOf(properties)));
    }

    /** The values reported under this name, in order. */
    public List<Double> values(String name) {
        return emitted.stream().flatMap(e -> e.values().stream()).filter(v -> v.name().equals(name)).map(Value::value).toList();
    }
}
