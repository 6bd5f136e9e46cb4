package dev.helpdesk.bench.coldstart;

import dev.helpdesk.bench.Stats;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The benchmark's Markdown: machine, command, one table per variant, the variants side by side, failures. */
final class Report {
    record Context(ColdStartBenchmark.Options options, Instant started, double loadBefore, double loadAfter, Path java,
                   List<Path> runtimeJars, Path repo, List<String> unmeasured) {
    }

    private Report() {
    }

    static String markdown(Context context, List<Targets.Target> targets, List<ColdStartBenchmark.Variant> variants,
                           Map<String, Map<String, List<ColdStarter.Sample>>> samples, List<String> failures,
                           Map<String, ColdStartBenchmark.ClassStats> classStats) {
        StringBuilder md = new StringBuilder();
        md.append("## Cold start per function (process start to first response, through the Lambda RIC)\n\n");
        md.append(machine(context)).append('\n');
        md.append("Each run: a fresh `java ").append(String.join(" ", ColdStarter.LAMBDA_FLAGS))
                .append(" -cp <jar>:<RIC jars> ").append(ColdStarter.RIC_MAIN).append(" <Handler>` with the function's ")
                .append("environment, against a local Runtime API holding one event; timed from just before the process starts ")
                .append("to the arrival of the response. *init* = to the runtime's first `/next` (JVM, RIC, handler construction: ")
                .append("the Micronaut context and injected beans); *invoke* = from there to the response (the first event's work, ")
                .append("first SDK calls included). ").append(context.options().runs()).append(" measured runs per target and variant")
                .append(context.options().warmup() > 0 ? " after " + context.options().warmup() + " unmeasured round(s)" : "")
                .append(", interleaved (each round rotates the order); p90 is nearest-rank. The offline cloud runs in the ")
                .append("benchmark's JVM, so the measured JVMs share the machine with DynamoDB Local.\n\n");

        for (ColdStartBenchmark.Variant variant : variants) {
            md.append("### Variant `").append(variant.name()).append("`: ").append(variant.description()).append("\n\n");
            md.append("| target | handler | jar MB | runs | median ms | p90 | min | max | init median | invoke median | × baseline |\n");
            md.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
            Stats baseline = total(samples, "baseline", variant.name());
            for (Targets.Target target : targets) {
                List<ColdStarter.Sample> series = samples.getOrDefault(target.name(), Map.of()).getOrDefault(variant.name(), List.of());
                Stats total = Stats.of(series.stream().map(ColdStarter.Sample::totalMs).toList());
                Stats init = Stats.of(series.stream().map(ColdStarter.Sample::initMs).toList());
                Stats invoke = Stats.of(series.stream().map(ColdStarter.Sample::invokeMs).toList());
                md.append("| ").append(target.name())
                        .append(" | `").append(simpleName(target.handler())).append('`')
                        .append(" | ").append(megabytes(target.jar()))
                        .append(" | ").append(total.n())
                        .append(" | ").append(ms(total.median()))
                        .append(" | ").append(ms(total.p90()))
                        .append(" | ").append(ms(total.min()))
                        .append(" | ").append(ms(total.max()))
                        .append(" | ").append(ms(init.median()))
                        .append(" | ").append(ms(invoke.median()))
                        .append(" | ").append(baseline.n() == 0 || total.n() == 0 ? "–"
                                : String.format(Locale.ROOT, "%.2f", total.median() / baseline.median()))
                        .append(" |\n");
            }
            md.append('\n');
        }

        if (variants.size() > 1) {
            md.append("### Variants side by side (median ms, change against `").append(variants.get(0).name()).append("`)\n\n");
            md.append("| target |");
            variants.forEach(v -> md.append(' ').append(v.name()).append(" |"));
            md.append('\n').append("|---|");
            variants.forEach(v -> md.append("---:|"));
            md.append('\n');
            for (Targets.Target target : targets) {
                Stats first = total(samples, target.name(), variants.get(0).name());
                md.append("| ").append(target.name()).append(" |");
                for (int i = 0; i < variants.size(); i++) {
                    Stats s = total(samples, target.name(), variants.get(i).name());
                    md.append(' ').append(ms(s.median()));
                    if (i > 0 && s.n() > 0 && first.n() > 0) {
                        md.append(String.format(Locale.ROOT, " (%+.0f%%)", 100 * (s.median() - first.median()) / first.median()));
                    }
                    md.append(" |");
                }
                md.append('\n');
            }
            md.append('\n');
        }

        if (!classStats.isEmpty()) {
            List<String> groups = ColdStartBenchmark.ClassStats.groupNames();
            md.append("### Classes loaded by one cold start (one extra `-Xlog:class+load` run, variant `")
                    .append(variants.get(0).name()).append("`)\n\n| target | classes | from the JDK's CDS archive |");
            groups.forEach(g -> md.append(' ').append(g).append(" |"));
            md.append(" SDK service clients |\n|---|---:|---:|");
            groups.forEach(g -> md.append("---:|"));
            md.append("---|");
            md.append('\n');
            classStats.forEach((name, stats) -> {
                md.append("| ").append(name).append(" | ").append(stats.total()).append(" | ").append(stats.fromCds()).append(" |");
                groups.forEach(g -> md.append(' ').append(stats.byGroup().getOrDefault(g, 0)).append(" |"));
                md.append(' ').append(String.join(", ", stats.sdkServices())).append(" |\n");
            });
            md.append('\n');
        }

        if (!context.unmeasured().isEmpty()) {
            md.append("Not measured (no workload in `Targets` yet): ").append(String.join(", ", context.unmeasured())).append(".\n\n");
        }
        if (failures.isEmpty()) {
            md.append("All runs answered with a success and did their work (checked on the offline cloud after each run).\n");
        } else {
            md.append("### Failed runs (not timed): ").append(failures.size()).append("\n\n```\n");
            failures.forEach(f -> md.append(f).append('\n'));
            md.append("```\n");
        }
        return md.toString();
    }

