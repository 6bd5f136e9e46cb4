package dev.helpdesk.config;

import java.net.URI;
import java.util.Optional;
import java.util.function.Function;

/**
 * Configuration by name, as Lambda gives it: the function's environment ({@link FunctionEnvironment}: the process
 * environment in Lambda, the function's own where several share a JVM).
 */
public final class Settings {
    public static final String TABLE = "HELPDESK_TABLE";
    public static final String BUS = "HELPDESK_BUS";

    private final Function<String, String> source;
    private final boolean hosted;

    /** Settings from any source (tests); their AWS credentials, if any, are used as given. */
    public Settings(Function<String, String> source) {
        this(source, true);
    }

    private Settings(Function<String, String> source, boolean hosted) {
        this.source = source;
        this.hosted = hosted;
    }

    /**
     * Whether these settings come from a host's own map (the local cloud, tests) rather than Lambda's process
     * environment. Only then are credentials taken from them: in Lambda the SDK's default chain reads (and with
     * SnapStart, refreshes) the function's credentials itself.
     */
    public boolean hosted() {
        return hosted;
    }

    /** The settings of the function being initialised on this thread. */
    public static Settings fromEnvironment() {
        return new Settings(FunctionEnvironment.current(), FunctionEnvironment.isBound());
    }

    public Optional<String> find(String name) {
        String value = source.apply(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
    }

    /** A setting that is missing or malformed: the function cannot start, and the message names the setting. */
    public static final class Invalid extends IllegalStateException {
        public Invalid(String message) {
            super(message);
        }
    }

    public String require(String name) {
        return find(name).orElseThrow(() -> new Invalid(name + " is not set"));
    }

    /** A whole number of at least {@code min}, or {@code fallback} when the setting is absent. */
    public long number(String name, long fallback, long min) {
        Optional<String> value = find(name);
        if (value.isEmpty()) {
            return fallback;
        }
        try {
            long n = Long.parseLong(value.get().strip());
            if (n >= min) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new Invalid(name + " must be a whole number of at least " + min + ", not '" + value.get() + "'");
    }

    /** Whole numbers separated by commas, each at least {@code min}, or {@code fallback} when the setting is absent. */
    public java.util.List<Long> numbers(String name, java.util.List<Long> fallback, long min) {
        Optional<String> value = find(name);
        if (value.isEmpty()) {
            return fallback;
        }
        try {
            java.util.List<Long> numbers = java.util.Arrays.stream(value.get().split(",")).map(String::strip).map(Long::parseLong).toList();
            if (numbers.stream().allMatch(n -> n >= min)) {
                return numbers;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new Invalid(name + " must be whole numbers of at least " + min + " separated by commas, not '" + value.get() + "'");
    }

    public String table() {
        return require(TABLE);
    }

    public String bus() {
        return require(BUS);
    }

    /**
     * The endpoint override for one AWS service ({@code AWS_ENDPOINT_URL_DYNAMODB}, then {@code AWS_ENDPOINT_URL}),
     * the SDK's own convention, read here from the function's environment (the SDK would read the process's).
     */
    public Optional<URI> endpoint(String serviceId) {
        return find("AWS_ENDPOINT_URL_" + serviceId).or(() -> find("AWS_ENDPOINT_URL")).map(URI::create);
    }
}
