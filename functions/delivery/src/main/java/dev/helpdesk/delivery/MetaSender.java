package dev.helpdesk.delivery;

import dev.helpdesk.domain.Channel;
import dev.helpdesk.json.Json;
import dev.helpdesk.outbound.OutboundReply;
import dev.helpdesk.outbound.OutboundSender;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Messenger, Instagram and WhatsApp replies through Meta's Graph API, from the page, Instagram account or WhatsApp
 * phone-number id the customer wrote to ({@code POST /{version}/{id}/messages}, bearer access token).
 * Messenger and Instagram take {@code recipient.id} and {@code messaging_type: RESPONSE} (a reply inside the
 * 24-hour window); WhatsApp takes {@code messaging_product: whatsapp}, {@code to} and a text body.
 */
final class MetaSender implements OutboundSender {
    private final ProviderHttp http;
    private final String graphBase;
    private final String version;
    private final Supplier<String> accessToken;

    MetaSender(ProviderHttp http, String graphBase, String version, Supplier<String> accessToken) {
        this.http = http;
        this.graphBase = graphBase;
        this.version = version;
        this.accessToken = accessToken;
    }

    @Override
    public SendReceipt send(OutboundReply reply) {
        Map<String, Object> body = new LinkedHashMap<>();
        if (reply.channel() == Channel.WHATSAPP) {
            body.put("messaging_product", "whatsapp");
            body.put("recipient_type", "individual");
            body.put("to", reply.to());
            body.put("type", "text");
            body.put("text", Map.of("preview_url", false, "body", reply.text()));
        } else {
            body.put("recipient", Map.of("id", reply.to()));
            body.put("messaging_type", "RESPONSE");
            body.put("message", Map.of("text", reply.text()));
        }
        var answer = http.post("Meta Graph API", URI.create(graphBase + "/" + version + "/" + reply.from() + "/messages"),
                Map.of("Authorization", "Bearer " + accessToken.get()), "application/json",
                Json.write(body).getBytes(StandardCharsets.UTF_8));
        String id = reply.channel() == Channel.WHATSAPP ? answer.path("messages").path(0).path("id").asText(null)
                : answer.path("message_id").asText(null);
        return new SendReceipt(id, null);
    }
}
