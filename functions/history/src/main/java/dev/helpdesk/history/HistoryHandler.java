package dev.helpdesk.history;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.micronaut.context.ApplicationContext;
import dev.helpdesk.config.HelpdeskHandler;
import dev.helpdesk.http.PrimingRequests;
import jakarta.inject.Inject;

/** Lambda entry point for the read API (ticket detail, customer history). */
public class HistoryHandler extends HelpdeskHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    @Inject
    HistoryRoutes routes;

    public HistoryHandler() {
    }

    public HistoryHandler(ApplicationContext context) {
        super(context);
    }

    /** Priming reads a ticket no one has: routing, the ticket query, the 404 answer. */
    @Override
    protected APIGatewayV2HTTPEvent primingRequest() {
        return PrimingRequests.asAgent("GET", "/api/tickets/{ticketId}", "analyst");
    }

    @Override
    protected APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event) {
        return routes.handle(event);
    }
}
