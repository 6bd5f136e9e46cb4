package dev.helpdesk.ingest;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.micronaut.context.ApplicationContext;
import dev.helpdesk.config.HelpdeskHandler;
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

    @Override
    public APIGatewayV2HTTPResponse execute(APIGatewayV2HTTPEvent event) {
        return routes.handle(event);
    }
}
