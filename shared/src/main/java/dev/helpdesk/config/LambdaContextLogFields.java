package dev.helpdesk.config;

import com.amazonaws.services.lambda.runtime.Context;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.function.aws.DefaultDiagnosticInfoPopulator;
import io.micronaut.function.aws.DiagnosticInfoPopulator;
import jakarta.inject.Singleton;

/**
 * Powertools puts the Lambda context into every log line ({@code InvocationLog}: function_request_id, xray_trace_id,
 * …). Micronaut's handler would put the same values into the log context again under its own names (AWSRequestId,
 * AWSFunctionName, …) on every invocation; this replaces its populator with one that leaves them to Powertools.
 */
@Singleton
@Replaces(DefaultDiagnosticInfoPopulator.class)
public class LambdaContextLogFields implements DiagnosticInfoPopulator {

    @Override
    public void populateMappingDiagnosticContextValues(Context context) {
        // Powertools' fields carry them.
    }

    @Override
    public void populateMappingDiagnosticContextWithXrayTraceId() {
        // Powertools' xray_trace_id carries it.
    }
}
