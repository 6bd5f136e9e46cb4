package dev.helpdesk.observability;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.MDC;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;

/**
 * One invocation's logging, through Powertools for AWS Lambda: every line in it carries the function, request id,
 * cold start, service and a correlation id (the HTTP API's request id, the EventBridge event's id, else Lambda's
 * request id); {@code POWERTOOLS_LOGGER_SAMPLE_RATE} turns debug on for that share of invocations. The correlation
 * id is read from the event here rather than by a JMESPath expression, which would serialise every event again.
 */
public final class InvocationLog {
    public static final String CORRELATION_ID = "correlation_id";

    private InvocationLog() {
    }

    public static <O> O around(Context context, Object event, Supplier<O> work) {
        if (context == null) {
            // Called outside Lambda's entry point (tests calling execute directly): only the work's own fields.
            try {
                return work.get();
            } finally {
                WorkLog.clear();
            }
        }
        return PowertoolsLogging.withLogging(context, () -> {
            MDC.put(CORRELATION_ID, correlationId(context, event));
            return work.get();
        });
    }

    static String correlationId(Context context, Object event) {
        if (event instanceof APIGatewayV2HTTPEvent http && http.getRequestContext() != null
                && http.getRequestContext().getRequestId() != null) {
            return http.getRequestContext().getRequestId();
        }
        if (event instanceof Map<?, ?> envelope && envelope.get("id") instanceof String id && envelope.containsKey("detail-type")) {
            return id;
        }
        return context.getAwsRequestId();
    }
}
