package dev.helpdesk.bench.coldstart;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Cold start per Lambda function (issue 8): for each function's deployable jar, a fresh JVM with the real AWS
 * Lambda Runtime Interface Client against a local Runtime API, its first event doing real SDK work against the
 * offline cloud; beside them a plain-Java handler doing the same kind of work without Micronaut, and a no-op
 * handler (the JVM + RIC floor), measured in the same run with the same JVM flags, interleaved.
 *
 * <pre>java -jar bench/target/helpdesk-bench.jar coldstart [--runs 10] [--quick] [--cds] ...</pre> ({@link Cli}: every option)
 */
public final class ColdStartBenchmark {
    /** A way of starting the JVMs: extra flags per target (an AppCDS archive differs per target). */
    record Variant(String name, Function<Targets.Target, List<String>> flags, String description) {
    }

    /** A variant that needs a file made by one training run per target first (an AppCDS archive, an AOT cache). */
    record Trained(String name, String suffix, Function<Path, List<String>> trainFlags, Function<Path, List<String>> useFlags,
                   String description) {
    }

    record Options(int runs, int warmup, List<String> functions, boolean cds, boolean aot, Map<String, List<String>> variants,
                   boolean classStats, Path out, boolean keepLogs, long timeoutMillis, Path repo, Path benchDir) {

        static Options quick() {
            return parse(new String[] {"--quick"});
        }

        /** The options as {@code coldstart} takes them. */
        static Options parse(String... args) {
            Cli cli = new Cli();
            new CommandLine(cli).parseArgs(args);
            return cli.options();
        }
    }

    /** {@code coldstart [options]}: the options (BenchMain's {@code coldstart} subcommand), printing the Markdown report. */
    @Command(name = "coldstart", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
            description = {"Cold start per Lambda function through the Runtime Interface Client.",
                    "Each function's deployable jar in a fresh JVM through the real AWS Lambda Runtime Interface Client against "
                    + "a local Runtime API, beside a plain-Java baseline and a no-op floor.",
                    "Prints the Markdown report to stdout, progress to stderr; exits 1 if a cold start failed."})
    public static final class Cli implements Callable<Integer> {
        @Option(names = "--runs", paramLabel = "N", defaultValue = "10",
                description = "Measured cold starts per target and variant. Default: ${DEFAULT-VALUE} (1 with --quick).")
        int runs;

        @Option(names = "--warmup", paramLabel = "N", description = "Unmeasured rounds first (default: 1; 0 with --quick).")
        Integer warmup;

        @Option(names = "--quick", description = "1 run, no warm-up (what the CI test runs).")
        boolean quick;

        @Option(names = "--functions", paramLabel = "a,b",
                description = "Only these targets (ingest, inbound-mail, classify, routing, delivery, timers, agent-api, history, changes, baseline, noop).")
        String functions;

        @Option(names = "--cds", description = "Also measure with an AppCDS archive per target (made by one training run).")
        boolean cds;

        @Option(names = "--aot", description = "Also measure with a JDK 25+ AOT cache per target (-XX:AOTCacheOutput, one training run).")
        boolean aot;

        @Option(names = "--variant", paramLabel = "NAME=FLAGS",
                description = "Also measure with extra JVM flags (repeatable), e.g. --variant 'serialgc=-XX:+UseSerialGC'; "
                        + "'env:NAME=VALUE' sets an environment variable instead, e.g. --variant 'xray=env:AWS_XRAY_DAEMON_ADDRESS=127.0.0.1:2000'.")
        List<String> variants;

        @Option(names = "--class-stats", description = "One extra run per target counting the classes it loads, by origin.")
        boolean classStats;

        @Option(names = "--out", paramLabel = "FILE", description = "Also write the Markdown report to FILE.")
        Path out;

        @Option(names = "--keep-logs", description = "Keep every measured JVM's output (under the work directory).")
        boolean keepLogs;

        @Option(names = "--timeout-seconds", paramLabel = "S", defaultValue = "60",
                description = "Time allowed per cold start. Default: ${DEFAULT-VALUE}.")
        int timeoutSeconds;

        @Option(names = "--repo", paramLabel = "DIR",
                description = "The repository (default: the directory holding template.yaml, from here up).")
        Path repo;

        @Option(names = "--bench-dir", paramLabel = "DIR", description = "bench/target (default: where this class was loaded from).")
        Path benchDir;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            Options options = options();
            Results results = run(options);
            System.out.println();
            System.out.println(results.report());
            if (options.out() != null) {
                Files.writeString(options.out(), results.report());
            }
            return results.failures().isEmpty() ? 0 : 1;
        }

