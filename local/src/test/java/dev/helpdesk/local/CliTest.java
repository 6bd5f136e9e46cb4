package dev.helpdesk.local;

import static org.junit.jupiter.api.Assertions.*;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
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
                "--help", "--version"}) {
            assertTrue(out.toString().contains(option), option + " in:\n" + out);
        }
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
