package dev.helpdesk.ingest;

import dev.helpdesk.http.Signatures;
import com.fasterxml.jackson.databind.JsonNode;
import dev.helpdesk.app.InboundMessage;
import dev.helpdesk.app.InboundParking;
import dev.helpdesk.config.Secrets;
import dev.helpdesk.domain.Attachment;
import dev.helpdesk.domain.Channel;
import dev.helpdesk.domain.Identity;
import dev.helpdesk.http.ApiException;
import dev.helpdesk.http.ApiRequest;
import jakarta.inject.Singleton;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Meta's webhooks for Messenger ({@code object: page}), Instagram ({@code object: instagram}) and the WhatsApp
 * Cloud API ({@code object: whatsapp_business_account}), verified with {@code X-Hub-Signature-256}; and the GET
 * verification handshake. One delivery may carry several messages; echoes, reads, deliveries and statuses are
 * acknowledged and ignored.
 */
@Singleton
public class MetaWebhook {
    static final String APP_SECRET = "META_APP_SECRET";
    static final String VERIFY_TOKEN = "META_VERIFY_TOKEN";
    /** Meta batches up to 1,000 updates; 1 MB is ample for text and attachment URLs. */
    static final int MAX_BODY_BYTES = 1024 * 1024;

    private final Secrets secrets;
    private final Clock clock;

    public MetaWebhook(Secrets secrets, Clock clock) {
        this.secrets = secrets;
        this.clock = clock;
    }

