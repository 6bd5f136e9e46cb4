package dev.helpdesk.config;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Webhook secrets (R-SEC): the value from the environment ({@code CHAT_WEBHOOK_SECRET}) or, in AWS, from the
 * SSM parameter its {@code _PARAMETER} variable names, read once and cached for the life of the container.
 */
public final class Secrets {
    private final Settings settings;
    private final Function<String, String> parameterStore;
    private final Map<String, String> cache = new ConcurrentHashMap<>();

    /** @param parameterStore reads a SecureString parameter by name (decrypted) */
    public Secrets(Settings settings, Function<String, String> parameterStore) {
        this.settings = settings;
        this.parameterStore = parameterStore;
    }

    public Optional<String> find(String name) {
        Optional<String> direct = settings.find(name);
        if (direct.isPresent()) {
            return direct;
        }
        return settings.find(name + "_PARAMETER")
                .map(parameter -> cache.computeIfAbsent(parameter, parameterStore));
    }

    /** Whether the secret is configured at all (directly or as a parameter name), without reading it. */
    public boolean isSet(String name) {
        return settings.find(name).isPresent() || settings.find(name + "_PARAMETER").isPresent();
    }
}
