package dev.helpdesk.config;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SnapStart priming. Lambda's SnapStart snapshots the JVM after init and resumes every cold start from it, so work
 * done before the snapshot is never paid again; but the first request still loads and links the classes of its path
 * and opens the SDK's first connections. A primer runs that path once, harmlessly, before the snapshot: Lambda calls
 * {@link #beforeCheckpoint} on every registered CRaC resource when it takes the snapshot.
 *
 * <p>{@code HELPDESK_PRIME=init} (or {@code -Dhelpdesk.prime=init}) also primes during init, for provisioned
 * concurrency (where init happens ahead of traffic too) and for measuring the primed first request offline.
 * A failed primer is logged and ignored: the first request then pays for what it did not do.
 */
public final class Priming implements Resource {
    private static final Logger LOG = LoggerFactory.getLogger(Priming.class);
    /** The CRaC context holds resources weakly: these references keep the registered primers alive. */
    private static final List<Priming> REGISTERED = new CopyOnWriteArrayList<>();
    private static final List<String> PRIMED = new CopyOnWriteArrayList<>();

    private final String name;
    private final Runnable primer;

    private Priming(String name, Runnable primer) {
        this.name = name;
        this.primer = primer;
    }

    /** Registers a primer to run before the SnapStart snapshot, and runs it now if priming at init is asked for. */
    public static void register(String name, Runnable primer) {
        Priming priming = new Priming(name, primer);
        REGISTERED.add(priming);
        Core.getGlobalContext().register(priming);
        if (primeAtInit()) {
            priming.prime();
        }
    }

    /** The primers that have run to the end in this JVM, by name, in order (for logs and tests). */
    public static List<String> primed() {
        return List.copyOf(PRIMED);
    }

    static boolean primeAtInit() {
        // The function's HELPDESK_PRIME; -Dhelpdesk.prime is the cold-start benchmark's launch flag for a whole JVM.
        String mode = System.getProperty("helpdesk.prime", Settings.fromEnvironment().find("HELPDESK_PRIME").orElse(null));
        return mode != null && mode.strip().toLowerCase(Locale.ROOT).equals("init");
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        prime();
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        // Nothing to refresh: the SDK clients reconnect on their own, and credentials come from the restored
        // environment (SnapStart re-provides them).
    }

    void prime() {
        long start = System.nanoTime();
        try {
            primer.run();
            PRIMED.add(name);
            LOG.info("primed {} in {} ms", name, (System.nanoTime() - start) / 1_000_000);
        } catch (RuntimeException e) {
            LOG.warn("priming {} failed; the first request pays for it: {}", name, e.toString());
        }
    }
}
