package dev.helpdesk.local;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.WriterAppender;
import org.apache.logging.log4j.core.config.Configuration;

/**
 * The functions' log lines, as their configured layout writes them (shared's helpdesk-log4j2.xml: Lambda JSON), captured
 * beside the console while a test runs.
 */
final class LogCapture implements AutoCloseable {
    /** Its own name: test classes run side by side, each with its capture. */
    private final String name = "test-capture-" + java.util.UUID.randomUUID();
    private final StringWriter lines = new StringWriter();
    private final Configuration config;
    private final WriterAppender appender;

    LogCapture() {
        LoggerContext context = LoggerContext.getContext(false);
        config = context.getConfiguration();
        Appender out = config.getAppender("Out");
        appender = WriterAppender.newBuilder().setName(name).setTarget(lines).setLayout(out.getLayout()).build();
        appender.start();
        config.addAppender(appender);
        config.getLoggerConfig("dev.helpdesk").addAppender(appender, null, null);
        context.updateLoggers();
    }

    /** Every captured line parsed as JSON (a line that is not JSON fails the test that reads it). */
    List<JsonNode> json() throws Exception {
        List<JsonNode> parsed = new ArrayList<>();
        for (String line : lines.toString().split("\n")) {
            if (!line.isBlank()) {
                parsed.add(Exchanges.JSON.readTree(line));
            }
        }
        return parsed;
    }

    @Override
    public void close() {
        config.getLoggerConfig("dev.helpdesk").removeAppender(name);
        appender.stop();
        LoggerContext.getContext(false).updateLoggers();
    }
}
