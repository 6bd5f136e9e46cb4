package dev.helpdesk.local;

import static org.junit.jupiter.api.Assertions.*;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** R-LOCAL-CLI's command line: its options, --help listing every one, and errors that name the mistake. */
class CliTest {
    private final StringWriter out = new StringWriter();

    private LocalCloud.Options parse(String... args) {
        return Cli.parse(args, new PrintWriter(out)).orElseThrow();
    }

    @Test
    @DisplayName("defaults: port 3000, in memory, schedules on, no demo")
    void defaults() {
        LocalCloud.Options options = parse();
        assertEquals(3000, options.port());
        assertNull(options.dataDir());
        assertTrue(options.schedules());
        assertFalse(options.demo());
        assertFalse(options.hostedSignIn());
    }

    @Test
    @DisplayName("every option is read")
    void everyOption() {
        LocalCloud.Options options = parse("--port", "0", "--data", "/tmp/x", "--demo", "--template", "t.yaml", "--no-schedules",
                "--hosted-sign-in");
        assertEquals(0, options.port());
        assertEquals(Path.of("/tmp/x"), options.dataDir());
        assertTrue(options.demo());
        assertEquals(Path.of("t.yaml"), options.template());
        assertFalse(options.schedules());
        assertTrue(options.hostedSignIn());
        assertNull(parse("--in-memory").dataDir());
    }

    @Test
    @DisplayName("--help lists every option and parses to nothing")
    void help() {
        assertTrue(Cli.parse(new String[] {"--help"}, new PrintWriter(out)).isEmpty());
        for (String option : new String[] {"--port", "--in-memory", "--data", "--demo", "--template", "--no-schedules", "--hosted-sign-in",
                "--aws-endpoint", "--aws-endpoint-dynamodb", "--aws-endpoint-s3", "--help", "--version"}) {
            assertTrue(out.toString().contains(option), option + " in:\n" + out);
        }
    }

    @Test
    @DisplayName("--aws-endpoint: DynamoDB and S3 external, per-service options win, no option keeps both in-process")
    void awsEndpoint() {
        assertEquals(LocalCloud.AwsEndpoints.IN_PROCESS, parse().aws());
        assertEquals(new LocalCloud.AwsEndpoints(URI.create("http://127.0.0.1:5000"), URI.create("http://127.0.0.1:5000")),
                parse("--aws-endpoint", "http://127.0.0.1:5000/").aws());
        assertEquals(new LocalCloud.AwsEndpoints(URI.create("http://127.0.0.1:5000"), URI.create("http://s3.local:4566")),
                parse("--aws-endpoint=http://127.0.0.1:5000", "--aws-endpoint-s3", "http://s3.local:4566").aws());
        assertEquals(new LocalCloud.AwsEndpoints(URI.create("https://ddb.local"), null), parse("--aws-endpoint-dynamodb", "https://ddb.local").aws());
    }

    @Test
    @DisplayName("--aws-endpoint without a URL reads AWS_ENDPOINT_URL and the per-service variables, as the SDKs do")
    void awsEndpointFromEnvironment() {
        Map<String, String> env = Map.of("AWS_ENDPOINT_URL", "http://localhost:4566", "AWS_ENDPOINT_URL_S3", "http://localhost:9000");
        for (String[] args : List.of(new String[] {"--aws-endpoint"}, new String[] {"--aws-endpoint", "env"},
                new String[] {"--aws-endpoint", "--demo"})) {
            assertEquals(new LocalCloud.AwsEndpoints(URI.create("http://localhost:4566"), URI.create("http://localhost:9000")),
                    Cli.parse(args, new PrintWriter(out), env::get).orElseThrow().aws(), String.join(" ", args));
        }
        var unset = assertThrows(CommandLine.ParameterException.class,
                () -> Cli.parse(new String[] {"--aws-endpoint"}, new PrintWriter(out), name -> null));
        assertTrue(unset.getMessage().contains("AWS_ENDPOINT_URL"), unset.getMessage());
        var bad = assertThrows(CommandLine.ParameterException.class, () -> parse("--aws-endpoint", "localhost:4566"));
        assertTrue(bad.getMessage().contains("localhost:4566"), bad.getMessage());
    }

    @Test
    @DisplayName("unknown options, bad values and --in-memory with --data are refused with the reason")
    void mistakes() {
        assertThrows(CommandLine.ParameterException.class, () -> parse("--nope"));
        var port = assertThrows(CommandLine.ParameterException.class, () -> parse("--port", "http"));
        assertTrue(port.getMessage().contains("--port"), port.getMessage());
        assertThrows(CommandLine.ParameterException.class, () -> parse("--in-memory", "--data", "/tmp/x"));
        assertThrows(CommandLine.ParameterException.class, () -> parse("--port"));
    }
}
