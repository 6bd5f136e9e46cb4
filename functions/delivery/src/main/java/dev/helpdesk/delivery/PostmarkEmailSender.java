package dev.helpdesk.delivery;

import dev.helpdesk.json.Json;
import dev.helpdesk.outbound.OutboundReply;
import dev.helpdesk.outbound.OutboundSender;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Email replies through Postmark's Email API ({@code POST /email}, {@code X-Postmark-Server-Token}), for brands
 * that receive through Postmark too. Postmark answers {@code MessageID}; 422 means it refused this message.
 */
final class PostmarkEmailSender implements OutboundSender {
    private final ProviderHttp http;
    private final String apiBase;
    private final String from;
    private final Supplier<String> serverToken;

    PostmarkEmailSender(ProviderHttp http, String apiBase, String from, Supplier<String> serverToken) {
        this.http = http;
        this.apiBase = apiBase;
        this.from = from;
        this.serverToken = serverToken;
    }

    @Override
    public SendReceipt send(OutboundReply reply) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("From", from);
        body.put("To", reply.to());
        body.put("Subject", reply.emailSubject());
        body.put("TextBody", reply.text());
        body.put("MessageStream", "outbound");
        body.put("Metadata", Map.of("ticketId", reply.ticketId(), "messageId", reply.messageId()));
        var answer = http.post("Postmark", URI.create(apiBase + "/email"),
                Map.of("X-Postmark-Server-Token", serverToken.get(), "Accept", "application/json"), "application/json",
                Json.write(body).getBytes(StandardCharsets.UTF_8));
        return new SendReceipt(answer.path("MessageID").asText(null), null);
    }
}
