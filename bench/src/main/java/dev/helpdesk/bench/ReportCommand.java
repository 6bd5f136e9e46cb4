package dev.helpdesk.bench;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * A benchmark subcommand that prints one Markdown report (cost, latency, contention): the printing, the defaults that
 * {@code --quick} changes, and the refusal of bad values, in one place.
 */
public abstract class ReportCommand implements Callable<Integer> {
    @Spec
    protected CommandSpec spec;

    @Override
    public final Integer call() throws Exception {
        System.out.println(markdown());
        return 0;
    }

    /** Runs the benchmark with the options given and returns its report. */
    protected abstract String markdown() throws Exception;

    /** Parses {@code args} into {@code command} and returns its report (the {@code all} command, tests). */
    public static String report(ReportCommand command, String... args) throws Exception {
        new CommandLine(command).parseArgs(args);
        return command.markdown();
    }

    /** The value given, else the {@code --quick} or the full default: a value given wins over {@code --quick}, in any order. */
    protected static int orDefault(Integer given, boolean quick, int quickValue, int fullValue) {
        return given != null ? given : quick ? quickValue : fullValue;
    }

    /** Refuses the command line: picocli prints the message and the usage, and the command exits 2. */
    protected ParameterException refuse(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
