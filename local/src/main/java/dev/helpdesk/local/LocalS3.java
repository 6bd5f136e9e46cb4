package dev.helpdesk.local;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Just enough S3 for the offline cloud: path-style GetObject, HeadObject and (unchunked) PutObject over the real
 * REST protocol, objects in memory, and the template's {@code S3} events: storing an object invokes every
 * function subscribed to its bucket with an S3 event notification, as S3 would.
 */
final class LocalS3 {
    private final Map<String, Map<String, byte[]>> buckets = new ConcurrentHashMap<>();
    private final Map<String, List<LocalLambda>> subscribers = new ConcurrentHashMap<>();
    private final LocalEventBus bus;

    LocalS3(LocalEventBus bus) {
        this.bus = bus;
    }

    void subscribe(String bucket, LocalLambda target) {
        buckets.computeIfAbsent(bucket, b -> new ConcurrentHashMap<>());
        subscribers.computeIfAbsent(bucket, b -> new ArrayList<>()).add(target);
    }

    /** Stores an object and notifies the bucket's subscribers. */
    void put(String bucket, String key, byte[] bytes) throws IOException {
        Map<String, byte[]> objects = buckets.get(bucket);
        if (objects == null) {
            throw new IllegalArgumentException("no bucket " + bucket);
        }
        objects.put(key, bytes);
        for (LocalLambda target : subscribers.getOrDefault(bucket, List.of())) {
            bus.deliverTo("s3:" + bucket, target, S3Notifications.objectCreated(bucket, key, bytes));
        }
    }

    void handle(HttpExchange exchange) throws IOException {
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

    private static void error(HttpExchange exchange, int status, String code, String message) throws IOException {
        String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>" + code + "</Code><Message>" + message
                + "</Message></Error>";
        Exchanges.send(exchange, status, "application/xml", xml.getBytes(StandardCharsets.UTF_8));
    }
}
