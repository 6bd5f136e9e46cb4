package dev.helpdesk.bench.coldstart.baseline;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.Map;

/** The floor of every cold start: a JVM, the Runtime Interface Client and a handler that does nothing. */
public class NoopHandler implements RequestHandler<Map<String, Object>, String> {
    @Override
    public String handleRequest(Map<String, Object> event, Context context) {
        return "ok";
    }
}
