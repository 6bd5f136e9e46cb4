package dev.helpdesk.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A stand-in for the Bedrock Runtime Converse API: the real wire protocol, but NOT a language model. It answers
 * deterministically from keywords in the last user message, so that the whole flow runs offline and tests can
 * predict the result. Rules: words of anger or urgency lower the score and pick Urgent or Negative; praise
 * raises it and picks Positive or Promoter; topic words pick the labels; otherwise Neutral / "other".
 */
final class BedrockStandIn {
    private static final Map<String, List<String>> TOPICS = new LinkedHashMap<>();

    static {
        TOPICS.put("refund", List.of("refund", "money back", "återbetalning", "refusion", "zwrot pieniędzy"));
        TOPICS.put("returns", List.of("return", "retur", "zwrot", "atgriez"));
        TOPICS.put("delivery", List.of("delivery", "deliver", "leverans", "levering", "dostaw", "piegād"));
        TOPICS.put("order tracking", List.of("tracking", "where is my order", "spårning", "śledzeni", "izsekot"));
        TOPICS.put("billing", List.of("invoice", "charged", "billing", "faktura", "rēķin"));
        TOPICS.put("product question", List.of("does it", "size", "how do i", "storlek", "rozmiar", "izmērs"));
        TOPICS.put("recommendations", List.of("recommend", "suggest", "rekommend", "polec", "iesak"));
    }

    private static final List<String> URGENT = List.of("urgent", "asap", "immediately", "emergency", "akut", "pilne", "steidzami");
    private static final List<String> NEGATIVE = List.of("angry", "terrible", "broken", "worst", "disappointed", "dålig",
            "elendig", "okropn", "briesmīg", "never again");
    private static final List<String> PROMOTER = List.of("love", "amazing", "recommend you", "best", "älskar", "elsker", "uwielbiam");
    private static final List<String> POSITIVE = List.of("thank", "great", "happy", "tack", "tak", "dziękuj", "paldies");

    void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        if (!"POST".equals(exchange.getRequestMethod()) || !path.startsWith("/model/") || !path.endsWith("/converse")) {
            exchange.getResponseHeaders().set("x-amzn-ErrorType", "UnknownOperationException");
            Exchanges.json(exchange, 404, Map.of("message", "only POST /model/{modelId}/converse is served locally"));
            return;
        }
        JsonNode request;
        try {
            request = Exchanges.JSON.readTree(exchange.getRequestBody());
        } catch (IOException e) {
            exchange.getResponseHeaders().set("x-amzn-ErrorType", "ValidationException");
            Exchanges.json(exchange, 400, Map.of("message", "body is not JSON"));
            return;
        }
        String text = lastUserText(request).toLowerCase(Locale.ROOT);
        String answer = Exchanges.JSON.writeValueAsString(classify(text));
        int inputTokens = Math.max(1, (request.toString().length()) / 4);
        int outputTokens = Math.max(1, answer.length() / 4);
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("output", Map.of("message", Map.of("role", "assistant", "content", List.of(Map.of("text", answer)))));
        response.put("stopReason", "end_turn");
        response.put("usage", Map.of("inputTokens", inputTokens, "outputTokens", outputTokens, "totalTokens", inputTokens + outputTokens));
        response.put("metrics", Map.of("latencyMs", 1));
        Exchanges.json(exchange, 200, response);
    }

    static Map<String, Object> classify(String text) {
        int score = 5;
        String label = "Neutral";
        if (containsAny(text, URGENT)) {
            score = 1;
            label = "Urgent";
        } else if (containsAny(text, NEGATIVE)) {
            score = 2;
            label = "Negative";
        } else if (containsAny(text, PROMOTER)) {
            score = 10;
            label = "Promoter";
        } else if (containsAny(text, POSITIVE)) {
            score = 8;
            label = "Positive";
        }
        List<String> labels = new ArrayList<>();
        TOPICS.forEach((topic, words) -> {
            if (containsAny(text, words)) {
                labels.add(topic);
            }
        });
        if (labels.isEmpty()) {
            labels.add("other");
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("score", score);
        answer.put("label", label);
        answer.put("labels", labels);
        return answer;
    }

    private static String lastUserText(JsonNode request) {
        String text = "";
        for (JsonNode message : request.path("messages")) {
            if ("user".equals(message.path("role").asText())) {
                StringBuilder b = new StringBuilder();
                message.path("content").forEach(c -> b.append(c.path("text").asText("")));
                text = b.toString();
            }
        }
        return text;
    }

    private static boolean containsAny(String text, List<String> words) {
        return words.stream().anyMatch(text::contains);
    }
}
