package dev.helpdesk.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * The HTTP API of template.yaml: each {@code HttpApi} event's method and path, the JWT authorizer on every
 * route that does not opt out with {@code Authorizer: NONE}, and delivery to the function as an API Gateway
 * HTTP API payload v2 event with the verified claims in {@code requestContext.authorizer.jwt.claims}.
 */
final class LocalHttpApi {
    /** API Gateway's own payload limit. */
    static final int MAX_BODY = 10 * 1024 * 1024;
    private static final DateTimeFormatter REQUEST_TIME =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    record Route(String method, String path, List<String> segments, boolean authorized, LocalLambda target) {
        String routeKey() {
            return method + " " + path;
        }
    }

    private final List<Route> routes = new ArrayList<>();
    private final LocalJwt jwt;

    LocalHttpApi(LocalJwt jwt) {
        this.jwt = jwt;
    }

    void addRoute(String method, String path, boolean authorized, LocalLambda target) {
        routes.add(new Route(method.toUpperCase(Locale.ROOT), path, segments(path), authorized, target));
    }

    List<Route> routes() {
        return List.copyOf(routes);
    }

    /** Serves one request if a template route matches it; returns false when none does. */
    boolean handle(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
        String rawPath = exchange.getRequestURI().getRawPath();
        List<String> requestSegments = segments(rawPath);
        Route route = null;
        Map<String, String> pathParameters = null;
        for (Route candidate : routes) {
            if (!candidate.method().equals(method) && !candidate.method().equals("ANY")) {
                continue;
            }
            Map<String, String> params = match(candidate.segments(), requestSegments);
            if (params != null) {
                route = candidate;
                pathParameters = params;
                break;
            }
        }
        if (route == null) {
            return false;
        }
        Map<String, String> claims = null;
        if (route.authorized()) {
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
                Exchanges.error(exchange, 401, "unauthorized", "an agent token is required (Authorization: Bearer <jwt>)");
                return true;
            }
            try {
                claims = jwt.verify(authorization.substring(7).trim());
            } catch (LocalJwt.InvalidTokenException e) {
                Exchanges.error(exchange, 401, "unauthorized", "invalid token: " + e.getMessage());
                return true;
            }
        }
        byte[] body = Exchanges.readBody(exchange, MAX_BODY);
        if (body == null) {
            Exchanges.error(exchange, 413, "payload_too_large", "request body exceeds " + MAX_BODY + " bytes");
            return true;
        }
        String event = Exchanges.JSON.writeValueAsString(event(exchange, route, pathParameters, claims, body));
        String result;
        try {
            result = route.target().invoke(event);
        } catch (Throwable e) {
            System.err.println("[local-http-api] " + route.routeKey() + " → " + route.target().functionId() + " failed: " + e);
            e.printStackTrace();
            Exchanges.error(exchange, 500, "internal_error", "the function failed: " + e.getClass().getSimpleName());
            return true;
        }
        respond(exchange, Exchanges.JSON.readTree(result));
        return true;
    }

    private Map<String, Object> event(HttpExchange exchange, Route route, Map<String, String> pathParameters,
                                      Map<String, String> claims, byte[] body) {
        Map<String, String> headers = new LinkedHashMap<>();
        Headers requestHeaders = exchange.getRequestHeaders();
        requestHeaders.forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), String.join(",", values)));
        String rawQuery = exchange.getRequestURI().getRawQuery();
        Map<String, String> query = new LinkedHashMap<>();
        if (rawQuery != null && !rawQuery.isEmpty()) {
            for (String pair : rawQuery.split("&")) {
                int eq = pair.indexOf('=');
                String name = decode(eq < 0 ? pair : pair.substring(0, eq));
                String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
                query.merge(name, value, (a, b) -> a + "," + b);
            }
        }
        Instant now = Instant.now();
        Map<String, Object> http = new LinkedHashMap<>();
        http.put("method", route.method());
        http.put("path", exchange.getRequestURI().getRawPath());
        http.put("protocol", "HTTP/1.1");
        http.put("sourceIp", exchange.getRemoteAddress().getAddress().getHostAddress());
        http.put("userAgent", headers.getOrDefault("user-agent", ""));
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("accountId", Intrinsics.ACCOUNT);
        context.put("apiId", "local");
        context.put("domainName", headers.getOrDefault("host", "127.0.0.1"));
        context.put("domainPrefix", "local");
        context.put("http", http);
        context.put("requestId", UUID.randomUUID().toString());
        context.put("routeKey", route.routeKey());
        context.put("stage", "$default");
        context.put("time", REQUEST_TIME.format(now));
        context.put("timeEpoch", now.toEpochMilli());
        if (claims != null) {
            context.put("authorizer", Map.of("jwt", Map.of("claims", claims, "scopes", List.of())));
        }
        boolean text = isText(headers.get("content-type"));
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("version", "2.0");
        event.put("routeKey", route.routeKey());
        event.put("rawPath", exchange.getRequestURI().getRawPath());
        event.put("rawQueryString", rawQuery == null ? "" : rawQuery);
        event.put("headers", headers);
        if (!query.isEmpty()) {
            event.put("queryStringParameters", query);
        }
        if (!pathParameters.isEmpty()) {
            event.put("pathParameters", pathParameters);
        }
        event.put("requestContext", context);
        if (body.length > 0) {
            event.put("body", text ? new String(body, StandardCharsets.UTF_8) : Base64.getEncoder().encodeToString(body));
        }
        event.put("isBase64Encoded", body.length > 0 && !text);
        return event;
    }

    private static void respond(HttpExchange exchange, JsonNode result) throws IOException {
        int status = result.path("statusCode").asInt(200);
        result.path("headers").fields().forEachRemaining(h -> exchange.getResponseHeaders().set(h.getKey(), h.getValue().asText()));
        String body = result.path("body").isNull() ? "" : result.path("body").asText("");
        byte[] bytes = result.path("isBase64Encoded").asBoolean(false) ? Base64.getDecoder().decode(body)
                : body.getBytes(StandardCharsets.UTF_8);
        Exchanges.send(exchange, status, null, bytes);
    }

    /** API Gateway passes text bodies as they are and base64-encodes the rest. */
    private static boolean isText(String contentType) {
        if (contentType == null) {
            return true;
        }
        String type = contentType.toLowerCase(Locale.ROOT);
        return type.startsWith("text/") || type.contains("json") || type.contains("xml")
                || type.contains("x-www-form-urlencoded") || type.contains("javascript");
    }

    private static List<String> segments(String path) {
        List<String> out = new ArrayList<>();
        for (String s : path.split("/")) {
            if (!s.isEmpty()) {
                out.add(s);
            }
        }
        return out;
    }

    /** Path parameters when the template path matches the request path, else null. */
    private static Map<String, String> match(List<String> template, List<String> request) {
        if (template.size() != request.size()) {
            return null;
        }
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < template.size(); i++) {
            String t = template.get(i);
            if (t.startsWith("{") && t.endsWith("}")) {
                params.put(t.substring(1, t.length() - 1), decode(request.get(i)));
            } else if (!t.equals(request.get(i))) {
                return null;
            }
        }
        return params;
    }

    private static String decode(String value) {
        return URLDecoder.decode(value, StandardCharsets.UTF_8);
    }
}
