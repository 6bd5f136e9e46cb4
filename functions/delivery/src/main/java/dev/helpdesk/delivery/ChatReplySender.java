package dev.helpdesk.delivery;

import dev.helpdesk.http.Signatures;
import dev.helpdesk.json.Json;
import dev.helpdesk.outbound.OutboundReply;
import dev.helpdesk.outbound.OutboundSender;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Chat replies to the brand's own widget back end: {@code POST CHAT_REPLY_URL} with
 * {@code {"conversationId","messageId","ticketId","text"}}, signed the way the widget signs what it sends us
 * ({@code X-Helpdesk-Signature: sha256=<hex HMAC of the body>}, same secret), so the widget can trust it.
 */
final class ChatReplySender implements OutboundSender {
    private final ProviderHttp http;
    private final URI replyUrl;
    private final Supplier<String> secret;

    ChatReplySender(ProviderHttp http, URI replyUrl, Supplier<String> secret) {
        this.http = http;
        this.replyUrl = replyUrl;
        this.secret = secret;
    }

    @Override
    public SendReceipt send(OutboundReply reply) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("conversationId", reply.to());
        body.put("messageId", reply.messageId());
        body.put("ticketId", reply.ticketId());
        body.put("text", reply.text());
        byte[] bytes = Json.write(body).getBytes(StandardCharsets.UTF_8);
        http.post("chat widget", replyUrl, Map.of("X-Helpdesk-Signature", Signatures.sha256Header(secret.get(), bytes)),
                "application/json", bytes);
        return new SendReceipt(reply.messageId(), null);
    }
}
