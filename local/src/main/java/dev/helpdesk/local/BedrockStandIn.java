package dev.helpdesk.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in for the Bedrock Runtime Converse API: the real wire protocol, but NOT a language model. It classifies
 * deterministically with a lexicon-and-rules model ({@link LexiconClassifier}: negation, intensifiers, capitals,
 * exclamation, urgency, threats to leave or dispute, thanks and praise) in English, Spanish, French, German,
 * Polish, Portuguese, Swedish, Danish and Latvian, so the whole flow runs offline and tests can predict it, and it
 * explains itself (the answer carries the cues it matched, which the real prompt never asks for and the validator
 * ignores). Topics: every topic whose cue words appear, else "other".
 *
 * <p>It can be told to fail, for tests: {@code PUT /local/faults/bedrock {"mode": m, "count": n}} makes the next
 * n calls (all, if n is -1) throttle (429), error (500), be unavailable (503), answer garbage, answer out of
 * range, answer with extra fields, or be slow ({@code "delayMs"}).
 */
final class BedrockStandIn {
    /** Loaded once: the lexicon is read-only and the classifier keeps no state between calls. */
    private static final LexiconClassifier CLASSIFIER = new LexiconClassifier(Lexicon.load());

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
        // Output tokens are estimated over what a real model answers (score, label, labels): the explanation is the
        // stand-in's own, and counting it would inflate the cost per ticket the README quotes.
        int outputTokens = Math.max(1, withoutExplanation(answer).length() / 4);
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

    /**
     * The classification, plus what decided it (ignored by the validator, useful to a reader): the cues, the
     * valence and urgency they add up to, and the languages guessed.
     */
    static Map<String, Object> classify(String raw) {
        LexiconClassifier.Reading reading = CLASSIFIER.classify(raw);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("score", reading.score());
        answer.put("label", reading.label());
        answer.put("labels", reading.topics());
        answer.put("cues", reading.cues());
        answer.put("valence", reading.valence());
        answer.put("urgency", reading.urgency());
        answer.put("languages", reading.languages().stream().sorted().toList());
        return answer;
    }

    private static String withoutExplanation(String answer) {
        try {
            JsonNode json = Exchanges.JSON.readTree(answer);
            if (json instanceof com.fasterxml.jackson.databind.node.ObjectNode object && object.has("cues")) {
                object.remove(List.of("cues", "valence", "urgency", "languages"));
                return Exchanges.JSON.writeValueAsString(object);
            }
        } catch (IOException e) {
            // not JSON (the "garbage" fault): counted as it is
        }
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
