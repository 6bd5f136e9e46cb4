package dev.helpdesk.bench.coldstart;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A minimal AWS Lambda Runtime API (the 2018-06-01 protocol the Runtime Interface Client speaks) for one cold
 * start: the first {@code GET /runtime/invocation/next} hands out the one event, later ones wait until the
 * server closes (as Lambda's do while no event is queued), and the first {@code .../response},
 * {@code .../error} or {@code /runtime/init/error} is recorded with the moment it arrived.
 */
final class RuntimeApi implements AutoCloseable {
    static final String PREFIX = "/2018-06-01/runtime/";

    enum Kind { RESPONSE, INVOCATION_ERROR, INIT_ERROR, PROTOCOL_ERROR }

    /** What the runtime sent back, and when ({@link System#nanoTime()}). */
    record Outcome(Kind kind, long atNanos, String body, String errorType) {
        boolean success() {
            return kind == Kind.RESPONSE;
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final String event;
    private final String requestId = UUID.randomUUID().toString();
    private final String functionArn;
    private final CompletableFuture<Long> firstNext = new CompletableFuture<>();
    private final CompletableFuture<Outcome> outcome = new CompletableFuture<>();
    private final AtomicBoolean handedOut = new AtomicBoolean();
    private final CountDownLatch closing = new CountDownLatch(1);

    RuntimeApi(String event, String functionArn) throws IOException {
        this.event = event;
        this.functionArn = functionArn;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.setExecutor(executor);
        server.createContext("/", exchange -> {
            try (exchange) {
                handle(exchange);
            } catch (IOException | RuntimeException e) {
                // The measured process was killed while a request was open; nothing to record.
            }
        });
        server.start();
    }

    /** {@code host:port}, the value of {@code AWS_LAMBDA_RUNTIME_API}. */
    String address() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    String requestId() {
        return requestId;
    }

    /** When the runtime first asked for an event: the JVM, the RIC and the handler's initialisation are done. */
    CompletableFuture<Long> firstNext() {
        return firstNext;
    }

    CompletableFuture<Outcome> outcome() {
        return outcome;
    }

    private void handle(HttpExchange exchange) throws IOException {
        long now = System.nanoTime();
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getPath();
        if (method.equals("GET") && path.equals(PREFIX + "invocation/next")) {
            firstNext.complete(now);
            if (handedOut.compareAndSet(false, true)) {
                byte[] body = event.getBytes(StandardCharsets.UTF_8);
                var headers = exchange.getResponseHeaders();
                headers.set("Content-Type", "application/json");
                headers.set("Lambda-Runtime-Aws-Request-Id", requestId);
                headers.set("Lambda-Runtime-Deadline-Ms", Long.toString(System.currentTimeMillis() + 30_000));
                headers.set("Lambda-Runtime-Invoked-Function-Arn", functionArn);
                headers.set("Lambda-Runtime-Trace-Id", traceId());
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            } else {
                // No second event: hold the call, as Lambda does until the next invocation (or the process ends).
                await();
            }
            return;
        }
        String body = readAll(exchange.getRequestBody());
        if (method.equals("POST") && path.equals(PREFIX + "invocation/" + requestId + "/response")) {
            outcome.complete(new Outcome(Kind.RESPONSE, now, body, null));
        } else if (method.equals("POST") && path.equals(PREFIX + "invocation/" + requestId + "/error")) {
            outcome.complete(new Outcome(Kind.INVOCATION_ERROR, now, body,
                    exchange.getRequestHeaders().getFirst("Lambda-Runtime-Function-Error-Type")));
        } else if (method.equals("POST") && path.equals(PREFIX + "init/error")) {
            outcome.complete(new Outcome(Kind.INIT_ERROR, now, body,
                    exchange.getRequestHeaders().getFirst("Lambda-Runtime-Function-Error-Type")));
        } else {
            outcome.complete(new Outcome(Kind.PROTOCOL_ERROR, now, body, "unexpected " + method + " " + path));
            exchange.sendResponseHeaders(404, -1);
            return;
        }
        byte[] accepted = "{\"status\":\"OK\"}".getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(202, accepted.length);
        exchange.getResponseBody().write(accepted);
    }

    private void await() {
        try {
            closing.await(5, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String readAll(InputStream in) throws IOException {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }

    /** An X-Ray trace header of the shape Lambda passes (not sampled). */
    private static String traceId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        String epoch = Long.toHexString(System.currentTimeMillis() / 1000);
        byte[] id = new byte[12];
        byte[] parent = new byte[8];
        random.nextBytes(id);
        random.nextBytes(parent);
        return "Root=1-" + epoch + "-" + HexFormat.of().formatHex(id) + ";Parent=" + HexFormat.of().formatHex(parent) + ";Sampled=0";
    }

    @Override
    public void close() {
        closing.countDown();
        server.stop(0);
        executor.shutdownNow();
    }
}