    /** The subscription handshake: echoes {@code hub.challenge} when the verify token matches. */
    public String verify(ApiRequest request) {
        String token = secrets.require(VERIFY_TOKEN);
        String given = request.query("hub.verify_token").orElse("");
        if (!"subscribe".equals(request.query("hub.mode").orElse(""))
                || !MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8))) {
            throw ApiException.forbidden("hub.mode must be subscribe and hub.verify_token must match");
        }
        return request.query("hub.challenge")
                .orElseThrow(() -> ApiException.badRequest("invalid_parameter", "hub.challenge is missing"));
    }

    /** A delivery read message by message: what can be stored, and what cannot with its reason. */
    public record Batch(List<InboundMessage> messages, List<InboundParking.Parked> parked) {
    }

    /**
     * Verifies and reads a delivery. A delivery that is not Meta's (signature, size, unknown object, no entries) is
     * refused whole; inside it, each message is read on its own, so one without {@code from} or {@code mid}, or with an
     * id no key can hold, is parked while the others are stored (issue 17).
     */
    public Batch parse(ApiRequest request) {
        byte[] body = request.rawBody();
        if (body.length > MAX_BODY_BYTES) {
            throw ApiException.tooLarge("Meta webhook body exceeds " + MAX_BODY_BYTES + " bytes");
        }
        String secret = secrets.require(APP_SECRET);
        if (!Signatures.validSha256Header(request.header("X-Hub-Signature-256").orElse(null), secret, body)) {
            throw ApiException.unauthorized("missing or invalid X-Hub-Signature-256");
        }
        JsonNode json = request.jsonBody();
        String object = json.path("object").asText("");
        if (!java.util.Set.of("page", "instagram", "whatsapp_business_account").contains(object)) {
            throw ApiException.badRequest("invalid_payload", "unknown object '" + object + "'");
        }
        if (!json.path("entry").isArray()) {
            throw ApiException.badRequest("invalid_payload", "'entry' must be an array");
        }
        Batch batch = new Batch(new ArrayList<>(), new ArrayList<>());
        for (JsonNode entry : json.path("entry")) {
            switch (object) {
                case "page" -> entry.path("messaging").forEach(event -> each(batch, Channel.MESSENGER, event,
                        () -> messaging(event, Channel.MESSENGER)));
                case "instagram" -> entry.path("messaging").forEach(event -> each(batch, Channel.INSTAGRAM, event,
                        () -> messaging(event, Channel.INSTAGRAM)));
                default -> entry.path("changes").forEach(change -> change.path("value").path("messages").forEach(message ->
                        each(batch, Channel.WHATSAPP, message, () -> whatsapp(change.path("value"), message))));
            }
        }
        return batch;
    }

    /** Reads one message into the batch, or parks it with the reason it cannot be stored. */
    private static void each(Batch batch, Channel channel, JsonNode raw, java.util.function.Supplier<java.util.Optional<InboundMessage>> read) {
        try {
            read.get().ifPresent(batch.messages()::add);
        } catch (ApiException | dev.helpdesk.domain.InvalidInput e) {
            batch.parked().add(new InboundParking.Parked(channel.wire(), e.getMessage(), raw.toString()));
        }
    }

    /** Messenger and Instagram share the {@code messaging} shape: sender, recipient, message{mid,text,attachments}. */
    private java.util.Optional<InboundMessage> messaging(JsonNode event, Channel channel) {
        JsonNode message = event.path("message");
        if (message.isMissingNode() || message.path("is_echo").asBoolean(false)) {
            return java.util.Optional.empty(); // deliveries, reads, postbacks, and our own replies echoed back
        }
        String sender = text(event.path("sender").path("id"), "sender.id");
        String recipient = text(event.path("recipient").path("id"), "recipient.id");
        String mid = text(message.path("mid"), "message.mid");
        List<Attachment> attachments = new ArrayList<>();
        for (JsonNode a : message.path("attachments")) {
            String url = a.path("payload").path("url").asText("");
            attachments.add(new Attachment(url.isEmpty() ? a.path("type").asText("file") : lastSegment(url),
                    mediaType(a.path("type").asText("file")), 0));
        }
        String body = message.path("text").asText("");
        if (body.isBlank() && attachments.isEmpty()) {
            return java.util.Optional.empty();
        }
        Identity.Kind kind = channel == Channel.MESSENGER ? Identity.Kind.MESSENGER : Identity.Kind.INSTAGRAM;
        return java.util.Optional.of(new InboundMessage(channel, mid, channel.wire() + ":" + sender + ":" + recipient, null,
                List.of(new Identity(kind, sender)), null, body, attachments, clock.instant(), false));
    }

    /** One WhatsApp message of a change's {@code value} (its contacts name the sender). */
    private java.util.Optional<InboundMessage> whatsapp(JsonNode value, JsonNode message) {
        String businessNumber = value.path("metadata").path("phone_number_id").asText("");
        String from = text(message.path("from"), "messages.from");
        String id = text(message.path("id"), "messages.id");
        String name = null;
        for (JsonNode contact : value.path("contacts")) {
            if (from.equals(contact.path("wa_id").asText())) {
                name = contact.path("profile").path("name").asText(null);
            }
        }
        String type = message.path("type").asText("text");
        String body;
        List<Attachment> attachments = new ArrayList<>();
        if (type.equals("text")) {
            body = message.path("text").path("body").asText("");
        } else {
            JsonNode media = message.path(type);
            body = media.path("caption").asText("");
            attachments.add(new Attachment(media.path("filename").asText(type + "-" + media.path("id").asText("")),
                    media.path("mime_type").asText(mediaType(type)), 0));
        }
        if (body.isBlank() && attachments.isEmpty()) {
            return java.util.Optional.empty(); // nothing to read: acknowledged, and no customer made for it
        }
        // WhatsApp ids are phone numbers without '+': the same person as an SMS from +<number>.
        return java.util.Optional.of(new InboundMessage(Channel.WHATSAPP, id, "whatsapp:" + from + ":" + businessNumber, name,
                List.of(new Identity(Identity.Kind.WHATSAPP, from), Identity.phone("+" + from)), null, body,
                attachments, clock.instant(), false));
    }

    private static String text(JsonNode node, String field) {
        if (!node.isTextual() || node.asText().isBlank()) {
            throw ApiException.badRequest("invalid_payload", "'" + field + "' is missing");
        }
        return node.asText();
    }

    private static String lastSegment(String url) {
        String path = url.contains("?") ? url.substring(0, url.indexOf('?')) : url;
        return path.substring(path.lastIndexOf('/') + 1);
    }

    private static String mediaType(String type) {
        return switch (type) {
            case "image" -> "image/*";
            case "video" -> "video/*";
            case "audio" -> "audio/*";
            default -> "application/octet-stream";
        };
    }
}
