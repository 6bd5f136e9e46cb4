package dev.helpdesk.bench.coldstart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Keeps the cold-start benchmark working: its quick mode (one cold start per target, through the real Runtime
 * Interface Client, against the offline cloud) must answer with success for every function's deployable jar, the
 * plain-Java baseline and the no-op floor. Runs after {@code package} (failsafe), since it starts the shaded jars.
 */
class ColdStartQuickTest {

    @Test
    void everyFunctionJarStartsThroughTheRuntimeInterfaceClientAndDoesItsWork() throws Exception {
        ColdStartBenchmark.Results results = ColdStartBenchmark.run(ColdStartBenchmark.Options.quick());
        System.out.println(results.report());

        assertEquals(List.of(), results.failures(), "every cold start answers with a success and does its work");
        List<String> names = results.targets().stream().map(Targets.Target::name).toList();
        assertTrue(names.containsAll(List.of("ingest", "inbound-mail", "classify", "routing", "timers", "agent-api", "history", "baseline", "noop")),
                "every function of template.yaml with a workload, the baseline and the floor are measured: " + names);
        for (Targets.Target target : results.targets()) {
            List<ColdStarter.Sample> samples = results.samples(target.name(), "c1");
            assertEquals(1, samples.size(), target.name() + " has its one quick sample");
            ColdStarter.Sample sample = samples.get(0);
            assertTrue(sample.totalMs() > 0 && sample.initMs() > 0 && sample.initMs() < sample.totalMs(),
                    target.name() + ": the first /next comes between the start and the response: " + sample);
        }
        assertTrue(results.report().contains("| ingest | `IngestHandler` |"), "the report has the table");
    }
}
