package dev.helpdesk.config;

import com.amazonaws.services.lambda.runtime.Context;
import io.micronaut.context.BeanContext;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.function.aws.DefaultLambdaContextFactory;
import jakarta.inject.Singleton;

/**
 * Micronaut's handler registers each invocation's Lambda context as a bean of the one application context, then calls
 * the handler on the same thread. Lambda runs one invocation per environment at a time, but the local cloud runs a
 * function's requests side by side, and a bean read back could be another request's. This keeps the context of the
 * invocation on its own thread as well, for the log fields ({@link HelpdeskHandler}).
 */
@Singleton
@Replaces(DefaultLambdaContextFactory.class)
public class InvocationContexts extends DefaultLambdaContextFactory {
    private static final ThreadLocal<Context> CURRENT = new ThreadLocal<>();

    public InvocationContexts(BeanContext beanContext) {
        super(beanContext);
    }

    @Override
    public void registerSingletons(Context context) {
        CURRENT.set(context);
        super.registerSingletons(context);
    }

    /** The context of the invocation running on this thread (null outside one), forgotten once read. */
    static Context take() {
        Context context = CURRENT.get();
        CURRENT.remove();
        return context;
    }
}
