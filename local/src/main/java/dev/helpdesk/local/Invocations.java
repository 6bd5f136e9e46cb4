package dev.helpdesk.local;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * What Lambda would meter for each function the offline cloud runs: invocations and their duration, rounded up
 * to the millisecond per invocation as Lambda bills it. Also which function the current thread is running, so
 * that an SDK interceptor can put each AWS call on the function that made it (benchmarks).
 */
public final class Invocations {
    private static final ThreadLocal<String> CURRENT = new ThreadLocal<>();
    private static final Map<String, Counter> COUNTERS = new ConcurrentHashMap<>();

    /** @param billedMillis the sum over invocations of each one's duration rounded up to 1 ms */
    public record Totals(long invocations, long errors, long nanos, long billedMillis) {
    }

    private static final class Counter {
        final LongAdder invocations = new LongAdder();
        final LongAdder errors = new LongAdder();
        final LongAdder nanos = new LongAdder();
        final LongAdder billedMillis = new LongAdder();
    }

    private Invocations() {
    }

    /** The logical id of the function this thread is running (e.g. {@code IngestFunction}), or null. */
    public static String current() {
        return CURRENT.get();
    }

    /** Totals per function since the start or the last {@link #reset()}. */
    public static Map<String, Totals> snapshot() {
        Map<String, Totals> totals = new TreeMap<>();
        COUNTERS.forEach((id, c) -> totals.put(id, new Totals(c.invocations.sum(), c.errors.sum(), c.nanos.sum(), c.billedMillis.sum())));
        return totals;
    }

    public static void reset() {
        COUNTERS.clear();
    }

    static <T> T run(String functionId, Callable<T> invocation) throws Exception {
        String outer = CURRENT.get();
        CURRENT.set(functionId);
        long start = System.nanoTime();
        boolean ok = false;
        try {
            T result = invocation.call();
            ok = true;
            return result;
        } finally {
            long nanos = System.nanoTime() - start;
            Counter c = COUNTERS.computeIfAbsent(functionId, id -> new Counter());
            c.invocations.increment();
            c.nanos.add(nanos);
            c.billedMillis.add((nanos + 999_999) / 1_000_000);
            if (!ok) {
                c.errors.increment();
            }
            if (outer == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(outer);
            }
        }
    }
}
