package dev.helpdesk.bench.cost;

import dev.helpdesk.local.Invocations;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** Turns metered usage into dollars per 1,000 tickets with the dated price table, as Markdown. */
public final class CostReport {
    private final CostBenchmark.Result result;
    private final Prices prices;
    private final double scale;

    public CostReport(CostBenchmark.Result result, Prices prices) {
        this.result = result;
        this.prices = prices;
        this.scale = 1000.0 / result.tickets();
    }

    /** Usage of one stage (or all), summed over functions. */
    public record Sum(long http, long invocations, double gbSeconds, double rru, double wru, long events, long modelCalls,
                      long inputTokens, long outputTokens, long emails) {

        Sum plus(Sum o) {
            return new Sum(http + o.http, invocations + o.invocations, gbSeconds + o.gbSeconds, rru + o.rru, wru + o.wru,
                    events + o.events, modelCalls + o.modelCalls, inputTokens + o.inputTokens, outputTokens + o.outputTokens,
                    emails + o.emails);
        }
    }

    public Sum sum(CostBenchmark.Stage stage) {
        long invocations = 0;
        double gbSeconds = 0;
        for (Invocations.Totals t : stage.lambda().values()) {
            invocations += t.invocations();
            gbSeconds += t.billedMillis() / 1000.0 * result.memoryMb() / 1024.0;
        }
        Meter.Totals u = stage.usage().values().stream().reduce(Meter.Totals.ZERO, Meter.Totals::plus);
        return new Sum(stage.httpRequests(), invocations, gbSeconds, u.readUnits(), u.writeUnits(), u.eventChunks(),
                u.modelCalls(), u.inputTokens(), u.outputTokens(), u.emails());
    }

    public Sum total() {
        return result.stages().stream().map(this::sum).reduce(new Sum(0, 0, 0, 0, 0, 0, 0, 0, 0, 0), Sum::plus);
    }

    public double dynamo(Sum s) {
        return (s.rru() * prices.readUnitsPerMillion() + s.wru() * prices.writeUnitsPerMillion()) / 1e6;
    }

    /** Lambda's instruction set architecture (template.yaml's {@code Architectures}): the duration price differs. */
    public enum Architecture {
        X86_64("x86_64"), ARM64("arm64");

        private final String label;

        Architecture(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        /** The architecture of this JVM's machine, where the durations are measured; null if neither. */
        static Architecture ofThisMachine() {
            return switch (System.getProperty("os.arch", "")) {
                case "amd64", "x86_64" -> X86_64;
                case "aarch64", "arm64" -> ARM64;
                default -> null;
            };
        }
    }

    /** Lambda on x86_64, the template's default architecture. */
    public double lambda(Sum s) {
        return lambda(s, Architecture.X86_64);
    }

    /** Lambda on this architecture: the same measured durations at its GB-second price; requests cost the same. */
    public double lambda(Sum s, Architecture architecture) {
        return s.invocations() * prices.lambdaRequestsPerMillion() / 1e6 + s.gbSeconds() * perGbSecond(architecture);
    }

    public double perGbSecond(Architecture architecture) {
        return architecture == Architecture.ARM64 ? prices.lambdaArm64PerGbSecond() : prices.lambdaPerGbSecond();
    }

    public double eventBridge(Sum s) {
        return s.events() * prices.eventsPerMillion() / 1e6;
    }

    public double httpApi(Sum s) {
        return s.http() * prices.httpRequestsPerMillion() / 1e6;
    }

    public double email(Sum s) {
        return s.emails() * prices.sesPerThousand() / 1000;
    }

    /** Everything but the model, in dollars, for the stage as measured (not scaled), Lambda on x86_64. */
    public double infrastructure(Sum s) {
        return infrastructure(s, Architecture.X86_64);
    }

    /** Everything but the model, in dollars, for the stage as measured (not scaled), Lambda on this architecture. */
    public double infrastructure(Sum s, Architecture architecture) {
        return dynamo(s) + lambda(s, architecture) + eventBridge(s) + httpApi(s) + email(s);
    }

