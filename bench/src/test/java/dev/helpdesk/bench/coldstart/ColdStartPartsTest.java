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
