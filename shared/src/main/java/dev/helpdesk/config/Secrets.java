package dev.helpdesk.config;

import java.util.Optional;
import java.util.function.Function;

/**
 * Webhook and provider secrets (R-SEC): the value from the function's environment ({@code CHAT_WEBHOOK_SECRET}) or,
 * in AWS, from the SSM parameter its {@code _PARAMETER} variable names (SecureString, decrypted). The parameter store
 * caches what it read ({@link HelpdeskFactory}: Powertools parameters, five minutes), so a rotated secret is picked
 * up without a redeploy.
 */
public final class Secrets {
    private final Settings settings;
    private final Function<String, String> parameterStore;

    /** A secret that is not configured, or could not be read: the request is answered 503, never with a stack trace. */
    public static final class Unavailable extends RuntimeException {
        public Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** @param parameterStore reads a SecureString parameter by name (decrypted) */
    public Secrets(Settings settings, Function<String, String> parameterStore) {
        this.settings = settings;
        this.parameterStore = parameterStore;
    }

    /**
     * The secret, or empty when it is not configured at all.
     *
     * @throws Unavailable when its parameter cannot be read (the message names the parameter, never a value)
     */
    public Optional<String> find(String name) {
        Optional<String> direct = settings.find(name);
        if (direct.isPresent()) {
            return direct;
        }
        return settings.find(name + "_PARAMETER").map(parameter -> {
            try {
                return parameterStore.apply(parameter);
            } catch (RuntimeException e) {
                throw new Unavailable("secret " + name + " could not be read from parameter " + parameter + ": "
                        + e.getClass().getSimpleName(), e);
            }
        });
    }

    /** The secret a request needs. @throws Unavailable when it is not configured or cannot be read */
    public String require(String name) {
        return find(name).orElseThrow(() -> new Unavailable("secret " + name + " is not configured (set " + name
                + " or " + name + "_PARAMETER)", null));
    }

    /** Whether the secret is configured at all (directly or as a parameter name), without reading it. */
    public boolean isSet(String name) {
        return settings.find(name).isPresent() || settings.find(name + "_PARAMETER").isPresent();
    }
}
