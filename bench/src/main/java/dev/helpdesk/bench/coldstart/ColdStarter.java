package dev.helpdesk.bench.coldstart;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One cold start: a fresh JVM running the real Lambda Runtime Interface Client with a function's jar, against a
 * fresh {@link RuntimeApi} holding one event. Timed from just before {@link ProcessBuilder#start()} to the
 * arrival of the runtime's response (or error) for that event.
 */
final class ColdStarter {
    static final String RIC_MAIN = "com.amazonaws.services.lambda.runtime.api.client.AWSLambda";
    /** The flags template.yaml gives every function (JAVA_TOOL_OPTIONS): C1 only. */
    static final List<String> LAMBDA_FLAGS = List.of("-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1");

    /** A measured run: total = process start to response; init = to the first /next; invoke = the rest. */
    record Sample(double totalMs, double initMs, double invokeMs) {
    }

    /** The result of one cold start: a sample, or why it failed (never timed). */
    record Result(Sample sample, String failure, Path log) {
        boolean ok() {
            return failure == null;
        }
    }

    private final Path javaBin;
    private final List<Path> runtimeJars;
    private final Path workDir;
    private final long timeoutMillis;
    private final boolean keepLogs;
    private int counter;

    ColdStarter(Path java, List<Path> runtimeJars, Path workDir, long timeoutMillis, boolean keepLogs) {
        this.javaBin = java;
        this.runtimeJars = List.copyOf(runtimeJars);
        this.workDir = workDir;
        this.timeoutMillis = timeoutMillis;
        this.keepLogs = keepLogs;
    }

    /** The measured JVM's command line. */
    /** A variant's "flag" that sets an environment variable instead: {@code env:NAME=VALUE}. */
    static final String ENV_FLAG = "env:";

    List<String> command(Targets.Target target, List<String> extraFlags) {
        List<String> command = new ArrayList<>();
        command.add(javaBin.toString());
        command.addAll(LAMBDA_FLAGS);
        command.addAll(extraFlags.stream().filter(flag -> !flag.startsWith(ENV_FLAG)).toList());
        StringBuilder classPath = new StringBuilder(target.jar().toString());
        runtimeJars.forEach(jar -> classPath.append(java.io.File.pathSeparator).append(jar));
        command.add("-cp");
        command.add(classPath.toString());
        command.add(RIC_MAIN);
        command.add(target.handler());
        return command;
    }

    /**
     * Starts the target once with this invocation and waits for its answer.
     *
     * @param graceful stop the JVM with SIGTERM and wait for it to exit (so that exit-time work, such as writing
     *                 a CDS archive, happens); otherwise it is killed at once
     */
    Result run(Targets.Target target, List<String> extraFlags, Targets.Invocation invocation, boolean graceful) throws Exception {
        int n = ++counter;
        Path taskRoot = Files.createDirectories(workDir.resolve("task").resolve(target.name()));
        Path log = Files.createDirectories(workDir.resolve("logs")).resolve(target.name() + "-" + n + ".log");
        String arn = "arn:aws:lambda:us-east-1:" + Events.ACCOUNT + ":function:" + target.functionName();
        try (RuntimeApi api = new RuntimeApi(invocation.event(), arn)) {
            ProcessBuilder builder = new ProcessBuilder(command(target, extraFlags))
                    .directory(taskRoot.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            Map<String, String> env = builder.environment();
            env.clear();
            env.putAll(target.environment());
            env.put("_HANDLER", target.handler());
            env.put("LAMBDA_TASK_ROOT", taskRoot.toString());
            env.put("AWS_LAMBDA_RUNTIME_API", api.address());
            // A variant may set the function's environment too ("env:NAME=VALUE"), e.g. what Lambda sets for tracing.
            extraFlags.stream().filter(flag -> flag.startsWith(ENV_FLAG)).map(flag -> flag.substring(ENV_FLAG.length()))
                    .forEach(variable -> env.put(variable.substring(0, variable.indexOf('=')), variable.substring(variable.indexOf('=') + 1)));

            long start = System.nanoTime();
            Process process = builder.start();
            RuntimeApi.Outcome outcome;
            try {
                outcome = awaitOutcome(api, process);
            } finally {
                stop(process, graceful);
            }
            if (outcome == null) {
                return failed("the JVM exited with code " + process.exitValue() + " before answering", log);
            }
            if (!outcome.success()) {
                return failed(outcome.kind() + (outcome.errorType() == null ? "" : " (" + outcome.errorType() + ")") + ": "
                        + abbreviate(outcome.body()), log);
            }
            String problem = invocation.check().verify(outcome.body());
            if (problem != null) {
                return failed("answered, but the work is not done: " + problem, log);
            }
            Long next = api.firstNext().getNow(null);
            double total = (outcome.atNanos() - start) / 1e6;
            double init = next == null ? Double.NaN : (next - start) / 1e6;
            if (!keepLogs) {
                Files.deleteIfExists(log);
            }
            return new Result(new Sample(total, init, total - init), null, null);
        } catch (TimeoutException e) {
            return failed("no answer within " + timeoutMillis + " ms", log);
        }
    }

    /** The outcome, or null if the process ended without one. */
    private RuntimeApi.Outcome awaitOutcome(RuntimeApi api, Process process) throws Exception {
        CompletableFuture<Object> first = CompletableFuture.anyOf(api.outcome(), process.onExit());
        first.get(timeoutMillis, TimeUnit.MILLISECONDS);
        if (api.outcome().isDone()) {
            return api.outcome().get();
        }
        // The process ended: an error it posted just before exiting may still be on its way.
        try {
            return api.outcome().get(500, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return null;
        }
    }

    private static void stop(Process process, boolean graceful) throws InterruptedException {
        if (graceful) {
            process.destroy();
            if (process.waitFor(60, TimeUnit.SECONDS)) {
                return;
            }
        }
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    private static Result failed(String why, Path log) {
        return new Result(null, why, log);
    }

    /** The last lines of a run's output, for failure reports. */
    static String tail(Path log, int lines) {
        if (log == null || !Files.isRegularFile(log)) {
            return "";
        }
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(could not read " + log + ": " + e.getMessage() + ")";
        }
    }

    private static String abbreviate(String text) {
        if (text == null) {
            return "";
        }
        return text.length() > 600 ? text.substring(0, 600) + "…" : text;
    }
}
