package dev.helpdesk.bench;

import dev.helpdesk.bench.coldstart.ColdStartBenchmark;
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
              latency     webhook accepted → ticket assigned, median and p99, tickets/s, 1 and 8 clients (--help)""";

    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        String benchmark = args.length == 0 ? "" : args[0];
        String[] rest = args.length == 0 ? args : Arrays.copyOfRange(args, 1, args.length);
        switch (benchmark) {
            case "coldstart" -> ColdStartBenchmark.main(rest);
            case "cost" -> dev.helpdesk.bench.cost.CostBenchmark.main(rest);
            case "latency" -> dev.helpdesk.bench.latency.LatencyBenchmark.main(rest);
            default -> {
                System.err.println(USAGE);
                System.exit(2);
            }
        }
        // DynamoDB Local leaves a non-daemon job thread (its streams' shard rollover) sleeping for minutes after the
        // server stops, which would keep the JVM alive long after the report is printed.
        System.exit(0);
    }
}