        /** The options these arguments give; {@code --quick} means 1 run whatever {@code --runs} says. */
        Options options() {
            if (runs < 1 || timeoutSeconds < 1) {
                throw new ParameterException(spec.commandLine(), "--runs and --timeout-seconds must be at least 1");
            }
            if (warmup != null && warmup < 0) {
                throw new ParameterException(spec.commandLine(), "--warmup must be at least 0");
            }
            Map<String, List<String>> byName = new LinkedHashMap<>();
            for (String variant : variants == null ? List.<String>of() : variants) {
                int eq = variant.indexOf('=');
                if (eq <= 0) {
                    throw new ParameterException(spec.commandLine(), "--variant takes NAME=FLAGS, not '" + variant + "'");
                }
                byName.put(variant.substring(0, eq), Arrays.stream(variant.substring(eq + 1).split("\\s+")).filter(f -> !f.isEmpty()).toList());
            }
            List<String> only = functions == null ? List.of()
                    : Arrays.stream(functions.split(",")).map(String::strip).filter(f -> !f.isEmpty()).toList();
            return new Options(quick ? 1 : runs, warmup != null ? warmup : quick ? 0 : 1, only, cds, aot, byName, classStats, out,
                    keepLogs, timeoutSeconds * 1000L, repo, benchDir);
        }
    }

    /** Everything measured: per target and variant, the samples and the failures. */
    record Results(List<Targets.Target> targets, List<Variant> variants,
                   Map<String, Map<String, List<ColdStarter.Sample>>> samples,
                   List<String> failures, Map<String, ClassStats> classStats, String report) {

        List<ColdStarter.Sample> samples(String target, String variant) {
            return samples.getOrDefault(target, Map.of()).getOrDefault(variant, List.of());
        }
    }

    private ColdStartBenchmark() {
    }

    /** Runs the benchmark with these options (writing the report to --out if given) and returns its Markdown report. */
    public static String markdown(String... args) throws Exception {
        Options options = Options.parse(args);
        Results results = run(options);
        if (options.out() != null) {
            Files.writeString(options.out(), results.report());
        }
        return results.report();
    }

    /** Runs the benchmark and returns the results with the Markdown report. */
    static Results run(Options options) throws Exception {
        Instant started = Instant.now();
        double loadBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        Path benchDir = options.benchDir() != null ? options.benchDir() : benchDir();
        Path repo = options.repo() != null ? options.repo() : repository(benchDir);
        List<Path> runtimeJars = jars(benchDir.resolve("ric"));
        Path baselineJar = jars(benchDir).stream().filter(p -> p.getFileName().toString().endsWith("-baseline.jar")).findFirst()
                .orElseThrow(() -> new IllegalStateException("no helpdesk-bench-*-baseline.jar in " + benchDir
                        + ": build first (mvn -B -pl bench -am package -DskipTests)"));
        if (runtimeJars.stream().noneMatch(p -> p.getFileName().toString().startsWith("aws-lambda-java-runtime-interface-client"))) {
            throw new IllegalStateException("no Runtime Interface Client in " + benchDir.resolve("ric")
                    + ": build first (mvn -B -pl bench -am package -DskipTests)");
        }
        Path workDir = Files.createTempDirectory("helpdesk-coldstart-");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        log("work directory " + workDir + "; repository " + repo);
        try (OfflineCloud cloud = OfflineCloud.start(repo, workDir)) {
            Targets targetFactory = new Targets(cloud, baselineJar);
            List<Targets.Target> targets = new ArrayList<>(targetFactory.all());
            if (!options.functions().isEmpty()) {
                List<String> known = targets.stream().map(Targets.Target::name).toList();
                for (String name : options.functions()) {
                    if (!known.contains(name)) {
                        throw new IllegalArgumentException("unknown target " + name + "; known: " + known);
                    }
                }
                targets.removeIf(t -> !options.functions().contains(t.name()));
            }
            for (Targets.Target target : targets) {
                if (!Files.isRegularFile(target.jar())) {
                    throw new IllegalStateException(target.name() + ": no deployable jar at " + target.jar()
                            + " (build it: mvn -B -DskipTests package)");
                }
            }
            ColdStarter starter = new ColdStarter(java, runtimeJars, workDir, options.timeoutMillis(), options.keepLogs());
            List<String> failures = new ArrayList<>();

            List<Variant> variants = new ArrayList<>();
            variants.add(new Variant("c1", t -> List.of(), "the template's JAVA_TOOL_OPTIONS (C1 only)"));
            List<Trained> trained = new ArrayList<>();
            if (options.cds()) {
                trained.add(new Trained("c1+appcds", "jsa", archive -> List.of("-XX:ArchiveClassesAtExit=" + archive),
                        archive -> List.of("-XX:SharedArchiveFile=" + archive, "-Xshare:auto"),
                        "plus -XX:SharedArchiveFile=<the target's archive> (made by one training run with -XX:ArchiveClassesAtExit)"));
            }
            if (options.aot()) {
                if (Runtime.version().feature() < 25) {
                    throw new IllegalArgumentException("--aot needs a JDK >= 25 (this is " + Runtime.version() + ")");
                }
                trained.add(new Trained("c1+aotcache", "aot", cache -> List.of("-XX:AOTCacheOutput=" + cache),
                        cache -> List.of("-XX:AOTCache=" + cache),
                        "plus -XX:AOTCache=<the target's cache> (JDK 25+, made by one training run with -XX:AOTCacheOutput)"));
            }
            Map<String, Map<String, Path>> archives = new LinkedHashMap<>();
            for (Trained t : trained) {
                Map<String, Path> byTarget = archives.computeIfAbsent(t.name(), k -> new LinkedHashMap<>());
                variants.add(new Variant(t.name(), target -> byTarget.containsKey(target.name())
                        ? t.useFlags().apply(byTarget.get(target.name())) : null, t.description()));
            }
            options.variants().forEach((name, flags) -> variants.add(new Variant(name, t -> flags, "plus " + String.join(" ", flags))));

            int rounds = options.warmup() + options.runs();
            int perTarget = rounds * variants.size() + trained.size() + (options.classStats() ? 1 : 0);
            log("seeding the offline cloud for " + targets.size() + " targets x " + perTarget + " invocations");
            targetFactory.seedWorkspace();
            for (Targets.Target target : targets) {
                target.workload().prepare(perTarget);
            }
            Map<String, Integer> nextInvocation = new LinkedHashMap<>();
            Function<Targets.Target, Targets.Invocation> invocation = target -> {
                int index = nextInvocation.merge(target.name(), 1, Integer::sum) - 1;
                try {
                    return target.workload().invocation(index);
                } catch (Exception e) {
                    throw new IllegalStateException(target.name() + ": could not prepare invocation " + index + ": " + e, e);
                }
            };

            for (Trained t : trained) {
                for (Targets.Target target : targets) {
                    Path archive = Files.createDirectories(workDir.resolve(t.suffix())).resolve(target.name() + "." + t.suffix());
                    log(t.name() + " training run: " + target.name());
                    ColdStarter.Result result = starter.run(target, t.trainFlags().apply(archive), invocation.apply(target), true);
                    if (!result.ok()) {
                        failures.add(failure(target.name(), t.name() + " training", result));
                    } else if (!Files.isRegularFile(archive) || Files.size(archive) == 0) {
                        failures.add(target.name() + " [" + t.name() + " training]: the JVM wrote nothing at " + archive
                                + "\n    last output:\n    " + ColdStarter.tail(result.log(), 25).replace("\n", "\n    "));
                    } else {
                        archives.get(t.name()).put(target.name(), archive);
                    }
                }
            }

            Map<String, ClassStats> classStats = new LinkedHashMap<>();
            if (options.classStats()) {
                for (Targets.Target target : targets) {
                    Path classLog = Files.createDirectories(workDir.resolve("classes")).resolve(target.name() + ".txt");
                    ColdStarter.Result result = starter.run(target, List.of("-Xlog:class+load=info:file=" + classLog + ":none"),
                            invocation.apply(target), false);
                    if (result.ok()) {
                        classStats.put(target.name(), ClassStats.read(classLog));
                    } else {
                        failures.add(failure(target.name(), "class stats", result));
                    }
                }
            }

            Map<String, Map<String, List<ColdStarter.Sample>>> samples = new LinkedHashMap<>();
            for (int round = 0; round < rounds; round++) {
                boolean measured = round >= options.warmup();
                List<Targets.Target> order = rotate(targets, round);
                for (Targets.Target target : order) {
                    for (Variant variant : rotate(variants, round)) {
                        List<String> flags = variant.flags().apply(target);
                        if (flags == null) {
                            continue; // no archive for this target (its training failed, reported above)
                        }
                        System.gc();
                        Thread.sleep(150);
                        ColdStarter.Result result = starter.run(target, flags, invocation.apply(target), false);
                        String label = (measured ? "run " + (round - options.warmup() + 1) + "/" + options.runs() : "warm-up");
                        if (result.ok()) {
                            log(String.format(Locale.ROOT, "%-10s %-10s %-9s %7.0f ms (init %.0f, invoke %.0f)", target.name(),
                                    variant.name(), label, result.sample().totalMs(), result.sample().initMs(), result.sample().invokeMs()));
                            if (measured) {
                                samples.computeIfAbsent(target.name(), k -> new LinkedHashMap<>())
                                        .computeIfAbsent(variant.name(), k -> new ArrayList<>()).add(result.sample());
                            }
                        } else {
                            failures.add(failure(target.name(), variant.name() + ", " + label, result));
                            log(target.name() + " " + variant.name() + " " + label + " FAILED: " + result.failure());
                        }
                    }
                }
            }
            double loadAfter = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
            String report = Report.markdown(new Report.Context(options, started, loadBefore, loadAfter, java, runtimeJars, repo,
                    targetFactory.unmeasured()), targets, variants, samples, failures, classStats);
            return new Results(targets, variants, samples, failures, classStats, report);
        } finally {
            if (!options.keepLogs()) {
                deleteQuietly(workDir);
            } else {
                log("logs kept in " + workDir.resolve("logs"));
            }
        }
    }

    private static String failure(String target, String what, ColdStarter.Result result) {
        String tail = ColdStarter.tail(result.log(), 25);
        return target + " [" + what + "]: " + result.failure() + (tail.isEmpty() ? "" : "\n    last output:\n    "
                + tail.replace("\n", "\n    "));
    }

    static <T> List<T> rotate(List<T> list, int by) {
        List<T> out = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            out.add(list.get((i + by) % list.size()));
        }
        return out;
    }

    private static List<Path> jars(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".jar")).sorted(Comparator.comparing(Path::toString)).toList();
        }
    }

    /** bench/target: the directory holding this class's jar (or its classes directory). */
    static Path benchDir() {
        try {
            Path location = Path.of(ColdStartBenchmark.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return location.toAbsolutePath().getParent();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The directory holding template.yaml: from the working directory up, else two levels above bench/target. */
    static Path repository(Path benchDir) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("template.yaml"))) {
                return dir;
            }
        }
        Path fromBench = benchDir.getParent() == null ? null : benchDir.getParent().getParent();
        if (fromBench != null && Files.isRegularFile(fromBench.resolve("template.yaml"))) {
            return fromBench;
        }
        throw new IllegalStateException("template.yaml not found; run from the repository or pass --repo");
    }

    static void log(String message) {
        // Progress goes to stderr: stdout carries the report.
        System.err.println("[coldstart " + Instant.now().truncatedTo(ChronoUnit.SECONDS) + "] " + message);
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    // best effort: a temporary directory
                }
            });
        } catch (IOException e) {
            // best effort
        }
    }

    /** Classes one cold start loaded, by where they come from (a {@code -Xlog:class+load} run). */
    record ClassStats(int total, int fromCds, Map<String, Integer> byGroup, java.util.SortedSet<String> sdkServices) {
        static final List<String[]> GROUPS = List.of(
                new String[] {"JDK", "java.", "javax.", "jdk.", "sun.", "com.sun."},
                new String[] {"AWS SDK", "software.amazon."},
                new String[] {"Micronaut", "io.micronaut."},
                new String[] {"Jackson", "com.fasterxml."},
                new String[] {"Lambda libs+RIC", "com.amazonaws."},
                new String[] {"helpdesk", "dev.helpdesk."});

        static ClassStats read(Path log) throws IOException {
            int total = 0;
            int cds = 0;
            Map<String, Integer> groups = new TreeMap<>();
            java.util.SortedSet<String> services = new java.util.TreeSet<>();
            for (String line : Files.readAllLines(log)) {
                int space = line.indexOf(' ');
                if (space <= 0 || !line.contains("source:")) {
                    continue;
                }
                String name = line.substring(0, space);
                total++;
                if (line.contains("shared objects file")) {
                    cds++;
                }
                groups.merge(group(name), 1, Integer::sum);
                if (name.startsWith(SERVICES)) {
                    int dot = name.indexOf('.', SERVICES.length());
                    if (dot > 0) {
                        services.add(name.substring(SERVICES.length(), dot));
                    }
                }
            }
            return new ClassStats(total, cds, groups, services);
        }

        static final String SERVICES = "software.amazon.awssdk.services.";

        static String group(String className) {
            for (String[] group : GROUPS) {
                for (int i = 1; i < group.length; i++) {
                    if (className.startsWith(group[i])) {
                        return group[0];
                    }
                }
            }
            return "other";
        }

        static List<String> groupNames() {
            return Stream.concat(GROUPS.stream().map(g -> g[0]), Stream.of("other")).collect(Collectors.toList());
        }
    }
}
