package dev.helpdesk.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.fasterxml.jackson.databind.JsonNode;
import dev.helpdesk.domain.Role;
import dev.helpdesk.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** An API Gateway HTTP API (payload v2) request, read the way handlers need it. */
public final class ApiRequest {
    private final APIGatewayV2HTTPEvent event;

    public ApiRequest(APIGatewayV2HTTPEvent event) {
        this.event = event;
    }

    /** {@code "POST /webhooks/chat"}: the route as template.yaml declares it. */
    public String routeKey() {
        return event.getRouteKey();
    }

    public Optional<String> header(String name) {
        Map<String, String> headers = event.getHeaders();
        if (headers == null) {
            return Optional.empty();
        }
        // HTTP API lower-cases header names; look case-insensitively anyway.
        return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                .map(Map.Entry::getValue).findFirst();
    }

    /** The route's path parameters (none: an empty map). */
    public Map<String, String> pathParameters() {
        return event.getPathParameters() == null ? Map.of() : event.getPathParameters();
    }

    public String pathParameter(String name) {
        Map<String, String> params = event.getPathParameters();
        String value = params == null ? null : params.get(name);
        if (value == null || value.isBlank()) {
            throw ApiException.badRequest("missing_parameter", "path parameter '" + name + "' is missing");
        }
        return value;
    }

    public Optional<String> query(String name) {
        Map<String, String> params = event.getQueryStringParameters();
        String value = params == null ? null : params.get(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
    }

    public int intQuery(String name, int defaultValue) {
        Optional<String> value = query(name);
        try {
            return value.map(Integer::parseInt).orElse(defaultValue);
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("invalid_parameter", "'" + name + "' must be an integer");
        }
    }

    /** The body exactly as the client sent it (bytes matter for signatures). */
    public byte[] rawBody() {
        String body = event.getBody();
        if (body == null) {
            return new byte[0];
        }
        return event.getIsBase64Encoded() ? Base64.getDecoder().decode(body) : body.getBytes(StandardCharsets.UTF_8);
    }

    public String body() {
        return new String(rawBody(), StandardCharsets.UTF_8);
    }

    /** The body as a JSON object; 400 if it is not one. */
    public JsonNode jsonBody() {
        JsonNode node;
        try {
            node = Json.read(body());
        } catch (Json.MalformedJsonException e) {
            throw ApiException.badRequest("malformed_json", e.getMessage());
        }
        if (!node.isObject()) {
            throw ApiException.badRequest("malformed_json", "body must be a JSON object");
        }
        return node;
    }

    /**
     * The agent, from the claims the JWT authorizer verified. The role comes from a {@code role} claim (the local
     * cloud), or a Cognito {@code custom:role} attribute.
     */
    public Caller caller() {
        Map<String, String> claims = Optional.ofNullable(event.getRequestContext())
                .map(APIGatewayV2HTTPEvent.RequestContext::getAuthorizer)
                .map(APIGatewayV2HTTPEvent.RequestContext.Authorizer::getJwt)
                .map(APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT::getClaims)
                .orElse(Map.of());
        String sub = claims.get("sub");
        if (sub == null || sub.isBlank()) {
            throw ApiException.unauthorized("a valid agent token is required");
        }
        String role = Optional.ofNullable(claims.get("role")).orElse(claims.get("custom:role"));
        try {
            return new Caller(sub, Role.fromWire(role == null ? "" : role.toLowerCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            throw ApiException.forbidden("the token carries no known role");
        }
    }

    public APIGatewayV2HTTPEvent event() {
        return event;
    }
}
