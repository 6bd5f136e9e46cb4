package dev.helpdesk.observability;

import java.util.List;
import java.util.Map;

/**
 * Where the use cases report what they measured (classification latency and tokens, delivery outcomes). In a function
 * it is {@link PowertoolsMetrics} (CloudWatch Embedded Metric Format through Powertools); tests record the values.
 * Namespace {@value #NAMESPACE}, one dimension "Service".
 */
public interface Metrics {
    String NAMESPACE = "Helpdesk";

    /** The units the use cases report in, named as CloudWatch names them. */
    enum Unit { COUNT, MILLISECONDS }

    /** One metric value. */
    record Value(String name, double value, Unit unit) {
        public static Value count(String name, double value) {
            return new Value(name, value, Unit.COUNT);
        }

        public static Value millis(String name, double value) {
            return new Value(name, value, Unit.MILLISECONDS);
        }
    }

    /** Emits the values together as one metric record, with the properties as searchable, non-dimension fields. */
    void emit(List<Value> values, Map<String, Object> properties);
}
