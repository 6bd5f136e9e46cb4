package dev.helpdesk.observability;

import org.junit.jupiter.api.parallel.Isolated;
import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The metrics a use case reports become CloudWatch EMF documents on standard output, written by Powertools. */
@Isolated
class PowertoolsMetricsTest {

    @Test
    @DisplayName("emit writes one EMF document: namespace Helpdesk, dimension Service, units, values and properties")
    void emitsEmbeddedMetricFormat() throws Exception {
        List<JsonNode> documents = capture(() -> {
            Metrics metrics = new PowertoolsMetrics("classify");
            metrics.emit(List.of(Metrics.Value.millis("ClassificationLatency", 412), Metrics.Value.count("ModelInputTokens", 120)),
                    Map.of("model", "amazon.nova-micro-v1:0"));
            new PowertoolsMetrics("delivery").emit(List.of(Metrics.Value.count("RepliesDelivered", 1)), Map.of("channel", "sms"));
        });
        assertEquals(2, documents.size(), documents.toString());
        JsonNode classify = documents.get(0);
        JsonNode directive = classify.path("_aws").path("CloudWatchMetrics").get(0);
        assertEquals("Helpdesk", directive.path("Namespace").asText());
        assertEquals("[[\"Service\"]]", directive.path("Dimensions").toString());
        assertEquals("classify", classify.path("Service").asText());
        assertEquals(412.0, classify.path("ClassificationLatency").asDouble());
        assertEquals(120.0, classify.path("ModelInputTokens").asDouble());
        assertEquals("amazon.nova-micro-v1:0", classify.path("model").asText());
        List<String> units = new ArrayList<>();
        directive.path("Metrics").forEach(m -> units.add(m.path("Name").asText() + ":" + m.path("Unit").asText()));
        assertEquals(java.util.Set.of("ClassificationLatency:Milliseconds", "ModelInputTokens:Count"), java.util.Set.copyOf(units));
        assertTrue(classify.path("_aws").path("Timestamp").asLong() > 0);
        // Each record is isolated: the second function's service and values do not mix with the first's.
        JsonNode delivery = documents.get(1);
        assertEquals("delivery", delivery.path("Service").asText());
        assertFalse(delivery.has("ModelInputTokens"));
        assertEquals("sms", delivery.path("channel").asText());
    }

    private static List<JsonNode> capture(Runnable work) throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            work.run();
        } finally {
            System.setOut(original);
        }
        List<JsonNode> documents = new ArrayList<>();
        for (String line : bytes.toString(StandardCharsets.UTF_8).split("\n")) {
            if (line.contains("\"_aws\"")) {
                documents.add(new ObjectMapper().readTree(line));
            }
        }
        return documents;
    }
}
