package dev.helpdesk.local;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The command line of R-LOCAL-CLI, plus the local cloud's own options; {@code --help} lists every one. */
@Command(name = "java -jar local/target/helpdesk-local.jar", mixinStandardHelpOptions = true, version = "helpdesk-local 0.1.0",
        sortOptions = false, usageHelpAutoWidth = true,
        description = {"Runs every function of template.yaml on an offline cloud: DynamoDB Local, an EventBridge bus, "
                + "the HTTP API, schedules, S3, SES/SNS and Bedrock stand-ins, and the agent console.",
                "Prints 'Helpdesk local cloud ready on http://127.0.0.1:<port>' once it accepts requests."})
final class Cli {
    @Option(names = "--port", paramLabel = "PORT", defaultValue = "3000",
            description = "Port of the HTTP API, the console and /local/* (0: any free port). Default: ${DEFAULT-VALUE}.")
    int port;

    @ArgGroup(exclusive = true)
    Storage storage = new Storage();

    static final class Storage {
        @Option(names = "--in-memory", description = "Keep the tables in memory (the default).")
        boolean inMemory;

        @Option(names = "--data", paramLabel = "DIR", description = "Keep the tables in DIR, across restarts.")
        Path data;
    }

    @Option(names = "--demo", description = "Seed a workspace (agents, teams, office hours, SLA, round robin) and replay the sample webhooks.")
    boolean demo;

    @Option(names = "--template", paramLabel = "PATH",
            description = "The SAM template to run (default: template.yaml here or in a parent directory, else the copy in the jar).")
    Path template;

    @Option(names = "--no-schedules", description = "Do not fire schedules by the clock (POST /local/schedules/{name} still fires one).")
    boolean noSchedules;

    @Option(names = "--hosted-sign-in", description = "The console signs in as in AWS (Cognito hosted UI, code + PKCE) through the local stand-in.")
    boolean hostedSignIn;

    @Option(names = "--pretty", description = "Log one readable line per event instead of Lambda's JSON lines.")
    boolean pretty;

    /**
     * The options; empty when {@code --help} or {@code --version} was asked for (printed to {@code out}).
     *
     * @throws CommandLine.ParameterException for an unknown option or a bad value, with the usage to print
     */
    static Optional<LocalCloud.Options> parse(String[] args, PrintWriter out) {
        Cli cli = new Cli();
        CommandLine command = new CommandLine(cli);
        command.parseArgs(args);
        if (command.isUsageHelpRequested()) {
            command.usage(out);
            out.flush();
            return Optional.empty();
        }
        if (command.isVersionHelpRequested()) {
            command.printVersionHelp(out);
            out.flush();
            return Optional.empty();
        }
        if (cli.pretty) {
            PrettyLogs.enable();
        }
        return Optional.of(new LocalCloud.Options(cli.port, cli.storage.data, cli.demo, !cli.noSchedules, cli.template, Map.of(),
                cli.hostedSignIn));
    }
}