    public String markdown() {
        StringBuilder out = new StringBuilder();
        Prices.Model cheap = prices.models().get(0);
        Prices.Model dear = prices.models().get(prices.models().size() - 1);
        out.append(String.format(Locale.ROOT, "Tickets: %d measured (after %d warm-up tickets), Lambda memory %d MB, prices %s %s, wall time %.1f s%n%n",
                result.tickets(), result.warmup(), result.memoryMb(), prices.region(), prices.date(), result.elapsedMillis() / 1000.0));
        out.append("Per 1,000 tickets:\n\n");
        out.append("| stage | API requests | Lambda invocations | Lambda GB-s | DynamoDB RRU | DynamoDB WRU | EventBridge events | model tokens in / out | AWS without LLM | + ")
                .append(cheap.name()).append(" | + ").append(dear.name()).append(" |\n");
        out.append("|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (CostBenchmark.Stage stage : result.stages()) {
            row(out, stage.name(), sum(stage), cheap, dear);
        }
        Sum total = total();
        row(out, "**total**", total, cheap, dear);
        out.append('\n');
        out.append(String.format(Locale.ROOT, "AWS without the LLM: **$%.4f** per 1,000 tickets (DynamoDB $%.4f, Lambda $%.4f, EventBridge $%.4f, HTTP API $%.4f).%n",
                infrastructure(total) * scale, dynamo(total) * scale, lambda(total) * scale, eventBridge(total) * scale, httpApi(total) * scale));
        for (Prices.Model model : prices.models()) {
            double llm = model.cost(total.inputTokens(), total.outputTokens()) * scale;
            out.append(String.format(Locale.ROOT, "With %s: **$%.4f** per 1,000 tickets (the model $%.4f; %d calls, %.0f input and %.0f output tokens per call).%n",
                    model.name(), infrastructure(total) * scale + llm, llm, total.modelCalls(),
                    total.modelCalls() == 0 ? 0.0 : (double) total.inputTokens() / total.modelCalls(),
                    total.modelCalls() == 0 ? 0.0 : (double) total.outputTokens() / total.modelCalls()));
        }
        architectures(out, total, cheap, dear);
        out.append("\nPer function, over the whole lifecycle:\n\n");
        out.append("| function | invocations per ticket | mean duration | billed GB-s per 1,000 tickets | RRU per ticket | WRU per ticket | of which indexes | DynamoDB calls per ticket | cost share (without LLM) |\n");
        out.append("|---|---|---|---|---|---|---|---|---|\n");
        Map<String, long[]> lambda = new TreeMap<>();
        Map<String, Meter.Totals> usage = new TreeMap<>();
        for (CostBenchmark.Stage stage : result.stages()) {
            stage.lambda().forEach((f, t) -> {
                long[] acc = lambda.computeIfAbsent(f, k -> new long[3]);
                acc[0] += t.invocations();
                acc[1] += t.nanos();
                acc[2] += t.billedMillis();
            });
            stage.usage().forEach((f, t) -> usage.merge(f, t, Meter.Totals::plus));
        }
        java.util.Set<String> functions = new java.util.TreeSet<>(lambda.keySet());
        functions.addAll(usage.keySet());
        double all = infrastructure(total);
        for (String f : functions) {
            long[] l = lambda.getOrDefault(f, new long[3]);
            Meter.Totals u = usage.getOrDefault(f, Meter.Totals.ZERO);
            Sum s = new Sum(0, l[0], l[2] / 1000.0 * result.memoryMb() / 1024.0, u.readUnits(), u.writeUnits(), u.eventChunks(),
                    0, 0, 0, u.emails());
            out.append(String.format(Locale.ROOT, "| %s | %.2f | %s | %.1f | %.2f | %.2f | %.2f | %.2f | %.0f %% |%n", f,
                    (double) l[0] / result.tickets(), l[0] == 0 ? "-" : String.format(Locale.ROOT, "%.1f ms", l[1] / 1e6 / l[0]),
                    s.gbSeconds() * scale, u.readUnits() / result.tickets(), u.writeUnits() / result.tickets(),
                    u.indexWriteUnits() / result.tickets(), (double) u.dynamoCalls() / result.tickets(), all == 0 ? 0 : 100 * (dynamo(s) + lambda(s) + eventBridge(s)) / all));
        }
        out.append("\nWhere the write units go, per ticket (by function and call: the operation and the kinds of item it writes):\n\n");
        out.append("| stage | function and call | WRU per ticket |\n|---|---|---|\n");
        for (CostBenchmark.Stage stage : result.stages()) {
            stage.writesByShape().entrySet().stream().filter(e -> e.getValue() > 0)
                    .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                    .forEach(e -> out.append(String.format(Locale.ROOT, "| %s | %s | %.2f |%n", stage.name().split(" ", 2)[0],
                            e.getKey().replace("|", "\\|"), e.getValue() / result.tickets())));
        }
        Meter.Totals transactions = result.stages().stream().flatMap(stage -> stage.usage().values().stream())
                .reduce(Meter.Totals.ZERO, Meter.Totals::plus);
        if (transactions.transactWriteUnits() > 0 || transactions.localTransactWriteUnits() > 0) {
            out.append(String.format(Locale.ROOT, "%nDynamoDB Local reported %.0f WRU per 1,000 tickets for the same transactions; "
                    + "it does not model transactional capacity (its figure neither doubles per item nor follows the items' "
                    + "sizes and index moves: two items cost it what one does), so the meter prices them as AWS documents: "
                    + "%.0f WRU per 1,000 tickets (2 per started KB of each item put, updated or deleted, the larger of its "
                    + "old and new image; plus standard index writes: 1 per index entry put or deleted, 2 per entry moved, "
                    + "1 per entry whose projected attributes changed; condition checks as 2 RRU per started 4 KB).%n",
                    transactions.localTransactWriteUnits() * scale, transactions.transactWriteUnits() * scale));
        }
        return out.toString();
    }

