package dev.helpdesk.ingest;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.micronaut.context.ApplicationContext;
import dev.helpdesk.config.HelpdeskHandler;
import dev.helpdesk.http.PrimingRequests;
import jakarta.inject.Inject;

/** Lambda entry point for the provider webhooks (HTTP API): request in, {@link IngestRoutes} answers. */
public class IngestHandler extends HelpdeskHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    @Inject
    IngestRoutes routes;

    public IngestHandler() {
    }

    public IngestHandler(ApplicationContext context) {
        super(context);
    }

    /** Priming posts an unsigned chat webhook: routing, the secret, the signature check, the 401 answer. */
    @Override
    protected APIGatewayV2HTTPEvent primingRequest() {
        return PrimingRequests.unsignedWebhook("/webhooks/chat");
    }

    @Override
    protected APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event) {
        return routes.handle(event);
    }
}
