package dev.helpdesk.ingest;

import dev.helpdesk.http.Signatures;
import com.fasterxml.jackson.databind.JsonNode;
import dev.helpdesk.app.InboundMessage;
import dev.helpdesk.config.Secrets;
import dev.helpdesk.domain.Channel;
import dev.helpdesk.domain.Identity;
import dev.helpdesk.http.ApiException;
import dev.helpdesk.http.ApiRequest;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * The brand's chat widget: {@code {"conversationId","messageId","customer":{"name","email","phone"},"text",
 * "handoff","bot"}} ({@code bot: true} while the brand's bot is answering; {@code handoff: true} on the message
 * where it hands the chat to a human), signed with {@code X-Helpdesk-Signature: sha256=<hex HMAC-SHA256 of the body>}. The signature is
 * checked on the exact bytes before the body is even parsed.
 */
@Singleton
public class ChatWebhook {
    static final String SECRET = "CHAT_WEBHOOK_SECRET";
    /** Chat messages are short; anything larger is refused before parsing. */
    static final int MAX_BODY_BYTES = 64 * 1024;
    private static final int MAX_TEXT_CHARS = 20_000;

    private final Secrets secrets;
    private final Clock clock;

    public ChatWebhook(Secrets secrets, Clock clock) {
        this.secrets = secrets;
        this.clock = clock;
    }

    public InboundMessage parse(ApiRequest request) {
        byte[] body = request.rawBody();
        if (body.length > MAX_BODY_BYTES) {
            throw ApiException.tooLarge("chat message body exceeds " + MAX_BODY_BYTES + " bytes");
        }
        String secret = secrets.require(SECRET);
        if (!Signatures.validSha256Header(request.header("X-Helpdesk-Signature").orElse(null), secret, body)) {
            throw ApiException.unauthorized("missing or invalid X-Helpdesk-Signature");
        }
        JsonNode json = request.jsonBody();
        String conversationId = requiredText(json, "conversationId");
        String messageId = requiredText(json, "messageId");
        String text = json.path("text").isTextual() ? json.get("text").asText() : null;
        if (text == null || text.isBlank()) {
            throw ApiException.badRequest("invalid_payload", "'text' must be a non-empty string");
        }
        if (text.length() > MAX_TEXT_CHARS) {
            throw ApiException.tooLarge("'text' exceeds " + MAX_TEXT_CHARS + " characters");
        }
        JsonNode customer = json.path("customer");
        if (!customer.isMissingNode() && !customer.isObject()) {
            throw ApiException.badRequest("invalid_payload", "'customer' must be an object");
        }
        List<Identity> identities = new ArrayList<>();
        optionalText(customer, "email").ifPresent(email -> {
            if (!email.matches("[^@\\s]+@[^@\\s]+")) {
                throw ApiException.badRequest("invalid_payload", "'customer.email' is not an email address");
            }
            identities.add(Identity.email(email));
        });
        optionalText(customer, "phone").ifPresent(phone -> identities.add(Identity.phone(phone.replaceAll("[\\s()-]", ""))));
        // An anonymous visitor is known by the conversation until they give an email or a phone.
        identities.add(new Identity(Identity.Kind.CHAT, conversationId));
        boolean handoff = optionalBoolean(json, "handoff");
        boolean bot = optionalBoolean(json, "bot");
        return new InboundMessage(Channel.CHAT, conversationId + "/" + messageId, "chat:" + conversationId,
                optionalText(customer, "name").orElse(null), identities, null, text, List.of(), clock.instant(),
                handoff, null, bot);
    }

    private static boolean optionalBoolean(JsonNode json, String field) {
        JsonNode node = json.path(field);
        if (!node.isMissingNode() && !node.isNull() && !node.isBoolean()) {
            throw ApiException.badRequest("invalid_payload", "'" + field + "' must be a boolean");
        }
        return node.asBoolean(false);
    }

    private static String requiredText(JsonNode json, String field) {
        JsonNode node = json.path(field);
        if (!node.isTextual() || node.asText().isBlank()) {
            throw ApiException.badRequest("invalid_payload", "'" + field + "' must be a non-empty string");
        }
        return node.asText();
    }

    private static java.util.Optional<String> optionalText(JsonNode json, String field) {
        JsonNode node = json.path(field);
        if (node.isMissingNode() || node.isNull()) {
            return java.util.Optional.empty();
        }
        if (!node.isTextual()) {
            throw ApiException.badRequest("invalid_payload", "'" + field + "' must be a string");
        }
        return node.asText().isBlank() ? java.util.Optional.empty() : java.util.Optional.of(node.asText().strip());
    }
}
