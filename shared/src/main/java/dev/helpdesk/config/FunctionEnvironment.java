package dev.helpdesk.config;

import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;

/**
 * The environment a function reads its settings from. In Lambda it is the process environment. A host that runs
 * several functions in one JVM (the local cloud, tests) binds each function's own environment to the thread that
 * initialises and invokes it, so that no function sees another's settings and two hosts can share a JVM, with no
 * JVM-wide system properties.
 */
public final class FunctionEnvironment {
    private static final ThreadLocal<Map<String, String>> BOUND = new ThreadLocal<>();

    private FunctionEnvironment() {
    }

    /** Runs {@code work} (a handler's construction or invocation) with {@code environment} as the function's. */
    public static <T> T with(Map<String, String> environment, Callable<T> work) throws Exception {
        Map<String, String> outer = BOUND.get();
        BOUND.set(Map.copyOf(environment));
        try {
            return work.call();
        } finally {
            if (outer == null) {
                BOUND.remove();
            } else {
                BOUND.set(outer);
            }
        }
    }

    /** Whether a host bound this function's environment (not Lambda). */
    static boolean isBound() {
        return BOUND.get() != null;
    }

    /** The environment of the function running on this thread: the one bound, else the process's. */
    static Function<String, String> current() {
        Map<String, String> bound = BOUND.get();
        return bound != null ? bound::get : System::getenv;
    }
}
