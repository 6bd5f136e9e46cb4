package dev.helpdesk.bench.cost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.helpdesk.local.Invocations;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The cost benchmark's quick mode, so that it keeps working: a few tickets, every stage metered and priced. */
class CostQuickTest {

    @Test
    @DisplayName("issue 8: five tickets through the lifecycle; each stage metered where it should be, and priced")
    void quickMode() throws Exception {
        int tickets = 5;
        CostBenchmark.Result result = CostBenchmark.run(tickets, 1);
        assertEquals(5, result.stages().size());
        CostBenchmark.Stage intake = result.stages().get(0);
        assertEquals(tickets, invocations(intake, "IngestFunction"));
        assertEquals(tickets, invocations(intake, "ClassifyFunction"));
        assertEquals(tickets, invocations(intake, "RoutingFunction"));
        assertEquals(tickets, intake.usage().get("ClassifyFunction").modelCalls(), "one model call per new ticket");
        assertTrue(intake.usage().get("ClassifyFunction").inputTokens() > 100L * tickets, "the prompt's tokens are counted");
        CostBenchmark.Stage reply = result.stages().get(1);
        assertEquals(tickets, invocations(reply, "AgentApiFunction"));
        assertEquals(tickets, invocations(reply, "DeliveryFunction"), "every reply goes out");
        CostBenchmark.Stage history = result.stages().get(4);
        assertEquals(2L * tickets, invocations(history, "HistoryFunction"));
        assertEquals(0.0, history.usage().get("HistoryFunction").writeUnits(), "reading history writes nothing");
        for (CostBenchmark.Stage stage : result.stages().subList(0, 4)) {
            double writes = stage.usage().values().stream().mapToDouble(Meter.Totals::writeUnits).sum();
            assertTrue(writes > 0, stage.name() + " wrote to DynamoDB and DynamoDB reported it");
            assertTrue(stage.usage().values().stream().mapToLong(Meter.Totals::eventChunks).sum() >= tickets,
                    stage.name() + " published at least one event per ticket");
        }
        CostReport report = new CostReport(result, Prices.load());
        CostReport.Sum total = report.total();
        assertEquals(6L * tickets, total.http(), "six API requests per ticket (2 webhooks, reply, resolve, ticket, history)");
        assertTrue(report.infrastructure(total) > 0);
        double x86 = report.lambda(total, CostReport.Architecture.X86_64);
        double arm64 = report.lambda(total, CostReport.Architecture.ARM64);
        assertTrue(arm64 > 0 && arm64 < x86, "arm64's GB-second is cheaper, requests cost the same: " + arm64 + " vs " + x86);
        assertEquals(x86 - arm64, total.gbSeconds() * (0.0000166667 - 0.0000133334), 1e-12, "only the duration price differs");
        assertEquals(report.infrastructure(total) - report.infrastructure(total, CostReport.Architecture.ARM64), x86 - arm64, 1e-12);
        String markdown = report.markdown();
        assertTrue(markdown.contains("| x86_64 | $0.0000166667 |") && markdown.contains("| arm64 (Graviton) | $0.0000133334 |"), markdown);
        assertTrue(markdown.contains("https://aws.amazon.com/lambda/pricing/") && markdown.contains("not measured"), markdown);
        assertTrue(markdown.contains("| **total** |") && markdown.contains("Amazon Nova Micro") && markdown.contains("Haiku"), markdown);
    }

    private static long invocations(CostBenchmark.Stage stage, String function) {
        Map<String, Invocations.Totals> lambda = stage.lambda();
        Invocations.Totals totals = lambda.get(function);
        return totals == null ? 0 : totals.invocations();
    }
}
