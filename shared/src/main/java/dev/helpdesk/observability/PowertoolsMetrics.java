package dev.helpdesk.observability;

import java.util.List;
import java.util.Map;
import software.amazon.cloudwatchlogs.emf.config.EnvironmentConfigurationProvider;
import software.amazon.cloudwatchlogs.emf.environment.Environments;
import software.amazon.lambda.powertools.metrics.model.DimensionSet;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;
import software.amazon.lambda.powertools.metrics.provider.EmfMetricsProvider;

/**
 * Metrics through Powertools for AWS Lambda: each {@link #emit} is one EMF document written to the function's log
 * (CloudWatch turns it into metrics, with no API call on the request path). Each call flushes an isolated record
 * ({@code flushMetrics}), so the service name is per function even where several share one JVM (the local cloud).
 */
public final class PowertoolsMetrics implements Metrics {
    private final String service;
    private final software.amazon.lambda.powertools.metrics.Metrics powertools;

    /**
     * @param service the "Service" dimension ("classify", "delivery")
     */
    public PowertoolsMetrics(String service) {
        this.service = service;
        // Outside Lambda (the process has no AWS_LAMBDA_FUNCTION_NAME, which is what the EMF library checks) it would
        // probe EC2's metadata and a local agent before writing anything: it writes to standard output as in Lambda.
        if (System.getenv("AWS_LAMBDA_FUNCTION_NAME") == null
                && EnvironmentConfigurationProvider.getConfig().getEnvironmentOverride() == Environments.Unknown) {
            EnvironmentConfigurationProvider.getConfig().setEnvironmentOverride(Environments.Lambda);
        }
        // Powertools' EMF logger itself, not MetricsFactory's request-scoped proxy: the proxy keeps one logger per X-Ray
        // trace id until flush(), and flushMetrics(…) does not flush it, so each traced invocation would leave one
        // behind for the life of the execution environment.
        this.powertools = new EmfMetricsProvider().getMetricsInstance();
    }

    @Override
    public void emit(List<Value> values, Map<String, Object> properties) {
        powertools.flushMetrics(record -> {
            record.setNamespace(NAMESPACE);
            record.setDefaultDimensions(DimensionSet.of("Service", service));
            for (Value value : values) {
                record.addMetric(value.name(), value.value(), unit(value.unit()));
            }
            properties.forEach(record::addMetadata);
        });
    }

    private static MetricUnit unit(Unit unit) {
        return switch (unit) {
            case COUNT -> MetricUnit.COUNT;
            case MILLISECONDS -> MetricUnit.MILLISECONDS;
        };
    }
}
