package dev.helpdesk.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.helpdesk.json.Json;
import java.util.Map;

/** Builds HTTP API responses: JSON bodies, and errors as {@code {"error", "message"}}. */
public final class ApiResponses {
    private ApiResponses() {
    }

    public static APIGatewayV2HTTPResponse json(int status, Object body) {
        return APIGatewayV2HTTPResponse.builder().withStatusCode(status)
                .withHeaders(Map.of("Content-Type", "application/json"))
                .withBody(Json.write(body)).build();
    }

    /** JSON with an {@code ETag}: the version a client sends back in {@code If-Match} to write only on what it saw. */
    public static APIGatewayV2HTTPResponse json(int status, Object body, long version) {
        return APIGatewayV2HTTPResponse.builder().withStatusCode(status)
                .withHeaders(Map.of("Content-Type", "application/json", "ETag", "\"" + version + "\""))
                .withBody(Json.write(body)).build();
    }

    public static APIGatewayV2HTTPResponse text(int status, String contentType, String body) {
        return APIGatewayV2HTTPResponse.builder().withStatusCode(status)
                .withHeaders(Map.of("Content-Type", contentType)).withBody(body).build();
    }

    public static APIGatewayV2HTTPResponse error(int status, String code, String message) {
        return json(status, Map.of("error", code, "message", message));
    }

    /** 503 with {@code Retry-After}: nothing was written, the same request may be sent again shortly. */
    public static APIGatewayV2HTTPResponse busy(String message) {
        return APIGatewayV2HTTPResponse.builder().withStatusCode(503)
                .withHeaders(Map.of("Content-Type", "application/json",
                        "Retry-After", Integer.toString(dev.helpdesk.store.StoreExceptions.Busy.RETRY_AFTER_SECONDS)))
                .withBody(Json.write(Map.of("error", "busy", "message", message))).build();
    }

    public static APIGatewayV2HTTPResponse error(ApiException e) {
        return error(e.status(), e.code(), e.getMessage());
    }
}
