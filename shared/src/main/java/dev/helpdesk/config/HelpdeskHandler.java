package dev.helpdesk.config;

import com.amazonaws.services.lambda.runtime.Context;
import dev.helpdesk.observability.InvocationLog;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.function.aws.MicronautRequestHandler;

/**
 * The base of every function's handler: Micronaut's Lambda handler in a context that builds only the beans the
 * function injects and loads only the bean definitions it can use ({@link FunctionContextBuilder}). What a handler
 * injects is built in its constructor, i.e. during Lambda's init (and in the SnapStart snapshot).
 *
 * <p>The constructor Lambda calls also registers the function's primer ({@link Priming}): before the SnapStart
 * snapshot it makes the first SDK calls and the handler's own {@link #primingRequest()}, so a restored function's
 * first request does not pay for them.
 */
public abstract class HelpdeskHandler<I, O> extends MicronautRequestHandler<I, O> {

    protected HelpdeskHandler() {
        Priming.register(getClass().getSimpleName(), this::prime);
    }

    protected HelpdeskHandler(ApplicationContext context) {
        super(context);
    }

    /**
     * Runs {@link #handle} inside the invocation's logging context ({@link InvocationLog}). Micronaut's
     * {@code handleRequest} is final and hands the invocation's Lambda context to {@link InvocationContexts} on this
     * thread just before it calls this; tests that call {@code execute} directly have none.
     */
    @Override
    public final O execute(I input) {
        Context context = InvocationContexts.take();
        return InvocationLog.around(context, input, () -> handle(input));
    }

    /** The function's work: translate the event into a call on a use case, and its answer back. */
    protected abstract O handle(I input);

    /**
     * A request through this handler that changes nothing (a read, or one refused before any work), whose answer is
     * discarded; null for none. It loads the classes of the handler's request path before the snapshot.
     */
    protected I primingRequest() {
        return null;
    }

    private void prime() {
        ClientPrimer.prime(getApplicationContext());
        I request = primingRequest();
        if (request != null) {
            execute(request);
        }
    }

    /** Lazy singletons and only the bean definitions a function can use: {@link FunctionContextBuilder}. */
    @Override
    protected ApplicationContextBuilder newApplicationContextBuilder() {
        return new FunctionContextBuilder();
    }
}
