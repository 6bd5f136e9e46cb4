package dev.helpdesk.ai;

import static org.junit.jupiter.api.Assertions.*;

import com.sun.net.httpserver.HttpServer;
import dev.helpdesk.domain.Taxonomy;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.retry.RetryPolicy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;

/**
 * Issue 17, with the real SDK client: a model that takes 3 s is cut off at the time the caller has left, not at the
 * client's own 10 s, because a request's API-call timeout replaces the client's. (A local HTTP server stands in for a
 * slow Bedrock: it only needs to not answer.)
 */
class BedrockCallTimeoutTest {
    private HttpServer slow;
    private BedrockRuntimeClient client;

    @BeforeEach
    void start() throws Exception {
        slow = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        slow.createContext("/", exchange -> {
            try {
                Thread.sleep(3000);
                exchange.sendResponseHeaders(500, -1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                exchange.close();
            }
        });
        slow.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        slow.start();
        client = BedrockRuntimeClient.builder().region(Region.US_EAST_1)
                .endpointOverride(URI.create("http://127.0.0.1:" + slow.getAddress().getPort()))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("x", "x")))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .overrideConfiguration(o -> o.retryPolicy(RetryPolicy.none()).apiCallTimeout(Duration.ofSeconds(10))).build();
    }

    @AfterEach
    void stop() {
        client.close();
        slow.stop(0);
    }

    @Test
    @DisplayName("the call ends within the time left (0.5 s), though one call may take 10 s")
    void timeLeftCutsTheCall() {
        BedrockSentimentModel model = new BedrockSentimentModel(client, "stand-in", Duration.ofSeconds(10));
        long start = System.nanoTime();
        assertThrows(SentimentModel.ModelFailure.class, () -> model.classify("where is my parcel", Taxonomy.DEFAULT, Duration.ofMillis(500)));
        long tookMs = (System.nanoTime() - start) / 1_000_000;
        assertTrue(tookMs < 2500, "cut at the time left, not at the 3 s answer or the 10 s call timeout: " + tookMs + " ms");
    }

    @Test
    @DisplayName("with more time left than one call may take, the call's own limit (1 s) still holds")
    void callLimitStillHolds() {
        BedrockSentimentModel model = new BedrockSentimentModel(client, "stand-in", Duration.ofSeconds(1));
        long start = System.nanoTime();
        assertThrows(SentimentModel.ModelFailure.class, () -> model.classify("where is my parcel", Taxonomy.DEFAULT, Duration.ofSeconds(20)));
        assertTrue((System.nanoTime() - start) / 1_000_000 < 2500);
    }
}
