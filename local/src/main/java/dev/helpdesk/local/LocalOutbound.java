package dev.helpdesk.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The providers' side of outbound replies, recorded instead of sent: Twilio's Messages API, Meta's Graph API, the
 * brand's chat back end, Postmark's Email API (under {@code /local/outbound/...}) and SES v2 SendEmail (its own
 * endpoint). The delivery function's real senders call these by configuration alone, so a test sees exactly
 * what a provider would have received, whether its credentials or signature were right, and can make the
 * provider fail ({@code PUT /local/faults/outbound}).
 */
final class LocalOutbound {
    static final String PREFIX = "/local/outbound";

    /** One request a provider received. {@code verified}: the credentials or signature matched the local ones. */
    record Sent(String provider, String path, String to, String text, String body, boolean verified, String at) {
    }

    private final Map<String, String> secrets;
    private final List<Sent> sent = new ArrayList<>();
    private Integer faultStatus;
    private int faultCount;

    /** @param secrets the development credentials the senders are configured with (checked on every request) */
    LocalOutbound(Map<String, String> secrets) {
        this.secrets = secrets;
    }

    synchronized List<Sent> sent() {
        return List.copyOf(sent);
    }

    /** Makes the next {@code count} provider calls (-1: all) answer {@code status}; null clears. */
    synchronized void setFault(Integer status, int count) {
        faultStatus = status;
        faultCount = count;
    }

    private synchronized Integer takeFault() {
        if (faultStatus == null || faultCount == 0) {
            return null;
        }
        if (faultCount > 0) {
            faultCount--;
        }
        return faultStatus;
    }

    private synchronized void record(Sent entry) {
        sent.add(entry);
    }

    /** {@code /local/outbound/{twilio|meta|chat|postmark}/...}. */
    void handle(HttpExchange exchange, String path) throws IOException {
        byte[] body = Exchanges.readBody(exchange, 1024 * 1024);
        String text = body == null ? "" : new String(body, StandardCharsets.UTF_8);
        Integer fault = takeFault();
        if (fault != null) {
            Exchanges.error(exchange, fault, "fault_injected", "the local provider is failing on purpose");
            return;
        }
        String rest = path.substring(PREFIX.length());
        String auth = exchange.getRequestHeaders().getFirst("Authorization");
        if (rest.startsWith("/twilio/")) {
            Map<String, String> form = Exchanges.form(text);
            String expected = "Basic " + Base64.getEncoder().encodeToString((secrets.get("TWILIO_ACCOUNT_SID") + ":"
                    + secrets.get("TWILIO_AUTH_TOKEN")).getBytes(StandardCharsets.UTF_8));
            String sid = "SM" + UUID.randomUUID().toString().replace("-", "");
            record(new Sent("twilio", rest, form.get("To"), form.get("Body"), text, expected.equals(auth), Instant.now().toString()));
            Exchanges.json(exchange, 201, Map.of("sid", sid, "status", "queued", "to", String.valueOf(form.get("To")),
                    "from", String.valueOf(form.get("From"))));
        } else if (rest.startsWith("/meta/")) {
            JsonNode json = Exchanges.JSON.readTree(text.isEmpty() ? "{}" : text);
            boolean whatsapp = json.has("messaging_product");
            String token = secrets.get(whatsapp ? "WHATSAPP_ACCESS_TOKEN" : "META_PAGE_ACCESS_TOKEN");
            String to = whatsapp ? json.path("to").asText() : json.path("recipient").path("id").asText();
            String said = whatsapp ? json.path("text").path("body").asText() : json.path("message").path("text").asText();
            record(new Sent(whatsapp ? "whatsapp" : "meta", rest, to, said, text, ("Bearer " + token).equals(auth), Instant.now().toString()));
            Exchanges.json(exchange, 200, whatsapp
                    ? Map.of("messaging_product", "whatsapp", "contacts", List.of(Map.of("input", to, "wa_id", to)),
                            "messages", List.of(Map.of("id", "wamid." + UUID.randomUUID())))
                    : Map.of("recipient_id", to, "message_id", "m_" + UUID.randomUUID()));
        } else if (rest.equals("/chat")) {
            JsonNode json = Exchanges.JSON.readTree(text.isEmpty() ? "{}" : text);
            boolean signed = ProviderSigner.sha256Header(secrets.get("CHAT_WEBHOOK_SECRET"), body == null ? new byte[0] : body)
                    .equals(exchange.getRequestHeaders().getFirst("X-Helpdesk-Signature"));
            record(new Sent("chat", rest, json.path("conversationId").asText(), json.path("text").asText(), text, signed, Instant.now().toString()));
            Exchanges.json(exchange, 200, Map.of("received", true));
        } else if (rest.equals("/postmark/email")) {
            JsonNode json = Exchanges.JSON.readTree(text.isEmpty() ? "{}" : text);
            boolean authorised = secrets.get("POSTMARK_SERVER_TOKEN").equals(exchange.getRequestHeaders().getFirst("X-Postmark-Server-Token"));
            record(new Sent("postmark", rest, json.path("To").asText(), json.path("TextBody").asText(), text, authorised, Instant.now().toString()));
            Exchanges.json(exchange, 200, Map.of("To", json.path("To").asText(), "SubmittedAt", Instant.now().toString(),
                    "MessageID", UUID.randomUUID().toString(), "ErrorCode", 0, "Message", "OK"));
        } else {
            Exchanges.error(exchange, 404, "not_found", "no local provider at " + path);
        }
    }

    /** The SES v2 endpoint: {@code POST /v2/email/outbound-emails} with raw content, recorded as the MIME it carries. */
    void handleSes(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        byte[] body = Exchanges.readBody(exchange, 12 * 1024 * 1024);
        if (!exchange.getRequestMethod().equals("POST") || !path.equals("/v2/email/outbound-emails")) {
            sesError(exchange, 404, "NotFoundException", "the local SES serves SendEmail only, not " + path);
            return;
        }
        Integer fault = takeFault();
        if (fault != null) {
            sesError(exchange, fault, fault == 429 ? "TooManyRequestsException" : "InternalFailure", "fault injected");
            return;
        }
        JsonNode request = Exchanges.JSON.readTree(body == null ? new byte[0] : body);
        String data = request.path("Content").path("Raw").path("Data").asText("");
        if (data.isEmpty()) {
            sesError(exchange, 400, "BadRequestException", "the local SES takes raw content only");
            return;
        }
        String mime = new String(Base64.getDecoder().decode(data), StandardCharsets.UTF_8);
        String to = request.path("Destination").path("ToAddresses").path(0).asText();
        String signature = exchange.getRequestHeaders().getFirst("Authorization");
        String id = "0100" + UUID.randomUUID().toString().replace("-", "") + "-000000";
        record(new Sent("ses", path, to, mime, mime, signature != null && signature.startsWith("AWS4-HMAC-SHA256"), Instant.now().toString()));
        Exchanges.json(exchange, 200, Map.of("MessageId", id));
    }

    private static void sesError(HttpExchange exchange, int status, String type, String message) throws IOException {
        exchange.getResponseHeaders().set("x-amzn-ErrorType", type);
        Exchanges.json(exchange, status, Map.of("message", message));
    }

}
