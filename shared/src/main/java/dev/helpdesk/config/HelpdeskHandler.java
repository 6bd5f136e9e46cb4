package dev.helpdesk.config;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.function.aws.MicronautRequestHandler;

/**
 * The base of every function's handler: Micronaut's Lambda handler, but building only the beans the function
 * injects. micronaut-function-aws builds the context with eager singletons, so each function built every client
 * and service of {@link HelpdeskFactory}: history, which only reads DynamoDB, also built the EventBridge and
 * Bedrock clients and the ingest, classify and routing services (the cold-start benchmark's class log showed
 * them). What a handler injects is still built in its constructor, i.e. during Lambda's init (and in the
 * SnapStart snapshot).
 */
public abstract class HelpdeskHandler<I, O> extends MicronautRequestHandler<I, O> {

    protected HelpdeskHandler() {
    }

    protected HelpdeskHandler(ApplicationContext context) {
        super(context);
    }

    @Override
    protected ApplicationContextBuilder newApplicationContextBuilder() {
        return super.newApplicationContextBuilder().eagerInitSingletons(false);
    }
}
