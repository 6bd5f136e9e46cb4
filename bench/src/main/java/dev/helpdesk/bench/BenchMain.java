package dev.helpdesk.bench;

import dev.helpdesk.bench.coldstart.ColdStartBenchmark;
import dev.helpdesk.bench.contention.ContentionBenchmark;
import dev.helpdesk.bench.cost.CostBenchmark;
import dev.helpdesk.bench.latency.LatencyBenchmark;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code java -jar bench/target/helpdesk-bench.jar <benchmark> [options]}: one entry point, one package per
 * benchmark, one subcommand each ({@code --help} after any of them lists its options). Add a benchmark with a
 * picocli command of its own in its package and a line in {@code subcommands} below.
 */
@Command(name = "java -jar bench/target/helpdesk-bench.jar", mixinStandardHelpOptions = true, version = "helpdesk-bench 0.1.0",
        usageHelpAutoWidth = true, synopsisSubcommandLabel = "<benchmark>",
        description = {"Helpdesk's benchmarks, on the offline cloud (never on AWS). Reports go to stdout as Markdown, progress to stderr.",
                "'<benchmark> --help' lists a benchmark's options."},
        subcommands = {ColdStartBenchmark.Cli.class, CostBenchmark.Cli.class, LatencyBenchmark.Cli.class,
                ContentionBenchmark.Cli.class, BenchMain.All.class})
public final class BenchMain implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    /** No benchmark named: the usage, exit 2. */
    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "Missing the benchmark to run");
    }

    /** The cold-start options of BENCHMARKS.md: 10 runs, AppCDS, and the functions primed as SnapStart would. */
    private static final String[] ALL_COLDSTART = {"--runs", "10", "--cds", "--variant", "primed=-Dhelpdesk.prime=init"};

    /**
     * Every figure, one benchmark after the other (cold start first, while the machine is quiet), as one report;
     * {@code all --quick} runs each in its quick mode.
     */
    @Command(name = "all", mixinStandardHelpOptions = true, usageHelpAutoWidth = true,
            description = {"Every figure of BENCHMARKS.md as one report, one benchmark after the other.",
                    "coldstart --runs 10 --cds --variant primed=-Dhelpdesk.prime=init (cold start first, while the machine is "
                    + "quiet), then cost, latency and contention with their defaults; with --quick, each in its quick mode."})
    static final class All implements Callable<Integer> {
        @Option(names = "--quick", description = "Every benchmark in its quick mode (about 30 s).")
        boolean quick;

        @Override
        public Integer call() throws Exception {
            String[] options = quick ? new String[] {"--quick"} : new String[0];
            System.out.println("# Helpdesk benchmarks, every figure (java -jar bench/target/helpdesk-bench.jar all" + (quick ? " --quick" : "") + ")");
            System.out.println();
            System.out.println(Quietly.call(() -> ColdStartBenchmark.markdown(quick ? options : ALL_COLDSTART)));
            System.out.println(CostBenchmark.markdown(options));
            System.out.println(LatencyBenchmark.markdown(options));
            System.out.println(ContentionBenchmark.markdown(options));
            return 0;
        }
    }

    /**
     * The command line: exit 0 after a report, 2 with the usage for a bad option or value (and a benchmark's own
     * {@link IllegalArgumentException}, e.g. an unknown --functions target), 1 when a benchmark failed.
     */
    static CommandLine commandLine() {
        CommandLine command = new CommandLine(new BenchMain());
        command.setExecutionExceptionHandler((e, failed, parseResult) -> {
            if (e instanceof IllegalArgumentException) {
                failed.getErr().println(e.getMessage());
                failed.getErr().println("See '" + failed.getCommandSpec().qualifiedName() + " --help'.");
                failed.getErr().flush();
                return CommandLine.ExitCode.USAGE;
            }
            throw e;
        });
        return command;
    }

    public static void main(String[] args) {
        int exit;
        try {
            exit = commandLine().execute(args);
        } catch (Throwable e) {
            e.printStackTrace();
            exit = 1;
        }
        // DynamoDB Local leaves a non-daemon job thread (its streams' shard rollover) sleeping for minutes after the
        // server stops, which would keep the JVM alive long after the report is printed.
        System.exit(exit);
    }
}
