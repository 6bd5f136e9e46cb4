package dev.helpdesk.delivery;

import dev.helpdesk.outbound.OutboundReply;
import dev.helpdesk.outbound.OutboundSender;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.function.Supplier;

/**
 * SMS through Twilio's Messages API: {@code POST /2010-04-01/Accounts/{sid}/Messages.json}, form-encoded
 * {@code To}, {@code From} (the number the customer wrote to), {@code Body}; HTTP basic auth with the account
 * SID and auth token. Twilio answers 201 with the message's {@code sid}.
 */
final class TwilioSmsSender implements OutboundSender {
    private final ProviderHttp http;
    private final String apiBase;
    private final String accountSid;
    private final Supplier<String> authToken;

    TwilioSmsSender(ProviderHttp http, String apiBase, String accountSid, Supplier<String> authToken) {
        this.http = http;
        this.apiBase = apiBase;
        this.accountSid = accountSid;
        this.authToken = authToken;
    }

    @Override
    public SendReceipt send(OutboundReply reply) {
        String form = "To=" + encode(reply.to()) + "&From=" + encode(reply.from()) + "&Body=" + encode(reply.text());
        String credentials = Base64.getEncoder().encodeToString((accountSid + ":" + authToken.get()).getBytes(StandardCharsets.UTF_8));
        var answer = http.post("Twilio", URI.create(apiBase + "/2010-04-01/Accounts/" + encode(accountSid) + "/Messages.json"),
                Map.of("Authorization", "Basic " + credentials), "application/x-www-form-urlencoded",
                form.getBytes(StandardCharsets.UTF_8));
        return new SendReceipt(answer.path("sid").asText(null), null);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
