package dev.helpdesk.ingest;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.helpdesk.app.InboundMessage;
import dev.helpdesk.app.InboundParking;
import dev.helpdesk.domain.InvalidInput;
import java.util.ArrayList;
import dev.helpdesk.app.IngestResult;
import dev.helpdesk.app.IngestService;
import dev.helpdesk.http.ApiResponses;
import dev.helpdesk.http.Routes;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The webhook routes: each verifies and parses its provider's format into inbound messages, then ingest stores
 * them; each answers in the form its provider expects.
 */
@Singleton
public class IngestRoutes {
    private final Routes routes;

    public IngestRoutes(ChatWebhook chat, TwilioSmsWebhook sms, MetaWebhook meta, PostmarkWebhook postmark,
                        SesWebhook ses, IngestService ingest, InboundParking parking) {
        this.routes = new Routes()
                .on("POST /webhooks/chat", request -> {
                    IngestResult result = ingest.accept(chat.parse(request));
                    return ApiResponses.json(200, Map.of("ticketId", result.ticketId(),
                            "messageId", result.messageId(), "duplicate", result.duplicate()));
                })
                .on("POST /webhooks/sms/twilio", request -> {
                    ingest.accept(sms.parse(request));
                    return ApiResponses.text(200, "text/xml", TwilioSmsWebhook.EMPTY_TWIML);
                })
                .on("POST /webhooks/email/postmark", request -> {
                    IngestResult result = ingest.accept(postmark.parse(request));
                    return ApiResponses.json(200, Map.of("ticketId", result.ticketId(), "messageId", result.messageId(),
                            "duplicate", result.duplicate()));
                })
                .on("POST /webhooks/email/ses", request -> {
                    Optional<IngestResult> result = ses.parse(request).map(ingest::accept);
                    return ApiResponses.json(200, result.<Map<String, Object>>map(r -> Map.of("ticketId", r.ticketId(),
                            "messageId", r.messageId(), "duplicate", r.duplicate())).orElse(Map.of("confirmed", true)));
                })
                .on("GET /webhooks/meta", request -> ApiResponses.text(200, "text/plain", meta.verify(request)))
                .on("POST /webhooks/meta", request -> {
                    // Each message on its own: the good ones are stored, a bad one is parked with its reason, and Meta
                    // gets its 200 so it does not redeliver the batch forever. A store that is down fails the whole
                    // delivery (503), and the redelivery is de-duplicated by message id.
                    MetaWebhook.Batch batch = meta.parse(request);
                    List<InboundParking.Parked> parked = new ArrayList<>(batch.parked());
                    for (InboundMessage message : batch.messages()) {
                        try {
                            ingest.accept(message);
                        } catch (InvalidInput refused) {
                            parked.add(new InboundParking.Parked(message.channel().wire(), refused.getMessage(),
                                    dev.helpdesk.json.Json.write(java.util.Map.of("providerMessageId", message.providerMessageId()))));
                        }
                    }
                    parking.park(parked);
                    return ApiResponses.text(200, "text/plain", "EVENT_RECEIVED");
                });
    }

    public APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event) {
        return routes.handle(event);
    }
}
