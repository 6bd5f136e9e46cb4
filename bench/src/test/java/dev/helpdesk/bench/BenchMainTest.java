package dev.helpdesk.bench;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The benchmarks' command line: --help lists every option of every benchmark, mistakes exit 2; no benchmark runs. */
class BenchMainTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int execute(String... args) {
        CommandLine command = BenchMain.commandLine();
        command.setOut(new PrintWriter(out, true));
        command.setErr(new PrintWriter(err, true));
        return command.execute(args);
    }

    private static final Map<String, List<String>> OPTIONS = Map.of(
            "coldstart", List.of("--runs", "--warmup", "--quick", "--functions", "--cds", "--aot", "--variant", "--class-stats", "--out",
                    "--keep-logs", "--timeout-seconds", "--repo", "--bench-dir"),
            "cost", List.of("--tickets", "--warmup", "--quick"),
            "latency", List.of("--tickets", "--concurrency", "--warmup", "--quick"),
            "contention", List.of("--writers", "--ops", "--messages", "--quick"),
            "all", List.of("--quick"));

    @Test
    @DisplayName("--help names every benchmark")
    void help() {
        assertEquals(0, execute("--help"));
        for (String benchmark : OPTIONS.keySet()) {
            assertTrue(out.toString().contains("  " + benchmark + " "), benchmark + " in:\n" + out);
        }
    }

    @Test
    @DisplayName("<benchmark> --help lists each of its options, with the defaults")
    void subcommandHelp() {
        OPTIONS.forEach((benchmark, options) -> {
            out.getBuffer().setLength(0);
            assertEquals(0, execute(benchmark, "--help"), benchmark);
            for (String option : options) {
                assertTrue(out.toString().contains(option), benchmark + " " + option + " in:\n" + out);
            }
            assertTrue(out.toString().contains("--help"), out.toString());
        });
        out.getBuffer().setLength(0);
        execute("coldstart", "--help");
        assertTrue(out.toString().contains("Default: 10") && out.toString().contains("Default: 60"), out.toString());
    }

    @Test
    @DisplayName("unknown options, bad values and a missing benchmark exit 2 with the usage")
    void mistakes() {
        for (String[] args : List.of(new String[] {}, new String[] {"nope"}, new String[] {"--nope"}, new String[] {"cost", "--nope"},
                new String[] {"cost", "--tickets", "many"}, new String[] {"cost", "--tickets"}, new String[] {"cost", "--tickets", "0"},
                new String[] {"coldstart", "--runs", "0"}, new String[] {"coldstart", "--variant", "nameonly"},
                new String[] {"latency", "--concurrency", "0"}, new String[] {"contention", "--writers", "0"},
                new String[] {"all", "--tickets", "5"})) {
            err.getBuffer().setLength(0);
            assertEquals(2, execute(args), String.join(" ", args) + ": " + err);
            assertTrue(err.toString().contains("Usage: "), String.join(" ", args) + ": " + err);
        }
    }

    @Test
    @DisplayName("every command line BENCHMARKS.md and the README give parses")
    void documentedCommandLines() {
        for (String line : List.of("all", "all --quick", "coldstart --runs 10 --cds --variant primed=-Dhelpdesk.prime=init",
                "coldstart --runs 7", "coldstart --quick --functions ingest,baseline --aot --class-stats --out report.md --keep-logs",
                "coldstart --variant serialgc=-XX:+UseSerialGC --timeout-seconds 90 --warmup 0 --repo . --bench-dir bench/target",
                "cost --tickets 1000", "cost --tickets 200 --warmup 10", "cost --quick", "latency", "latency --tickets 200 --warmup 30",
                "latency --concurrency 4 --quick", "contention", "contention --writers 8 --ops 2 --messages 12", "contention --quick")) {
            assertDoesNotThrow(() -> BenchMain.commandLine().parseArgs(line.split(" ")), line);
        }
    }
}