    private static Stats total(Map<String, Map<String, List<ColdStarter.Sample>>> samples, String target, String variant) {
        return Stats.of(samples.getOrDefault(target, Map.of()).getOrDefault(variant, List.of()).stream()
                .map(ColdStarter.Sample::totalMs).toList());
    }

    private static String machine(Context context) {
        var os = ManagementFactory.getOperatingSystemMXBean();
        String memory = os instanceof com.sun.management.OperatingSystemMXBean sun
                ? String.format(Locale.ROOT, "%.1f GiB", sun.getTotalMemorySize() / (1024.0 * 1024 * 1024)) : "unknown";
        String jdk = System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version")
                + " (" + System.getProperty("java.vendor") + ")";
        String command = ProcessHandle.current().info().commandLine().orElse("(unknown)");
        StringBuilder ric = new StringBuilder();
        context.runtimeJars().forEach(p -> ric.append(ric.isEmpty() ? "" : ", ").append(p.getFileName()));
        return "- Machine: " + Runtime.getRuntime().availableProcessors() + " cores (" + cpuModel() + "), " + memory + " memory, "
                + System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch") + "\n"
                + "- JDK (benchmark and measured JVMs): " + jdk + "\n"
                + "- Runtime Interface Client class path: " + ric + "\n"
                + "- Date: " + context.started().truncatedTo(ChronoUnit.SECONDS) + "; load average "
                + String.format(Locale.ROOT, "%.2f before, %.2f after", context.loadBefore(), context.loadAfter())
                + " (the machine is shared: figures are noisy)\n"
                + "- Command: `" + command + "`\n";
    }

    private static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).strip();
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: leave it out
        }
        return System.getProperty("os.arch");
    }

    private static String simpleName(String handler) {
        String type = handler.contains("::") ? handler.substring(0, handler.indexOf("::")) : handler;
        return type.substring(type.lastIndexOf('.') + 1);
    }

    private static String megabytes(Path jar) {
        try {
            return String.format(Locale.ROOT, "%.1f", Files.size(jar) / 1_000_000.0);
        } catch (IOException e) {
            return "?";
        }
    }

    private static String ms(double value) {
        return Double.isNaN(value) ? "–" : String.format(Locale.ROOT, "%.0f", value);
    }
}
