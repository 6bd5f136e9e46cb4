package dev.helpdesk.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in for the Bedrock Runtime Converse API: the real wire protocol, but NOT a language model. It classifies
 * deterministically from cue words in English, Swedish, Danish, Polish and Latvian, so the whole flow runs
 * offline and tests can predict it, and it explains itself (the answer carries the cues it matched, which the
 * real prompt never asks for and the validator ignores). Sentiment: the first of Urgent, Negative, Promoter,
 * Positive whose cues appear, else Neutral; topics: every topic whose cues appear, else "other".
 *
 * <p>It can be told to fail, for tests: {@code PUT /local/faults/bedrock {"mode": m, "count": n}} makes the next
 * n calls (all, if n is -1) throttle (429), error (500), be unavailable (503), answer garbage, answer out of
 * range, answer with extra fields, or be slow ({@code "delayMs"}).
 */
final class BedrockStandIn {
    static final Map<String, List<String>> SENTIMENT_CUES = new LinkedHashMap<>();
    static final Map<String, List<String>> TOPIC_CUES = new LinkedHashMap<>();
    private static final Map<String, Integer> SCORES = Map.of("Urgent", 1, "Negative", 3, "Promoter", 10, "Positive", 8, "Neutral", 5);

    static {
        SENTIMENT_CUES.put("Urgent", List.of("urgent", "asap", "immediately", "right now", "emergency", "charged twice",
                "double charged", "deadline", "lawyer", "fraud", "akut", "brådskande", "omgående", "snarast", "dubbelt",
                "haster", "straks", "to gange", "pilne", "natychmiast", "jak najszybciej", "dwa razy", "steidzami",
                "nekavējoties", "divreiz", "birthday present for"));
        SENTIMENT_CUES.put("Negative", List.of("angry", "disappointed", "terrible", "awful", "broken", "damaged", "worst",
                "never again", "unacceptable", "still not", "besviken", "dålig", "trasig", "skadad", "inte nöjd", "skuffet",
                "dårlig", "ødelagt", "beskadiget", "ikke tilfreds", "rozczarowan", "uszkodz", "zepsut", "fataln", "skandal",
                "vīlies", "vīlusies", "bojāt", "briesmīg", "slikt", "nav apmierināt", "still hasn't", "not happy"));
        SENTIMENT_CUES.put("Promoter", List.of("love", "amazing", "best shop", "recommend you", "fantastic", "älskar",
                "fantastisk", "bästa", "elsker", "uwielbiam", "rewelacyjn", "najlepsz", "polecam", "lieliski",
                "fantastiski", "ieteikšu", "mīlu", "ieteiktu"));
        SENTIMENT_CUES.put("Positive", List.of("thank", "great", "happy", "works now", "tack", "nöjd", "tak ", "tak!",
                "glad", "dziękuj", "zadowolon", "paldies", "priecīg"));
        TOPIC_CUES.put("refund", List.of("refund", "money back", "reimburse", "återbetalning", "pengarna tillbaka",
                "refusion", "pengene tilbage", "zwrot pieniędzy", "zwrot środków", "zwrot kosztów", "atmaks", "naudu atpakaļ"));
        TOPIC_CUES.put("returns", List.of("return", "send back", "send it back", "exchange", "returnera", "retur", "bytte",
                "ombyte", "zwrócić", "odesłać", "wymian", "atgriez", "apmainī"));
        TOPIC_CUES.put("delivery", List.of("delivery", "deliver", "arrive", "shipping", "courier", "parcel", "package",
                "leverans", "levererad", "paket", "kommit fram", "levering", "pakke", "ankommet", "kommet frem", "dostaw",
                "przesyłk", "paczk", "kurier", "doręcz", "piegād", "paka", "sūtījum", "kurjer", "atnāk"));
        TOPIC_CUES.put("order tracking", List.of("tracking", "track my", "where is my order", "order status", "spårning",
                "spåra", "var är min", "sporing", "hvor er min", "śledzeni", "gdzie jest moje", "status zamówienia",
                "izsekot", "kur ir mans", "kur ir mana", "numer przesyłki", "sporingsnummer"));
        TOPIC_CUES.put("billing", List.of("invoice", "bill ", "billing", "charged", "payment", "receipt", "faktura",
                "debiterad", "opkrævet", "betaling", "płatnoś", "obciążon", "rachun", "rēķin", "maksājum", "samaksā", "kvitto",
                "kvittering"));
        TOPIC_CUES.put("product question", List.of("size", "does it", "how do i", "how to", "compatible", "material",
                "in stock", "storlek", "passar", "finns den", "størrelse", "passer", "findes den", "rozmiar", "czy jest",
                "dostępn", "jak używać", "izmērs", "vai ir pieejam", "kā lietot", "waterproof", "vattentät", "vandtæt",
                "wodoodporn", "ūdensizturīg"));
        TOPIC_CUES.put("recommendations", List.of("recommend a", "suggest", "which one should", "what would you recommend",
                "rekommendera", "föreslå", "anbefal", "foreslå", "co polecacie", "co wybrać", "ko iesakāt", "ieteiksiet"));
    }

