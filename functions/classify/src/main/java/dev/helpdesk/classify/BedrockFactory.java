package dev.helpdesk.classify;

import dev.helpdesk.config.AwsClients;
import dev.helpdesk.config.Settings;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;

/** The Bedrock Runtime client, built like every other client (endpoint from configuration). */
@Factory
public class BedrockFactory {
    @Singleton
    BedrockRuntimeClient bedrockRuntimeClient(Settings settings) {
        return AwsClients.build(BedrockRuntimeClient.builder(), settings, "BEDROCK_RUNTIME");
    }
}
