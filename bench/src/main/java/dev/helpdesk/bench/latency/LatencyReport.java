package dev.helpdesk.bench.latency;

import dev.helpdesk.bench.Stats;
import java.time.LocalDate;
import java.util.function.ToLongFunction;

/** The latency benchmark's result as Markdown: per run, median and p99 of each interval, and tickets per second. */
public final class LatencyReport {
    private final LatencyBenchmark.Result result;

    public LatencyReport(LatencyBenchmark.Result result) {
        this.result = result;
    }

    /** One interval of every sample of a run, in milliseconds. */
    private static Stats millis(LatencyBenchmark.Run run, ToLongFunction<LatencyBenchmark.Sample> interval) {
        return Stats.of(run.samples().stream().map(s -> interval.applyAsLong(s) / 1e6).toList());
    }

    public String markdown() {
        StringBuilder out = new StringBuilder();
        out.append("# End to end: webhook accepted → ticket assigned (offline cloud)\n\n");
        out.append(String.format("Machine: %d cores, %d MB max heap, Java %s; %s; %d warm-up tickets first, not counted.%n%n",
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() / (1024 * 1024),
                System.getProperty("java.version"), LocalDate.now(), result.warmup()));
        out.append("| run | clients | tickets | webhook answered (median / p99) | accepted → assigned (median / p99 / max) "
                + "| accepted → classified (median / p99) | tickets/s sustained |\n");
        out.append("|---|---:|---:|---|---|---|---:|\n");
        for (LatencyBenchmark.Run run : result.runs()) {
            Stats answered = millis(run, LatencyBenchmark.Sample::acceptedNanos);
            Stats assigned = millis(run, s -> s.assignedNanos() - s.acceptedNanos());
            Stats classified = millis(run, s -> s.classifiedNanos() - s.acceptedNanos());
            out.append(String.format("| %s | %d | %d | %.1f / %.1f ms | **%.1f** / %.1f / %.1f ms | %.1f / %.1f ms | **%.1f** |%n",
                    run.name(), run.clients(), run.samples().size(), answered.median(), answered.p99(),
                    assigned.median(), assigned.p99(), assigned.max(), classified.median(), classified.p99(),
                    run.ticketsPerSecond()));
        }
        out.append("\nEach client sends a new conversation's first message (a new customer and ticket), waits until the "
                + "ticket is assigned, then sends the next; \"classified\" is classify's \"Ticket Created\" event, on which routing assigns; tickets/s is tickets over the wall time from "
                + "the first send to the last ticket done.\n");
        return out.toString();
    }
}
