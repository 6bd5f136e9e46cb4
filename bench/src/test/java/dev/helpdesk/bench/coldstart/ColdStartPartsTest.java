package dev.helpdesk.bench.coldstart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.helpdesk.bench.Stats;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The benchmark's own arithmetic and template handling (no JVMs started). */
class ColdStartPartsTest {

    @Test
    void statisticsAreMedianAndNearestRankP90() {
        Stats stats = Stats.of(List.of(5.0, 1.0, 4.0, 2.0, 3.0, 10.0, 9.0, 8.0, 7.0, 6.0));
        assertEquals(10, stats.n());
        assertEquals(5.5, stats.median());
        assertEquals(9.0, stats.p90());
        assertEquals(10.0, stats.p99(), "nearest rank: the 10th of 10");
        assertEquals(1.0, stats.min());
        assertEquals(10.0, stats.max());
        assertEquals(3.0, Stats.of(List.of(3.0, 1.0, 9.0)).median());
    }

    @Test
    void optionsAsBenchmarksMdGivesThem() {
        ColdStartBenchmark.Options options = ColdStartBenchmark.Options.parse("--runs", "10", "--cds", "--variant", "primed=-Dhelpdesk.prime=init",
                "--variant", "gc=-XX:+UseSerialGC  -Xss1m", "--functions", "ingest, baseline,", "--timeout-seconds", "5");
        assertEquals(10, options.runs());
        assertEquals(1, options.warmup());
        assertTrue(options.cds() && !options.aot() && !options.classStats() && !options.keepLogs());
        assertEquals(java.util.Map.of("primed", List.of("-Dhelpdesk.prime=init"), "gc", List.of("-XX:+UseSerialGC", "-Xss1m")), options.variants());
        assertEquals(List.of("primed", "gc"), List.copyOf(options.variants().keySet()), "in the order given");
        assertEquals(List.of("ingest", "baseline"), options.functions());
        assertEquals(5000, options.timeoutMillis());
        ColdStartBenchmark.Options quick = ColdStartBenchmark.Options.parse("--runs", "5", "--quick");
        assertEquals(1, quick.runs(), "--quick: one run");
        assertEquals(0, quick.warmup(), "--quick: no warm-up");
        assertEquals(2, ColdStartBenchmark.Options.parse("--quick", "--warmup", "2").warmup());
        ColdStartBenchmark.Options defaults = ColdStartBenchmark.Options.parse();
        assertEquals(10, defaults.runs());
        assertEquals(60_000, defaults.timeoutMillis());
        assertTrue(defaults.functions().isEmpty() && defaults.variants().isEmpty() && defaults.out() == null);
    }

    @Test
    void theDerivedTemplateDropsOnlyEventBridgeRules() {
        String yaml = """
                Resources:
                  F:
                    Type: AWS::Serverless::Function
                    Properties:
                      Events:
                        Rule:
                          Type: EventBridgeRule
                          Properties:
                            Pattern:
                              source: [helpdesk]

                        Tick:
                          Type: ScheduleV2
                          Properties:
                            ScheduleExpression: rate(1 minute)
                  G:
                    Type: AWS::Serverless::Function
                """;
        String derived = OfflineCloud.withoutEventBridgeRules(yaml);
        assertTrue(!derived.contains("EventBridgeRule") && !derived.contains("Pattern") && !derived.contains("Rule:"), derived);
        assertTrue(derived.contains("        Tick:\n          Type: ScheduleV2") && derived.contains("  G:\n"), derived);
    }
}
