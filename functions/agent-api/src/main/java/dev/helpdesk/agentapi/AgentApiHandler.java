package dev.helpdesk.agentapi;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.micronaut.context.ApplicationContext;
import dev.helpdesk.config.HelpdeskHandler;
import dev.helpdesk.http.PrimingRequests;
import jakarta.inject.Inject;

/** Lambda entry point for the agent API's writes. */
public class AgentApiHandler extends HelpdeskHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    @Inject
    AgentApiRoutes routes;

    public AgentApiHandler() {
    }

    public AgentApiHandler(ApplicationContext context) {
        super(context);
    }

    /** Priming sends a note as an analyst, who may not write: routing, the permission check, the 403 answer. */
    @Override
    protected APIGatewayV2HTTPEvent primingRequest() {
        return PrimingRequests.asAgent("POST", "/api/tickets/{ticketId}/notes", "analyst");
    }

    @Override
    protected APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event) {
        return routes.handle(event);
    }
}
