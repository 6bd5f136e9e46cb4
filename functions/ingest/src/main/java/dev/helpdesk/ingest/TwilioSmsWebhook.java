package dev.helpdesk.ingest;

import dev.helpdesk.app.InboundMessage;
import dev.helpdesk.config.Secrets;
import dev.helpdesk.domain.Attachment;
import dev.helpdesk.domain.Channel;
import dev.helpdesk.domain.Identity;
import dev.helpdesk.http.ApiException;
import dev.helpdesk.http.ApiRequest;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Twilio Messaging's inbound webhook: form-encoded {@code MessageSid}, {@code From}, {@code To}, {@code Body},
 * {@code NumMedia} and {@code MediaUrlN}/{@code MediaContentTypeN}; verified with {@code X-Twilio-Signature}
 * over the public URL before anything is read. An SMS conversation is the customer's number with the brand's.
 */
@Singleton
public class TwilioSmsWebhook {
    static final String AUTH_TOKEN = "TWILIO_AUTH_TOKEN";
    /** Twilio's own limit is 1,600 characters of body; the form with media URLs stays far below this. */
    static final int MAX_BODY_BYTES = 64 * 1024;
    static final String EMPTY_TWIML = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response></Response>";
    private static final int MAX_MEDIA = 10;

    private final Secrets secrets;
    private final PublicUrl publicUrl;
    private final Clock clock;

    public TwilioSmsWebhook(Secrets secrets, PublicUrl publicUrl, Clock clock) {
        this.secrets = secrets;
        this.publicUrl = publicUrl;
        this.clock = clock;
    }

    public InboundMessage parse(ApiRequest request) {
        byte[] raw = request.rawBody();
        if (raw.length > MAX_BODY_BYTES) {
            throw ApiException.tooLarge("Twilio webhook body exceeds " + MAX_BODY_BYTES + " bytes");
        }
        FormBody form = FormBody.parse(request.body());
        String token = secrets.require(AUTH_TOKEN);
        if (!TwilioSignature.valid(request.header("X-Twilio-Signature").orElse(null), token, publicUrl.of(request), form.fields())) {
            throw ApiException.unauthorized("missing or invalid X-Twilio-Signature");
        }
        String sid = form.required("MessageSid");
        String from = form.required("From");
        String to = form.required("To");
        String body = form.first("Body").orElse("");
        List<Attachment> media = new ArrayList<>();
        int count = form.first("NumMedia").map(TwilioSmsWebhook::count).orElse(0);
        for (int i = 0; i < Math.min(count, MAX_MEDIA); i++) {
            String url = form.first("MediaUrl" + i).orElse(null);
            if (url != null) {
                // Twilio sends a URL, not the bytes: the size is unknown (0) until someone fetches the media.
                media.add(new Attachment(url.substring(url.lastIndexOf('/') + 1),
                        form.first("MediaContentType" + i).orElse("application/octet-stream"), 0));
            }
        }
        if (body.isBlank() && media.isEmpty()) {
            throw ApiException.badRequest("invalid_payload", "the message has neither Body nor media");
        }
        return new InboundMessage(Channel.SMS, sid, "sms:" + from + ":" + to, null, List.of(Identity.phone(from)),
                null, body, media, clock.instant(), false);
    }

    private static int count(String value) {
        try {
            return Math.max(0, Integer.parseInt(value.trim()));
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("invalid_payload", "NumMedia must be a number");
        }
    }
}
