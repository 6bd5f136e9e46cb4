package dev.helpdesk.bench;

import java.io.OutputStream;
import java.io.PrintStream;

/**
 * Runs a benchmark on the in-process offline cloud with the functions' own output silenced: their EMF metric lines
 * (one per invocation) and DynamoDB Local's banner would bury the report. Warnings and progress still reach stderr.
 */
public final class Quietly {

    private Quietly() {
    }

    public static <R> R call(java.util.concurrent.Callable<R> benchmark) throws Exception {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        // The functions log through Log4j (Powertools) when SLF4J picks it: its console appender keeps the real
        // stdout, so its level is lowered rather than its output redirected.
        org.apache.logging.log4j.core.config.Configurator.setLevel("dev.helpdesk", org.apache.logging.log4j.Level.WARN);
        PrintStream out = System.out;
        System.setOut(new PrintStream(OutputStream.nullOutputStream()));
        try {
            return benchmark.call();
        } finally {
            System.setOut(out);
        }
    }
}
