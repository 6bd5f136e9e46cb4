package dev.helpdesk.config;

import java.time.temporal.ChronoUnit;
import java.util.function.Function;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.lambda.powertools.parameters.ssm.SSMProvider;

/**
 * SecureString parameters from SSM through Powertools parameters: decrypted, and cached for {@value #MAX_AGE_MINUTES}
 * minutes, so a webhook does not pay an SSM call per request and a rotated secret is still picked up. The client is
 * made on the first read only (locally secrets are given as values and SSM is never called).
 */
final class ParameterStore implements Function<String, String> {
    static final int MAX_AGE_MINUTES = 5;

    private final Settings settings;
    private SSMProvider provider;

    ParameterStore(Settings settings) {
        this.settings = settings;
    }

    /** Synchronized: the provider's decryption and age options are per call, held on the provider. */
    @Override
    public synchronized String apply(String name) {
        if (provider == null) {
            provider = SSMProvider.builder().withClient(AwsClients.build(SsmClient.builder(), settings, "SSM")).build();
        }
        String value = ((SSMProvider) provider.withMaxAge(MAX_AGE_MINUTES, ChronoUnit.MINUTES)).withDecryption().get(name);
        if (value == null) {
            throw new IllegalStateException("parameter " + name + " has no value");
        }
        return value;
    }
}
