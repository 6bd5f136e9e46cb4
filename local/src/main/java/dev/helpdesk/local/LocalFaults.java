package dev.helpdesk.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Injected faults for the services the functions call (issue 17), next to the Bedrock, bus and provider faults.
 *
 * <p>DynamoDB: the functions reach DynamoDB Local through this proxy ({@link #forwardDynamo}), which passes every
 * request through unless a fault is armed for its operation: {@code throttle} answers as DynamoDB does when it
 * throttles (400 ThrottlingException), {@code error} as an internal failure (500 InternalServerError), {@code conflict}
 * cancels a TransactWriteItems with TransactionConflict for every item (the storm many writers on one item cause).
 * The SDK's own retries see these exactly as they would from AWS. The stores the tests read directly are not behind it.
 *
 * <p>S3: {@code error} makes GetObject answer 500 InternalError, {@code slow} delays it.
 *
 * <p>Each fault holds for {@code count} matching requests (-1: until cleared).
 */
final class LocalFaults {
    static final Set<String> DYNAMO_MODES = Set.of("throttle", "error", "conflict");
    static final Set<String> S3_MODES = Set.of("error", "slow");
    private static final Set<String> HOP_BY_HOP = Set.of("connection", "content-length", "host", "transfer-encoding", "expect",
            "upgrade", "keep-alive");

    /** One armed fault: what it does, to which operations (empty: all), how many more times, and how slow. */
    record Fault(String mode, Set<String> operations, int remaining, long delayMs) {
        boolean matches(String operation) {
            return remaining != 0 && (operations.isEmpty() || operations.contains(operation));
        }
    }

    private final URI dynamo;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private Fault dynamoFault;
    private Fault s3Fault;
    private final Map<String, Integer> injected = new LinkedHashMap<>();

    LocalFaults(URI dynamo) {
        this.dynamo = dynamo;
    }

    /** {@code PUT /local/faults/dynamodb} and {@code /local/faults/s3}: {@code {"mode", "operations"?, "count"?, "delayMs"?}}. */
    void configure(HttpExchange exchange, String service) throws IOException {
        byte[] body = Exchanges.readBody(exchange, 4096);
        JsonNode json = body == null || body.length == 0 ? Exchanges.JSON.createObjectNode() : Exchanges.JSON.readTree(body);
        String mode = json.path("mode").isTextual() ? json.path("mode").asText() : null;
        Set<String> modes = service.equals("dynamodb") ? DYNAMO_MODES : S3_MODES;
        if (mode != null && !modes.contains(mode)) {
            Exchanges.error(exchange, 400, "invalid_payload", "unknown " + service + " fault mode " + mode + "; known: " + modes);
            return;
        }
        Set<String> operations = new java.util.TreeSet<>();
        json.path("operations").forEach(op -> operations.add(op.asText()));
        Fault fault = mode == null ? null : new Fault(mode, operations, json.path("count").asInt(-1), json.path("delayMs").asLong(3000));
        synchronized (this) {
            if (service.equals("dynamodb")) {
                dynamoFault = fault;
            } else {
                s3Fault = fault;
            }
        }
        Exchanges.json(exchange, 200, Map.of(service, Map.of("mode", String.valueOf(mode))));
    }

    /** How many requests each fault answered so far ({@code service:mode:operation}), for tests to see it bit. */
    synchronized Map<String, Integer> injected() {
        return Map.copyOf(injected);
    }

    /** The armed fault for this request, counted down; null to pass it through. */
    private synchronized Fault take(String service, String operation) {
        Fault fault = service.equals("dynamodb") ? dynamoFault : s3Fault;
        if (fault == null || !fault.matches(operation)) {
            return null;
        }
        Fault next = fault.remaining() < 0 ? fault : new Fault(fault.mode(), fault.operations(), fault.remaining() - 1, fault.delayMs());
        if (service.equals("dynamodb")) {
            dynamoFault = next;
        } else {
            s3Fault = next;
        }
        injected.merge(service + ":" + fault.mode() + ":" + operation, 1, Integer::sum);
        return fault;
    }

    /** The S3 fault for a GetObject, if one is armed: true when it answered the request itself. */
    boolean s3(HttpExchange exchange) throws IOException {
        if (!exchange.getRequestMethod().equals("GET")) {
            return false;
        }
        Fault fault = take("s3", "GetObject");
        if (fault == null) {
            return false;
        }
        if (fault.mode().equals("slow")) {
            sleep(fault.delayMs());
            return false;
        }
        byte[] xml = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>InternalError</Code>"
                + "<Message>injected fault: We encountered an internal error. Please try again.</Message></Error>")
                .getBytes(StandardCharsets.UTF_8);
        Exchanges.send(exchange, 500, "application/xml", xml);
        return true;
    }

    /** Serves one DynamoDB request: a fault when one is armed for its operation, else DynamoDB Local's answer. */
    void forwardDynamo(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
        String operation = target == null ? "" : target.substring(target.indexOf('.') + 1);
        Fault fault = take("dynamodb", operation);
        if (fault != null) {
            switch (fault.mode()) {
                case "throttle" -> dynamoError(exchange, 400, "ThrottlingException", "injected fault: Rate of requests exceeds the allowed throughput.", null);
                case "error" -> dynamoError(exchange, 500, "InternalServerError", "injected fault: Internal server error", null);
                default -> {
                    if (!operation.equals("TransactWriteItems")) {
                        forward(exchange, body); // a conflict is a transaction's fault only
                        return;
                    }
                    List<Map<String, String>> reasons = new ArrayList<>();
                    Exchanges.JSON.readTree(body).path("TransactItems").forEach(item ->
                            reasons.add(Map.of("Code", "TransactionConflict", "Message", "Transaction is ongoing for the item")));
                    dynamoError(exchange, 400, "TransactionCanceledException", "Transaction cancelled, please refer cancellation "
                            + "reasons for specific reasons [" + String.join(", ", reasons.stream().map(r -> r.get("Code")).toList()) + "]",
                            reasons);
                }
            }
            return;
        }
        forward(exchange, body);
    }

    private void forward(HttpExchange exchange, byte[] body) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(dynamo.resolve(exchange.getRequestURI().getRawPath()))
                .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (!HOP_BY_HOP.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                values.forEach(value -> request.header(name, value));
            }
        });
        HttpResponse<byte[]> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        response.headers().map().forEach((name, values) -> {
            if (!HOP_BY_HOP.contains(name.toLowerCase(java.util.Locale.ROOT)) && !name.startsWith(":")) {
                exchange.getResponseHeaders().put(name, values);
            }
        });
        Exchanges.send(exchange, response.statusCode(), null, response.body());
    }

    private static void dynamoError(HttpExchange exchange, int status, String type, String message,
                                    List<Map<String, String>> reasons) throws IOException {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("__type", "com.amazonaws.dynamodb.v20120810#" + type);
        error.put("message", message);
        if (reasons != null) {
            error.put("CancellationReasons", reasons);
        }
        Exchanges.send(exchange, status, "application/x-amz-json-1.0", Exchanges.JSON.writeValueAsBytes(error));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
