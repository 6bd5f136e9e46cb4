package dev.helpdesk.config;

import dev.helpdesk.ai.BedrockSentimentModel;
import dev.helpdesk.app.ClassifyService;
import dev.helpdesk.app.IngestService;
import java.time.Duration;
import java.util.List;

/**
 * Every function's settings, typed and checked once when the function starts ({@link HelpdeskFactory}): a missing or
 * malformed setting stops the function at init with one log line that names it, instead of failing a request later.
 * Secrets are not here: they are read by reference when a request needs them ({@link Secrets}).
 *
 * @param table          HELPDESK_TABLE
 * @param bus            HELPDESK_BUS
 * @param reopenWindow   REOPEN_WINDOW_DAYS: how long after Closed a customer's message reopens the ticket
 * @param bedrockModelId BEDROCK_MODEL_ID
 * @param bedrockTimeout BEDROCK_TIMEOUT_MS: one model call
 * @param classifyBackoff CLASSIFY_BACKOFF_MS: the first wait between attempts, doubled after each failure
 * @param classifyBudget CLASSIFY_BUDGET_SECONDS: the most a classification may take before routing goes ahead
 * @param classifyRetryDelays CLASSIFY_RETRY_DELAYS_SECONDS: when an unclassified ticket is tried again
 * @param presenceTimeout PRESENCE_TIMEOUT_SECONDS: an Online agent without heartbeats that long becomes Offline
 */
public record HelpdeskConfig(String table, String bus, Duration reopenWindow, String bedrockModelId, Duration bedrockTimeout,
                             Duration classifyBackoff, Duration classifyBudget, List<Duration> classifyRetryDelays,
                             Duration presenceTimeout) {

    /** @throws Settings.Invalid naming the first setting that is missing or malformed */
    public static HelpdeskConfig from(Settings settings) {
        List<Long> defaultRetries = ClassifyService.Policy.DEFAULT.retryDelays().stream().map(Duration::toSeconds).toList();
        return new HelpdeskConfig(
                settings.require(Settings.TABLE),
                settings.require(Settings.BUS),
                Duration.ofDays(settings.number("REOPEN_WINDOW_DAYS", IngestService.DEFAULT_REOPEN_WINDOW.toDays(), 0)),
                settings.find("BEDROCK_MODEL_ID").orElse(BedrockSentimentModel.DEFAULT_MODEL),
                Duration.ofMillis(settings.number("BEDROCK_TIMEOUT_MS", 10_000, 1)),
                Duration.ofMillis(settings.number("CLASSIFY_BACKOFF_MS", 500, 0)),
                Duration.ofSeconds(settings.number("CLASSIFY_BUDGET_SECONDS", 25, 1)),
                settings.numbers("CLASSIFY_RETRY_DELAYS_SECONDS", defaultRetries, 0).stream().map(Duration::ofSeconds).toList(),
                Duration.ofSeconds(settings.number("PRESENCE_TIMEOUT_SECONDS", 300, 1)));
    }
}
