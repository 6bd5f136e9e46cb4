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

    public Settings(Function<String, String> source) {
        this.source = source;
    }

    /** The settings of the function being initialised on this thread. */
    public static Settings fromEnvironment() {
        return new Settings(FunctionEnvironment.current());
    }

    public Optional<String> find(String name) {
        String value = source.apply(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
    }

    public String require(String name) {
        return find(name).orElseThrow(() -> new IllegalStateException("missing configuration " + name));
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
