package dev.helpdesk.ingest;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.helpdesk.app.IngestResult;
import dev.helpdesk.app.IngestService;
import dev.helpdesk.http.ApiResponses;
import dev.helpdesk.http.Routes;
import jakarta.inject.Singleton;
import java.util.Map;

/** The webhook routes: each verifies and parses its provider's format, then hands one message to ingest. */
@Singleton
public class IngestRoutes {
    private final Routes routes;

    public IngestRoutes(ChatWebhook chat, IngestService ingest) {
        this.routes = new Routes()
                .on("POST /webhooks/chat", request -> {
                    IngestResult result = ingest.accept(chat.parse(request));
                    return ApiResponses.json(200, Map.of("ticketId", result.ticketId(),
                            "messageId", result.messageId(), "duplicate", result.duplicate()));
                });
    }

    public APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event) {
        return routes.handle(event);
    }
}