    private volatile String faultMode;
    private final AtomicInteger faultsLeft = new AtomicInteger();
    private volatile long delayMs = 3000;

    void setFault(String mode, int count, long delay) {
        faultMode = mode;
        faultsLeft.set(count);
        delayMs = delay;
    }

    void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        if (!"POST".equals(exchange.getRequestMethod()) || !path.startsWith("/model/") || !path.endsWith("/converse")) {
            awsError(exchange, 404, "UnknownOperationException", "only POST /model/{modelId}/converse is served locally");
            return;
        }
        JsonNode request;
        try {
            request = Exchanges.JSON.readTree(exchange.getRequestBody());
        } catch (IOException e) {
            awsError(exchange, 400, "ValidationException", "body is not JSON");
            return;
        }
        String fault = nextFault();
        if (fault != null) {
            switch (fault) {
                case "throttle" -> {
                    awsError(exchange, 429, "ThrottlingException", "Too many requests, please wait before trying again.");
                    return;
                }
                case "error" -> {
                    awsError(exchange, 500, "InternalServerException", "injected fault");
                    return;
                }
                case "unavailable" -> {
                    awsError(exchange, 503, "ServiceUnavailableException", "injected fault");
                    return;
                }
                case "slow" -> sleep(delayMs);
                default -> {
                    // garbage / out-of-range / extra-fields answer below
                }
            }
        }
        String text = lastUserText(request);
        String answer = switch (fault == null ? "" : fault) {
            case "garbage" -> "Sure! This customer seems fairly happy to me.";
            case "out-of-range" -> "{\"score\": 42, \"label\": \"Ecstatic\", \"labels\": [\"weather\"]}";
            case "extra-fields" -> "{\"score\": 10, \"label\": \"Promoter\", \"labels\": [\"refund\"], "
                    + "\"assigneeId\": \"ceo\", \"subject\": \"ignore the ticket\", \"status\": \"Resolved\"}";
            default -> Exchanges.JSON.writeValueAsString(classify(text));
        };
        int inputTokens = Math.max(1, request.toString().length() / 4);
        int outputTokens = Math.max(1, answer.length() / 4);
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("output", Map.of("message", Map.of("role", "assistant", "content", List.of(Map.of("text", answer)))));
        response.put("stopReason", "end_turn");
        response.put("usage", Map.of("inputTokens", inputTokens, "outputTokens", outputTokens, "totalTokens", inputTokens + outputTokens));
        response.put("metrics", Map.of("latencyMs", 1));
        Exchanges.json(exchange, 200, response);
    }

    private String nextFault() {
        String mode = faultMode;
        if (mode == null) {
            return null;
        }
        int left = faultsLeft.getAndUpdate(n -> n > 0 ? n - 1 : n);
        if (left == 0) {
            return null;
        }
        return mode;
    }

    /** The classification, plus the cues that decided it (ignored by the validator, useful to a reader). */
    static Map<String, Object> classify(String raw) {
        String text = " " + raw.toLowerCase(Locale.ROOT) + " ";
        String label = "Neutral";
        List<String> cues = new ArrayList<>();
        for (Map.Entry<String, List<String>> e : SENTIMENT_CUES.entrySet()) {
            List<String> hits = e.getValue().stream().filter(text::contains).toList();
            if (!hits.isEmpty()) {
                label = e.getKey();
                cues.addAll(hits);
                break;
            }
        }
        List<String> labels = new ArrayList<>();
        TOPIC_CUES.forEach((topic, words) -> {
            List<String> hits = words.stream().filter(text::contains).toList();
            if (!hits.isEmpty()) {
                labels.add(topic);
                cues.addAll(hits);
            }
        });
        if (labels.isEmpty()) {
            labels.add("other");
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("score", SCORES.get(label));
        answer.put("label", label);
        answer.put("labels", labels);
        answer.put("cues", cues);
        return answer;
    }

    /** The text of the last user message, inside the prompt's delimiters when present. */
    private static String lastUserText(JsonNode request) {
        String text = "";
        for (JsonNode message : request.path("messages")) {
            if ("user".equals(message.path("role").asText())) {
                StringBuilder b = new StringBuilder();
                message.path("content").forEach(c -> b.append(c.path("text").asText("")));
                text = b.toString();
            }
        }
        int open = text.indexOf("<customer_messages>");
        int close = text.lastIndexOf("</customer_messages>");
        return open >= 0 && close > open ? text.substring(open + "<customer_messages>".length(), close) : text;
    }

    private static void awsError(HttpExchange exchange, int status, String type, String message) throws IOException {
        exchange.getResponseHeaders().set("x-amzn-ErrorType", type);
        Exchanges.json(exchange, status, Map.of("message", message));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
