package dev.helpdesk.bench.latency;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The latency benchmark's quick mode, so that it keeps working: every ticket assigned, every interval in order. */
class LatencyQuickTest {

    @Test
    @DisplayName("issue 8: tickets from 1 and 3 clients are each accepted, classified, then assigned; the report has both runs")
    void quickMode() throws Exception {
        LatencyBenchmark.Result result = LatencyBenchmark.run(6, 3, 2);
        assertEquals(2, result.runs().size());
        for (LatencyBenchmark.Run run : result.runs()) {
            assertEquals(6, run.samples().size(), run.name() + ": every ticket measured");
            for (LatencyBenchmark.Sample sample : run.samples()) {
                assertTrue(sample.acceptedNanos() > 0, "the webhook's answer took time");
                assertTrue(sample.assignedNanos() > sample.acceptedNanos(), "assigned after the webhook was accepted: " + sample);
                assertTrue(sample.classifiedNanos() < sample.assignedNanos(), "routing assigns once classify announced the ticket: " + sample);
            }
            assertTrue(run.ticketsPerSecond() > 0 && run.wallNanos() >= run.samples().stream()
                    .mapToLong(LatencyBenchmark.Sample::assignedNanos).max().orElseThrow(), run.name());
        }
        assertEquals(1, result.runs().get(0).clients());
        assertEquals(3, result.runs().get(1).clients());
        String markdown = new LatencyReport(result).markdown();
        assertTrue(markdown.contains("| sequential | 1 | 6 |") && markdown.contains("| 3-way concurrent | 3 | 6 |"), markdown);
    }
}
