package dev.helpdesk.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.helpdesk.app.InboundMessage;
import dev.helpdesk.http.ApiException;
import dev.helpdesk.http.ApiRequest;
import dev.helpdesk.ingest.email.MimeEmails;
import dev.helpdesk.ingest.email.StoredMail;
import dev.helpdesk.ingest.email.RawMailStore;
import dev.helpdesk.json.Json;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.Optional;

/**
 * Amazon SES inbound mail, announced to this HTTPS endpoint over SNS: an SNS envelope (verified by
 * {@link SnsMessages}) around an SES "Received" notification. With the receipt rule's S3 action the raw MIME
 * message is in the bucket and key the notification names (any size); with the SNS action it is inline in
 * {@code content}, base64 or UTF-8 (up to 150 KB).
 */
@Singleton
public class SesWebhook {
    /** SNS delivers at most 256 KB; base64 of a 150 KB message plus the envelope fits. */
    static final int MAX_BODY_BYTES = 256 * 1024;

    private final SnsMessages sns;
    private final RawMailStore mail;
    private final Clock clock;

    public SesWebhook(SnsMessages sns, RawMailStore mail, Clock clock) {
        this.sns = sns;
        this.mail = mail;
        this.clock = clock;
    }

    /** The inbound email, or empty for a subscription confirmation (which it confirms). */
    public Optional<InboundMessage> parse(ApiRequest request) {
        if (request.rawBody().length > MAX_BODY_BYTES) {
            throw ApiException.tooLarge("SNS delivery exceeds " + MAX_BODY_BYTES + " bytes");
        }
        JsonNode envelope = request.jsonBody();
        SnsMessages.Verified verified = sns.verify(envelope);
        switch (verified.type()) {
            case "SubscriptionConfirmation" -> {
                sns.confirm(envelope);
                return Optional.empty();
            }
            case "UnsubscribeConfirmation" -> {
                return Optional.empty();
            }
            case "Notification" -> {
                return Optional.of(email(verified));
            }
            default -> throw ApiException.badRequest("invalid_payload", "unknown SNS message type " + verified.type());
        }
    }

    private InboundMessage email(SnsMessages.Verified verified) {
        JsonNode notification;
        try {
            notification = Json.read(verified.message());
        } catch (Json.MalformedJsonException e) {
            throw ApiException.badRequest("invalid_payload", "the SNS Message is not an SES notification");
        }
        if (!"Received".equals(notification.path("notificationType").asText())) {
            throw ApiException.badRequest("invalid_payload", "not an SES 'Received' notification");
        }
        String sesId = notification.path("mail").path("messageId").asText("");
        JsonNode action = notification.path("receipt").path("action");
        String content = notification.path("content").asText("");
        if (sesId.isEmpty()) {
            throw ApiException.badRequest("invalid_payload", "the notification has no mail.messageId");
        }
        byte[] raw;
        if ("S3".equals(action.path("type").asText())) {
            String bucket = action.path("bucketName").asText("");
            String key = action.path("objectKey").asText("");
            try {
                raw = mail.read(bucket, key);
            } catch (RawMailStore.MissingMailException e) {
                throw ApiException.badRequest("invalid_payload", e.getMessage());
            }
            // The raw copy is kept: like the bucket's own event, the mail becomes a message whatever it holds.
            return StoredMail.inbound(raw, sesId, "s3://" + bucket + "/" + key, clock.instant());
        } else if (!content.isEmpty()) {
            try {
                raw = "BASE64".equalsIgnoreCase(action.path("encoding").asText("UTF8"))
                        ? Base64.getMimeDecoder().decode(content) : content.getBytes(StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest("invalid_payload", "content is not valid base64");
            }
        } else {
            throw ApiException.badRequest("invalid_payload", "the notification has neither content nor an S3 location");
        }
        try {
            return MimeEmails.parse(raw, sesId).toInbound(clock.instant());
        } catch (MimeEmails.InvalidEmailException e) {
            throw ApiException.badRequest("invalid_email", e.getMessage());
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("invalid_email", "the sender address is not usable: " + e.getMessage());
        }
    }
}
