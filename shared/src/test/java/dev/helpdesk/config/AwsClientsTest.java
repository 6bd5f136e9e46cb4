package dev.helpdesk.config;

import static org.junit.jupiter.api.Assertions.*;

import com.amazonaws.xray.interceptors.TracingInterceptor;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** SDK clients take region, endpoint and tracing from the function's own environment. */
class AwsClientsTest {
    private static final Map<String, String> LOCAL = Map.of("AWS_REGION", "eu-north-1", "AWS_ACCESS_KEY_ID", "k",
            "AWS_SECRET_ACCESS_KEY", "s", "AWS_ENDPOINT_URL_DYNAMODB", "http://127.0.0.1:1");

    @Test
    @DisplayName("a traced function's clients carry the X-Ray interceptor and keep their own overrides; others carry none")
    void tracingOnlyWhereLambdaTraces() {
        Map<String, String> traced = new java.util.HashMap<>(LOCAL);
        traced.put("AWS_XRAY_DAEMON_ADDRESS", "169.254.79.129:2000");
        try (DynamoDbClient client = AwsClients.build(DynamoDbClient.builder()
                .overrideConfiguration(o -> o.apiCallTimeout(Duration.ofSeconds(7))), new Settings(traced::get), "DYNAMODB")) {
            var config = client.serviceClientConfiguration();
            assertEquals(Region.EU_NORTH_1, config.region());
            assertEquals("http://127.0.0.1:1", config.endpointOverride().orElseThrow().toString());
            assertEquals(Duration.ofSeconds(7), config.overrideConfiguration().apiCallTimeout().orElseThrow());
            assertTrue(config.overrideConfiguration().executionInterceptors().stream().anyMatch(i -> i instanceof TracingInterceptor));
        }
        try (DynamoDbClient client = AwsClients.build(DynamoDbClient.builder(), new Settings(LOCAL::get), "DYNAMODB")) {
            assertTrue(client.serviceClientConfiguration().overrideConfiguration().executionInterceptors().stream()
                    .noneMatch(i -> i instanceof TracingInterceptor));
        }
    }
}
