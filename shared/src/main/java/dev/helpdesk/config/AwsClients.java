package dev.helpdesk.config;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import com.amazonaws.xray.interceptors.TracingInterceptor;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;

/**
 * Builds SDK clients the same way for every service: the URL-connection HTTP client (small, quick to start),
 * region, credentials and endpoint from the function's environment ({@link Settings}) where it sets them, which in
 * Lambda is what the SDK's default chains would read anyway; where several functions share a JVM (the local cloud)
 * it is each function's own. No service-specific or local-only code paths.
 */
public final class AwsClients {
    private AwsClients() {
    }

    public static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C build(B builder, Settings settings, String serviceId) {
        builder.httpClientBuilder(UrlConnectionHttpClient.builder());
        settings.endpoint(serviceId).ifPresent(builder::endpointOverride);
        if (traced(settings)) {
            // Each call becomes a subsegment of the invocation's X-Ray trace (the function runs with Tracing: Active).
            // Added to the caller's overrides (retries, timeouts): a second overrideConfiguration(…) would replace them.
            builder.overrideConfiguration(builder.overrideConfiguration().toBuilder()
                    .addExecutionInterceptor(new TracingInterceptor()).build());
        }
        settings.find("AWS_REGION").map(Region::of).ifPresent(builder::region);
        // A host's own map (the local cloud) gives each function its credentials; in Lambda the SDK's default chain
        // reads them (with SnapStart, from the container endpoint, refreshed).
        settings.find("AWS_ACCESS_KEY_ID").filter(key -> settings.hosted()).ifPresent(key -> {
            String secret = settings.require("AWS_SECRET_ACCESS_KEY");
            builder.credentialsProvider(StaticCredentialsProvider.create(settings.find("AWS_SESSION_TOKEN")
                    .<software.amazon.awssdk.auth.credentials.AwsCredentials>map(token -> AwsSessionCredentials.create(key, secret, token))
                    .orElseGet(() -> AwsBasicCredentials.create(key, secret))));
        });
        return builder.build();
    }

    /**
     * Whether Lambda traces this function: it sets {@code AWS_XRAY_DAEMON_ADDRESS} only with active tracing. Elsewhere
     * (tests, the local cloud) there is no trace to add to, and the interceptor is not loaded at all.
     */
    static boolean traced(Settings settings) {
        return settings.find("AWS_XRAY_DAEMON_ADDRESS").isPresent();
    }
}
