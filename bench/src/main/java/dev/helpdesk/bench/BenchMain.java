package dev.helpdesk.bench;

import dev.helpdesk.bench.coldstart.ColdStartBenchmark;
import dev.helpdesk.bench.contention.ContentionBenchmark;
import dev.helpdesk.bench.cost.CostBenchmark;
import dev.helpdesk.bench.latency.LatencyBenchmark;
import java.util.Arrays;

/**
 * {@code java -jar bench/target/helpdesk-bench.jar <benchmark> [options]}: one entry point, one package per
 * benchmark. Add a benchmark with a case below.
 */
public final class BenchMain {
    private static final String USAGE = """
            usage: java -jar bench/target/helpdesk-bench.jar <benchmark> [options]
              coldstart   cold start per Lambda function through the Runtime Interface Client (--help for options)
              cost        AWS cost per 1,000 tickets through the whole lifecycle on the offline cloud (--help)
              latency     webhook accepted → ticket assigned, median and p99, tickets/s, 1 and 8 clients (--help)
              contention  32 writers on one ticket, 60 first messages of one conversation: answers, latency, exactly-once (--help)
              all         every figure of BENCHMARKS.md: coldstart --runs 10 --cds --variant primed=..., cost, latency, contention""";

    private BenchMain() {
    }

    /** The cold-start options of BENCHMARKS.md: 10 runs, AppCDS, and the functions primed as SnapStart would. */
    private static final String[] ALL_COLDSTART = {"--runs", "10", "--cds", "--variant", "primed=-Dhelpdesk.prime=init"};

    /**
     * Every figure, one benchmark after the other (cold start first, while the machine is quiet), as one report;
     * {@code all --quick} runs each in its quick mode.
     */
    private static void all(String[] args) throws Exception {
        boolean quick = Arrays.asList(args).contains("--quick");
        if (args.length > (quick ? 1 : 0)) {
            throw new IllegalArgumentException("usage: all [--quick]");
        }
        String[] options = quick ? new String[] {"--quick"} : new String[0];
        System.out.println("# Helpdesk benchmarks, every figure (java -jar bench/target/helpdesk-bench.jar all" + (quick ? " --quick" : "") + ")");
        System.out.println();
        System.out.println(Quietly.call(() -> ColdStartBenchmark.markdown(quick ? options : ALL_COLDSTART)));
        System.out.println(CostBenchmark.markdown(options));
        System.out.println(LatencyBenchmark.markdown(options));
        System.out.println(ContentionBenchmark.markdown(options));
    }

    public static void main(String[] args) throws Exception {
        String benchmark = args.length == 0 ? "" : args[0];
        String[] rest = args.length == 0 ? args : Arrays.copyOfRange(args, 1, args.length);
        try {
            switch (benchmark) {
                case "coldstart" -> ColdStartBenchmark.main(rest);
                case "cost" -> CostBenchmark.main(rest);
                case "latency" -> LatencyBenchmark.main(rest);
                case "contention" -> ContentionBenchmark.main(rest);
                case "all" -> all(rest);
                default -> throw new IllegalArgumentException(USAGE);
            }
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
        }
        // DynamoDB Local leaves a non-daemon job thread (its streams' shard rollover) sleeping for minutes after the
        // server stops, which would keep the JVM alive long after the report is printed.
        System.exit(0);
    }
}
