package dev.helpdesk.bench.latency;

import java.time.LocalDate;
import java.util.List;
import java.util.function.ToLongFunction;

/** The latency benchmark's result as Markdown: per run, median and p99 of each interval, and tickets per second. */
public final class LatencyReport {
    private final LatencyBenchmark.Result result;

    public LatencyReport(LatencyBenchmark.Result result) {
        this.result = result;
    }

    /** Median and nearest-rank p99 of a series, in milliseconds. */
    public record Percentiles(double median, double p99, double max) {
        static Percentiles of(List<LatencyBenchmark.Sample> samples, ToLongFunction<LatencyBenchmark.Sample> interval) {
            long[] sorted = samples.stream().mapToLong(interval).sorted().toArray();
            if (sorted.length == 0) {
                return new Percentiles(Double.NaN, Double.NaN, Double.NaN);
            }
            int n = sorted.length;
            double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
            int rank = (int) Math.ceil(0.99 * n);
            return new Percentiles(median / 1e6, sorted[rank - 1] / 1e6, sorted[n - 1] / 1e6);
        }
    }

    public static Percentiles acceptedToAssigned(LatencyBenchmark.Run run) {
        return Percentiles.of(run.samples(), s -> s.assignedNanos() - s.acceptedNanos());
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
            Percentiles answered = Percentiles.of(run.samples(), LatencyBenchmark.Sample::acceptedNanos);
            Percentiles assigned = acceptedToAssigned(run);
            Percentiles classified = Percentiles.of(run.samples(), s -> s.classifiedNanos() - s.acceptedNanos());
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
