package dev.helpdesk.local;

import java.io.PrintWriter;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
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

    /** {@code --aws-endpoint} given without a URL (or as {@code env}): the endpoints come from the environment. */
    static final String FROM_ENVIRONMENT = "env";

    @Option(names = "--aws-endpoint", paramLabel = "URL", arity = "0..1", fallbackValue = FROM_ENVIRONMENT,
            description = {"Keep DynamoDB and S3 at this AWS-compatible endpoint (moto_server, LocalStack) instead of in-process: "
                    + "the template's tables and the inbound-mail bucket are created there, the functions and the table-stream "
                    + "pollers use them there. The HTTP API, bus, schedules, Bedrock stand-in and recording providers stay in-process.",
                    "Without a URL (or as 'env'): AWS_ENDPOINT_URL_DYNAMODB / AWS_ENDPOINT_URL_S3, else AWS_ENDPOINT_URL, "
                            + "from the environment, as the AWS SDKs read them."})
    String awsEndpoint;

    @Option(names = "--aws-endpoint-dynamodb", paramLabel = "URL", description = "DynamoDB only at this endpoint (wins over --aws-endpoint).")
    String awsEndpointDynamodb;

    @Option(names = "--aws-endpoint-s3", paramLabel = "URL", description = "S3 only at this endpoint (wins over --aws-endpoint).")
    String awsEndpointS3;

    /**
     * The options; empty when {@code --help} or {@code --version} was asked for (printed to {@code out}).
     *
     * @throws CommandLine.ParameterException for an unknown option or a bad value, with the usage to print
     */
    static Optional<LocalCloud.Options> parse(String[] args, PrintWriter out) {
        return parse(args, out, System::getenv);
    }

    /** As {@link #parse(String[], PrintWriter)}, with the environment {@code --aws-endpoint} reads given. */
    static Optional<LocalCloud.Options> parse(String[] args, PrintWriter out, Function<String, String> environment) {
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
                cli.hostedSignIn, cli.awsEndpoints(command, environment)));
    }

    /** The external endpoints the options ask for: a per-service option, else --aws-endpoint (its URL or the environment). */
    LocalCloud.AwsEndpoints awsEndpoints(CommandLine command, Function<String, String> environment) {
        boolean fromEnvironment = FROM_ENVIRONMENT.equals(awsEndpoint);
        if (fromEnvironment && endpoint(environment, "DYNAMODB") == null && endpoint(environment, "S3") == null) {
            throw new CommandLine.ParameterException(command, "--aws-endpoint without a URL reads AWS_ENDPOINT_URL "
                    + "(or AWS_ENDPOINT_URL_DYNAMODB / AWS_ENDPOINT_URL_S3) from the environment, and none is set");
        }
        String dynamodb = awsEndpointDynamodb != null ? awsEndpointDynamodb
                : fromEnvironment ? endpoint(environment, "DYNAMODB") : awsEndpoint;
        String s3 = awsEndpointS3 != null ? awsEndpointS3 : fromEnvironment ? endpoint(environment, "S3") : awsEndpoint;
        return new LocalCloud.AwsEndpoints(url(command, dynamodb), url(command, s3));
    }

    private static String endpoint(Function<String, String> environment, String service) {
        String specific = environment.apply("AWS_ENDPOINT_URL_" + service);
        String value = specific != null && !specific.isBlank() ? specific : environment.apply("AWS_ENDPOINT_URL");
        return value == null || value.isBlank() ? null : value;
    }

    private static URI url(CommandLine command, String value) {
        if (value == null) {
            return null;
        }
        try {
            URI uri = new URI(value.endsWith("/") ? value.substring(0, value.length() - 1) : value);
            if ((uri.getScheme() != null && (uri.getScheme().equals("http") || uri.getScheme().equals("https"))) && uri.getHost() != null) {
                return uri;
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        throw new CommandLine.ParameterException(command, "not an http(s) endpoint URL: '" + value + "'");
    }
}
