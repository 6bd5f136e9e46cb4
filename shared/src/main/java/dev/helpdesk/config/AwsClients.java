package dev.helpdesk.config;

import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;

/**
 * Builds SDK clients the same way for every service: the URL-connection HTTP client (small, quick to start),
 * region and credentials from the default chains, and the endpoint from configuration when one is set
 * (LocalStack, the local cloud). No service-specific or local-only code paths.
 */
public final class AwsClients {
    private AwsClients() {
    }

    public static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C build(B builder, Settings settings, String serviceId) {
        builder.httpClientBuilder(UrlConnectionHttpClient.builder());
        settings.endpoint(serviceId).ifPresent(builder::endpointOverride);
        return builder.build();
    }
}