    /** The whole lifecycle on each Lambda architecture, and where the prices and durations come from. */
    private void architectures(StringBuilder out, Sum total, Prices.Model cheap, Prices.Model dear) {
        out.append("\nBy Lambda architecture (template.yaml's `Architectures`), per 1,000 tickets:\n\n");
        out.append("| Lambda architecture | price per GB-s | Lambda | AWS without LLM | + ").append(cheap.name()).append(" | + ")
                .append(dear.name()).append(" |\n");
        out.append("|---|---|---|---|---|---|\n");
        Architecture measured = Architecture.ofThisMachine();
        double cheapLlm = cheap.cost(total.inputTokens(), total.outputTokens()) * scale;
        double dearLlm = dear.cost(total.inputTokens(), total.outputTokens()) * scale;
        for (Architecture architecture : Architecture.values()) {
            double infra = infrastructure(total, architecture) * scale;
            out.append(String.format(Locale.ROOT, "| %s%s | $%.10f | $%.4f | $%.4f | $%.4f | $%.4f |%n", architecture.label(),
                    architecture == Architecture.ARM64 ? " (Graviton)" : "",
                    perGbSecond(architecture), lambda(total, architecture) * scale, infra, infra + cheapLlm, infra + dearLlm));
        }
        out.append('\n');
        out.append(String.format(Locale.ROOT, "Prices: %s list prices of %s, on-demand, first tier (bench/src/main/resources/"
                        + "prices-us-east-1.properties; Lambda: %s): duration $%.10f per GB-s on x86_64, $%.10f on arm64; "
                        + "requests $%.2f per million on both.%n",
                prices.region(), prices.date(), prices.lambdaSource(), prices.lambdaPerGbSecond(), prices.lambdaArm64PerGbSecond(),
                prices.lambdaRequestsPerMillion()));
        String machine = System.getProperty("os.arch");
        if (measured == null) {
            out.append(String.format(Locale.ROOT, "Lambda durations are measured on this machine (%s, neither architecture) and "
                    + "priced as they are on both: neither row is a measurement of Lambda's own hardware.%n", machine));
        } else {
            Architecture other = measured == Architecture.X86_64 ? Architecture.ARM64 : Architecture.X86_64;
            out.append(String.format(Locale.ROOT, "Lambda durations are measured on this %s machine (%s), in the offline cloud's "
                    + "JVM; the %s row assumes the same durations there (not measured), so it differs by the duration price only.%n",
                    measured.label(), machine, other.label()));
        }
    }

    private void row(StringBuilder out, String name, Sum s, Prices.Model cheap, Prices.Model dear) {
        double infra = infrastructure(s) * scale;
        out.append(String.format(Locale.ROOT, "| %s | %.0f | %.0f | %.1f | %.0f | %.0f | %.0f | %.0f / %.0f | $%.4f | $%.4f | $%.4f |%n",
                name, s.http() * scale, s.invocations() * scale, s.gbSeconds() * scale, s.rru() * scale, s.wru() * scale,
                s.events() * scale, s.inputTokens() * scale, s.outputTokens() * scale, infra,
                infra + cheap.cost(s.inputTokens(), s.outputTokens()) * scale, infra + dear.cost(s.inputTokens(), s.outputTokens()) * scale));
    }
}
