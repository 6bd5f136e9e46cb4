package dev.helpdesk.testing;

import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import dev.helpdesk.store.TableSchema;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * One DynamoDB Local server per test JVM (AWS's own, in memory, telemetry off), reached over HTTP through the
 * real SDK client; each test gets a fresh table with the production keys and indexes.
 */
public final class LocalDynamo {
    private static DynamoDBProxyServer server;
    private static URI endpoint;

    private LocalDynamo() {
    }

    public static synchronized URI endpoint() {
        if (server == null) {
            try {
                int port = freePort();
                server = ServerRunner.createServerFromCommandLineArgs(new String[] {
                        "-inMemory", "-sharedDb", "-disableTelemetry", "-port", Integer.toString(port)});
                server.start();
                endpoint = URI.create("http://127.0.0.1:" + port);
                Runtime.getRuntime().addShutdownHook(new Thread(LocalDynamo::stop));
            } catch (Exception e) {
                throw new IllegalStateException("DynamoDB Local did not start", e);
            }
        }
        return endpoint;
    }

    private static DynamoDbClient shared;

    /** One client for the whole test JVM (thread-safe, closed at exit): tests need no set-up or tear-down of their own. */
    public static synchronized DynamoDbClient sharedClient() {
        if (shared == null) {
            shared = client();
        }
        return shared;
    }

    public static DynamoDbClient client() {
        return client(List.of());
    }

    /** A client whose calls pass through these interceptors (tests that watch or disturb what DynamoDB answers). */
    public static DynamoDbClient client(List<ExecutionInterceptor> interceptors) {
        return DynamoDbClient.builder().endpointOverride(endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .overrideConfiguration(c -> c.executionInterceptors(interceptors))
                .httpClientBuilder(UrlConnectionHttpClient.builder()).build();
    }

    /** Creates a new, empty table with the helpdesk schema and returns its name. */
    public static String freshTable(DynamoDbClient client) {
        String name = "helpdesk-test-" + UUID.randomUUID();
        TableSchema.ensureTable(client, name);
        return name;
    }

    private static void stop() {
        try {
            server.stop();
        } catch (Exception ignored) {
            // JVM is exiting.
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
