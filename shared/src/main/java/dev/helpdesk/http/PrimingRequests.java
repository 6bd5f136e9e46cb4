package dev.helpdesk.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import java.util.Map;

/**
 * HTTP API requests made up for priming ({@code config/Priming}): shaped as API Gateway passes them, each chosen
 * to change nothing (a read of a ticket no one has, a request refused before any work).
 */
public final class PrimingRequests {
    /** A ticket id no ticket has (ids are UUIDs). */
    public static final String NO_TICKET = "priming";

    private PrimingRequests() {
    }

    /** A request from an agent with this role (the claims the JWT authorizer would pass on), without a body. */
    public static APIGatewayV2HTTPEvent asAgent(String method, String pathTemplate, String role) {
        String path = pathTemplate.replace("{ticketId}", NO_TICKET);
        return APIGatewayV2HTTPEvent.builder().withRouteKey(method + " " + pathTemplate).withRawPath(path)
                .withPathParameters(pathTemplate.contains("{ticketId}") ? Map.of("ticketId", NO_TICKET) : Map.of())
                .withHeaders(Map.of())
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod(method).withPath(path).build())
                        .withAuthorizer(APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder()
                                .withJwt(APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT.builder()
                                        .withClaims(Map.of("sub", "priming", "role", role)).build()).build())
                        .build())
                .build();
    }

    /** An unsigned webhook with an empty JSON body: refused (401) once the signature is checked. */
    public static APIGatewayV2HTTPEvent unsignedWebhook(String path) {
        return APIGatewayV2HTTPEvent.builder().withRouteKey("POST " + path).withRawPath(path).withBody("{}")
                .withIsBase64Encoded(false).withHeaders(Map.of("content-type", "application/json"))
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod("POST").withPath(path).build())
                        .build())
                .build();
    }
}
