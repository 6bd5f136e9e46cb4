package dev.helpdesk.config;

import java.net.URI;
import java.util.Optional;
import java.util.function.Function;

/**
 * Configuration by name, as Lambda gives it: environment variables, then JVM system properties of the same
 * name (how the one-JVM local cloud configures functions it runs side by side).
 */
public final class Settings {
    public static final String TABLE = "HELPDESK_TABLE";
    public static final String BUS = "HELPDESK_BUS";

    private final Function<String, String> source;

    public Settings(Function<String, String> source) {
        this.source = source;
    }

    public static Settings fromEnvironment() {
        return new Settings(name -> {
            String value = System.getenv(name);
            return value != null ? value : System.getProperty(name);
        });
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
     * the SDK's own convention, read here too so that system properties work as well as the environment.
     */
    public Optional<URI> endpoint(String serviceId) {
        return find("AWS_ENDPOINT_URL_" + serviceId).or(() -> find("AWS_ENDPOINT_URL")).map(URI::create);
    }
}
