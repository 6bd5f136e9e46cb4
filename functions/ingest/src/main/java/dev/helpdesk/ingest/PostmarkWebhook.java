package dev.helpdesk.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.helpdesk.app.InboundMessage;
import dev.helpdesk.config.Secrets;
import dev.helpdesk.domain.Attachment;
import dev.helpdesk.http.ApiException;
import dev.helpdesk.http.ApiRequest;
import dev.helpdesk.ingest.email.ParsedEmail;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Postmark's inbound webhook (JSON), protected by HTTP basic auth in the webhook URL as Postmark recommends.
 * Threading headers come from {@code Headers}; attachments are recorded by name, type and size.
 */
@Singleton
public class PostmarkWebhook {
    static final String USER = "POSTMARK_INBOUND_USER";
    static final String PASSWORD = "POSTMARK_INBOUND_PASSWORD";
    /** Postmark accepts inbound messages up to 35 MB including base64 attachments. */
    static final int MAX_BODY_BYTES = 36 * 1024 * 1024;

    private final Secrets secrets;
    private final Clock clock;

    public PostmarkWebhook(Secrets secrets, Clock clock) {
        this.secrets = secrets;
        this.clock = clock;
    }

    public InboundMessage parse(ApiRequest request) {
        authenticate(request.header("Authorization").orElse(""));
        if (request.rawBody().length > MAX_BODY_BYTES) {
            throw ApiException.tooLarge("Postmark inbound body exceeds " + MAX_BODY_BYTES + " bytes");
        }
        JsonNode json = request.jsonBody();
        String providerId = required(json, "MessageID");
        JsonNode from = json.path("FromFull");
        String address = from.path("Email").asText(json.path("From").asText(""));
        if (!address.matches("[^@\\s]+@[^@\\s]+")) {
            throw ApiException.badRequest("invalid_payload", "'FromFull.Email' is not an email address");
        }
        String messageId = null;
        String inReplyTo = null;
        String references = null;
        for (JsonNode header : json.path("Headers")) {
            String name = header.path("Name").asText("");
            String value = header.path("Value").asText("");
            if (name.equalsIgnoreCase("Message-ID")) {
                messageId = ParsedEmail.messageIds(value).stream().findFirst().orElse(value.strip());
            } else if (name.equalsIgnoreCase("In-Reply-To")) {
                inReplyTo = value;
            } else if (name.equalsIgnoreCase("References")) {
                references = value;
            }
        }
        List<Attachment> attachments = new ArrayList<>();
        for (JsonNode a : json.path("Attachments")) {
            attachments.add(new Attachment(a.path("Name").asText("attachment"),
                    a.path("ContentType").asText("application/octet-stream"), a.path("ContentLength").asLong(0)));
        }
        String text = json.path("TextBody").asText("");
        String html = json.path("HtmlBody").asText("");
        if (text.isBlank() && html.isBlank() && attachments.isEmpty()) {
            throw ApiException.badRequest("invalid_payload", "the email has neither a body nor attachments");
        }
        String name = from.path("Name").asText(json.path("FromName").asText(""));
        return new ParsedEmail(providerId, messageId, ParsedEmail.threadOrder(inReplyTo, references), address,
                name.isBlank() ? null : name, json.path("Subject").asText(""), text, html.isBlank() ? null : html,
                attachments).toInbound(clock.instant());
    }

    private void authenticate(String authorization) {
        String user = secrets.require(USER);
        String password = secrets.require(PASSWORD);
        byte[] expected = ("Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)))
                .getBytes(StandardCharsets.UTF_8);
        if (!MessageDigest.isEqual(expected, authorization.strip().getBytes(StandardCharsets.UTF_8))) {
            throw ApiException.unauthorized("missing or wrong basic auth credentials");
        }
    }

    private static String required(JsonNode json, String field) {
        String value = json.path(field).asText("");
        if (value.isBlank()) {
            throw ApiException.badRequest("invalid_payload", "'" + field + "' is required");
        }
        return value;
    }
}
