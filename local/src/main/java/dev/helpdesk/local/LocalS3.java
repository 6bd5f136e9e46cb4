package dev.helpdesk.local;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketAlreadyExistsException;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;

/**
 * Just enough S3 for the offline cloud: path-style GetObject, HeadObject and (unchunked) PutObject over the real
 * REST protocol, objects in memory, and the template's {@code S3} events: storing an object invokes every
 * function subscribed to its bucket with an S3 event notification, as S3 would.
 *
 * <p>With an external endpoint (moto, LocalStack: {@code --aws-endpoint}) the objects live there instead: the
 * subscribed buckets are created there at start-up and {@link #put} writes there with the real SDK; the notification is
 * still delivered from here, since the emulator cannot reach the in-process functions. The REST handler then serves
 * nothing (the functions are pointed at the external endpoint).
 */
final class LocalS3 {
    private final Map<String, Map<String, byte[]>> buckets = new ConcurrentHashMap<>();
    private final Map<String, List<LocalLambda>> subscribers = new ConcurrentHashMap<>();
    private final LocalEventBus bus;
    private final URI externalEndpoint;
    private final S3Client external;

    /** @param externalEndpoint an AWS-compatible S3 to keep the objects in, or null to keep them here */
    LocalS3(LocalEventBus bus, URI externalEndpoint) {
        this.bus = bus;
        this.externalEndpoint = externalEndpoint;
        this.external = externalEndpoint == null ? null : S3Client.builder().endpointOverride(externalEndpoint)
                .forcePathStyle(true).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClientBuilder(UrlConnectionHttpClient.builder()).build();
    }

    void subscribe(String bucket, LocalLambda target) {
        if (external != null && !buckets.containsKey(bucket)) {
            try {
                external.createBucket(b -> b.bucket(bucket));
            } catch (BucketAlreadyOwnedByYouException | BucketAlreadyExistsException kept) {
                // made by an earlier run against the same emulator
            }
        }
        buckets.computeIfAbsent(bucket, b -> new ConcurrentHashMap<>());
        subscribers.computeIfAbsent(bucket, b -> new ArrayList<>()).add(target);
    }

    /** Stores an object and notifies the bucket's subscribers. */
    void put(String bucket, String key, byte[] bytes) throws IOException {
        Map<String, byte[]> objects = buckets.get(bucket);
        if (objects == null) {
            throw new IllegalArgumentException("no bucket " + bucket);
        }
        if (external != null) {
            external.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromBytes(bytes));
        } else {
            objects.put(key, bytes);
        }
        for (LocalLambda target : subscribers.getOrDefault(bucket, List.of())) {
            bus.deliverTo("s3:" + bucket, target, S3Notifications.objectCreated(bucket, key, bytes));
        }
    }

    void handle(HttpExchange exchange) throws IOException {
        if (external != null) {
            error(exchange, 404, "NoSuchBucket", "S3 is external here: " + externalEndpoint);
            return;
        }
        String path = exchange.getRequestURI().getRawPath();
        int slash = path.indexOf('/', 1);
        String bucket = slash < 0 ? path.substring(1) : path.substring(1, slash);
        String key = slash < 0 ? "" : URLDecoder.decode(path.substring(slash + 1), StandardCharsets.UTF_8);
        Map<String, byte[]> objects = buckets.get(bucket);
        if (objects == null) {
            error(exchange, 404, "NoSuchBucket", "The specified bucket does not exist");
            return;
        }
        switch (exchange.getRequestMethod()) {
            case "GET", "HEAD" -> {
                byte[] object = objects.get(key);
                if (object == null) {
                    error(exchange, 404, "NoSuchKey", "The specified key does not exist.");
                    return;
                }
                exchange.getResponseHeaders().set("ETag", S3Notifications.etag(object));
                exchange.getResponseHeaders().set("Content-Type", "application/octet-stream");
                if (exchange.getRequestMethod().equals("HEAD")) {
                    exchange.getResponseHeaders().set("Content-Length", Integer.toString(object.length));
                    exchange.sendResponseHeaders(200, -1);
                } else {
                    Exchanges.send(exchange, 200, null, object);
                }
            }
            case "PUT" -> {
                if ("aws-chunked".equals(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
                    error(exchange, 501, "NotImplemented", "the local S3 takes unchunked uploads only");
                    return;
                }
                byte[] body = exchange.getRequestBody().readAllBytes();
                put(bucket, key, body);
                exchange.getResponseHeaders().set("ETag", S3Notifications.etag(body));
                exchange.sendResponseHeaders(200, -1);
            }
            default -> error(exchange, 405, "MethodNotAllowed", "not served locally");
        }
    }

    void close() {
        if (external != null) {
            external.close();
        }
    }

    private static void error(HttpExchange exchange, int status, String code, String message) throws IOException {
        String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>" + code + "</Code><Message>" + message
                + "</Message></Error>";
        Exchanges.send(exchange, status, "application/xml", xml.getBytes(StandardCharsets.UTF_8));
    }
}
