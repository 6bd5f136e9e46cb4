package dev.helpdesk.local.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.helpdesk.ai.BedrockSentimentModel;
import dev.helpdesk.ai.SentimentModel;
import dev.helpdesk.domain.Taxonomy;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClientBuilder;

/**
 * Runs the labelled support messages (test resource {@code classification/labelled-messages.jsonl}: 64 messages
 * in English, Swedish, Danish, Polish and Latvian) through the production prompt and validator, and reports
 * sentiment-label accuracy and topic agreement, overall and per language.
 *
 * <p>Against real Bedrock (AWS credentials and region from the usual environment):
 * {@code java -cp <test classpath> dev.helpdesk.local.bench.ClassifierEval amazon.nova-micro-v1:0};
 * against any other Converse endpoint, add it as the second argument. The quality test runs it on the stand-in.
 */
public final class ClassifierEval {
    public record Example(String lang, String channel, String text, String label, Set<String> topics) {
    }

    /** Label accuracy, topic agreement (Jaccard, averaged), per-language label accuracy, and the failures. */
    public record Report(int total, double labelAccuracy, double topicAgreement, Map<String, Double> labelAccuracyByLanguage,
                         int modelFailures, long inputTokens, long outputTokens, List<String> misses) {
        public String summary() {
            return String.format("%d messages: sentiment label accuracy %.1f%%, topic agreement %.1f%%, model failures %d, "
                            + "tokens in/out %d/%d; by language %s",
                    total, labelAccuracy * 100, topicAgreement * 100, modelFailures, inputTokens, outputTokens, labelAccuracyByLanguage);
        }
    }

    public static List<Example> examples() throws Exception {
        ObjectMapper json = new ObjectMapper();
        List<Example> examples = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(
                ClassifierEval.class.getResourceAsStream("/classification/labelled-messages.jsonl"), StandardCharsets.UTF_8))) {
            for (String line; (line = reader.readLine()) != null; ) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode n = json.readTree(line);
                Set<String> topics = new HashSet<>();
                n.path("topics").forEach(t -> topics.add(t.asText()));
                examples.add(new Example(n.path("lang").asText(), n.path("channel").asText(), n.path("text").asText(),
                        n.path("label").asText(), topics));
            }
        }
        return examples;
    }

    public static Report evaluate(SentimentModel model, List<Example> examples) {
        int correct = 0;
        int failures = 0;
        double topicSum = 0;
        long in = 0;
        long out = 0;
        Map<String, int[]> byLanguage = new TreeMap<>();
        List<String> misses = new ArrayList<>();
        for (Example e : examples) {
            int[] counts = byLanguage.computeIfAbsent(e.lang(), l -> new int[2]);
            counts[1]++;
            try {
                SentimentModel.Reading reading = model.classify(e.text(), Taxonomy.DEFAULT);
                in += reading.inputTokens();
                out += reading.outputTokens();
                String label = reading.classification().sentiment().label().wire();
                Set<String> topics = new HashSet<>(reading.classification().labels());
                if (label.equals(e.label())) {
                    correct++;
                    counts[0]++;
                } else {
                    misses.add("[" + e.lang() + "] expected " + e.label() + " got " + label + ": " + e.text());
                }
                Set<String> union = new HashSet<>(topics);
                union.addAll(e.topics());
                Set<String> both = new HashSet<>(topics);
                both.retainAll(e.topics());
                topicSum += union.isEmpty() ? 1 : (double) both.size() / union.size();
            } catch (SentimentModel.ModelFailure failure) {
                failures++;
                misses.add("[" + e.lang() + "] model failure: " + failure.getMessage());
            }
        }
        Map<String, Double> languages = new TreeMap<>();
        byLanguage.forEach((lang, c) -> languages.put(lang, Math.round(1000.0 * c[0] / c[1]) / 1000.0));
        return new Report(examples.size(), (double) correct / examples.size(), topicSum / examples.size(), languages,
                failures, in, out, misses);
    }

    public static void main(String[] args) throws Exception {
        String modelId = args.length > 0 ? args[0] : BedrockSentimentModel.DEFAULT_MODEL;
        BedrockRuntimeClientBuilder builder = BedrockRuntimeClient.builder().httpClientBuilder(UrlConnectionHttpClient.builder());
        if (args.length > 1) {
            builder.endpointOverride(URI.create(args[1]));
        }
        try (BedrockRuntimeClient client = builder.build()) {
            Report report = evaluate(new BedrockSentimentModel(client, modelId), examples());
            System.out.println(modelId + ": " + report.summary());
            report.misses().forEach(m -> System.out.println("  " + m));
        }
    }
}
