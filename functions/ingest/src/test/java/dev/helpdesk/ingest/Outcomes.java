package dev.helpdesk.ingest;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.helpdesk.domain.InvalidInput;
import dev.helpdesk.http.ApiException;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * What the fuzz tests (issue 17) accept from an adapter or parser given hostile input: a result, or a refusal the HTTP
 * layer answers as the client's mistake. Anything else (a NullPointerException, a ClassCastException, a
 * StackOverflowError, ...) is let through, so {@link Fuzz} reports the try (its seed and input) with the stack trace.
 */
public final class Outcomes {
    /** The statuses a refusal may carry: malformed, unauthenticated, forbidden, too large, unprocessable. */
    public static final Set<Integer> CLIENT_ERRORS = Set.of(400, 401, 403, 413, 422);
    /**
     * A bound on one call, only to catch a hang (or a quadratic blow-up) on inputs of at most a few MB: the parsers take
     * milliseconds on them, so a slow CI machine is far inside it.
     */
    public static final Duration HANG = Duration.ofSeconds(10);

    private Outcomes() {
    }

    /**
     * The result of {@code parse}, or empty when it refused the input with an {@link ApiException} of a 4xx status or
     * with {@link InvalidInput} (400 or 413); every other throwable propagates. Bounded by {@link #HANG}.
     */
    public static <T> Optional<T> parsedOrRefused(Supplier<T> parse) {
        String[] outcome = new String[1];
        Optional<T> result = within(HANG, () -> {
            try {
                T parsed = parse.get();
                if (parsed == null) {
                    throw new AssertionError("a parse returned null instead of a result or a refusal");
                }
                outcome[0] = "read";
                return Optional.of(parsed);
            } catch (ApiException refused) {
                if (!CLIENT_ERRORS.contains(refused.status())) {
                    throw new AssertionError("refused with status " + refused.status() + " (" + refused.code() + "): "
                            + refused.getMessage(), refused);
                }
                outcome[0] = refused.status() + " " + refused.code();
                return Optional.empty();
            } catch (InvalidInput refused) {
                outcome[0] = refused.tooLarge() ? "InvalidInput (413)" : "InvalidInput (400)";
                return Optional.empty();
            }
        });
        // How far the damage got, reported with the property (how many tries reached the parser, how many were refused why).
        Fuzz.collect("outcome", outcome[0]);
        return result;
    }

    /** {@code call}'s result, failing when it takes longer than {@code bound}; what it throws is rethrown as is. */
    public static <T> T within(Duration bound, Supplier<T> call) {
        return assertTimeoutPreemptively(bound, call::get, () -> "no answer within " + bound.toSeconds() + " s: a hang");
    }
}
