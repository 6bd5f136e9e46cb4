package dev.helpdesk.local;

import org.apache.logging.log4j.core.LoggerContext;

/**
 * {@code --pretty}: the functions' log configuration (shared's helpdesk-log4j2.xml) writes Lambda's JSON lines unless
 * {@code helpdesk.log.pretty} is true. It is a choice for the whole local process, like a terminal's, not a
 * function's setting; Log4j may already be running, so it re-reads its configuration.
 */
final class PrettyLogs {
    private PrettyLogs() {
    }

    static void enable() {
        System.setProperty("helpdesk.log.pretty", "true");
        LoggerContext context = LoggerContext.getContext(false);
        context.reconfigure();
    }
}
