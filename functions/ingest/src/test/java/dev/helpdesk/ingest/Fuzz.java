package dev.helpdesk.ingest;

import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Runs a fuzz property (issue 17) in plain JUnit 5: {@code tries} values built by a {@link Gen.Arb}, each from a seed of
 * its own, checked one after the other inside one {@code @Test}.
 *
 * <ul>
 *   <li>{@code -Dfuzz.tries=N}: tries per property (default 100, the quick run of every build); a long run, e.g.
 *       {@code mvn -B -o test -pl functions/ingest -am -Dtest='*FuzzTest' -Dsurefire.failIfNoSpecifiedTests=false -Dfuzz.tries=100000}.
 *   <li>{@code -Dfuzz.seed=S}: the run's seed (default {@value #DEFAULT_SEED}, so CI is deterministic); pass another,
 *       e.g. {@code -Dfuzz.seed=$RANDOM$RANDOM}, to explore new inputs. Each try's seed derives from it and the property.
 *   <li>{@code -Dfuzz.replay=T}: run only the try whose seed is {@code T} (printed by a failure), once per property.
 * </ul>
 *
 * A failure names the property, the try number, the run's seed, the try's seed and a short description of the input.
 * Each property prints one summary line: its tries and how many ended which way. Fuzz classes are marked
 * {@code @Execution(CONCURRENT)} (see {@code junit-platform.properties}), so they run beside one another; the properties
 * of one class, and every other test class, still run one at a time.
 */
public final class Fuzz {
    public static final long DEFAULT_SEED = 20261207L;
    public static final int TRIES = Integer.getInteger("fuzz.tries", 100);
    public static final long SEED = Long.parseLong(System.getProperty("fuzz.seed", String.valueOf(DEFAULT_SEED)).strip());
    private static final String REPLAY = System.getProperty("fuzz.replay", "").strip();
    /** Outcomes of the property running on this thread, by label and value (fuzz classes may run concurrently). */
    private static final ThreadLocal<Map<String, Integer>> OUTCOMES = ThreadLocal.withInitial(ConcurrentHashMap::new);

    private Fuzz() {
    }

    /** A check of one value; may throw anything (a failure is reported with the value's description). */
    @FunctionalInterface
    public interface Check<T> {
        void accept(T value) throws Throwable;
    }

    /** Counts one outcome of the current try under {@code label}, for the summary line. */
    public static void collect(String label, String value) {
        OUTCOMES.get().merge(label + "\u0000" + value, 1, Integer::sum);
    }

    /** "; outcome: read 14, 401 unauthorized 77" (the counts by label, then by value). */
    private static String summary() {
        Map<String, StringBuilder> byLabel = new TreeMap<>();
        new TreeMap<>(OUTCOMES.get()).forEach((key, count) -> {
            String[] parts = key.split("\u0000", 2);
            StringBuilder line = byLabel.computeIfAbsent(parts[0], l -> new StringBuilder());
            line.append(line.isEmpty() ? "" : ", ").append(parts[1]).append(' ').append(count);
        });
        StringBuilder out = new StringBuilder();
        byLabel.forEach((label, line) -> out.append("; ").append(label).append(": ").append(line));
        return out.toString();
    }

    /** Checks {@code property} on {@link #TRIES} values from {@code arb}. */
    public static <T> void check(String property, Gen.Arb<T> arb, Check<T> check) {
        OUTCOMES.set(new ConcurrentHashMap<>());
        long started = System.nanoTime();
        SplittableRandom seeds = new SplittableRandom(SEED ^ (property.hashCode() * 0x9E3779B97F4A7C15L));
        int tries = REPLAY.isEmpty() ? TRIES : 1;
        for (int i = 0; i < tries; i++) {
            long trySeed = REPLAY.isEmpty() ? seeds.nextLong() : Long.parseLong(REPLAY);
            String where = "property '" + property + "' failed at try " + (i + 1) + " of " + tries + " (fuzz.seed=" + SEED
                    + ", try seed " + trySeed + ": rerun it alone with -Dfuzz.replay=" + trySeed + ")";
            T value;
            try {
                value = arb.sample(new Gen(trySeed));
            } catch (Throwable t) {
                throw new AssertionError(where + " while building its input", t);
            }
            try {
                check.accept(value);
            } catch (Throwable t) {
                throw new AssertionError(where + "; input: " + describe(value) + "\n" + t, t);
            }
        }
        System.out.printf("[fuzz] %s: %d tries, seed %d, %.1f s%s%n", property, tries, SEED, (System.nanoTime() - started) / 1e9,
                summary());
    }

    static String describe(Object value) {
        String text = String.valueOf(value);
        return text.length() <= 2000 ? text : text.substring(0, 2000) + "...(" + text.length() + " chars)";
    }
}
