package dev.helpdesk.config;

import static org.junit.jupiter.api.Assertions.*;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The typed configuration every function builds at init: defaults, values, and errors that name the setting. */
class HelpdeskConfigTest {
    private static final Map<String, String> MINIMAL = Map.of("HELPDESK_TABLE", "helpdesk-prod", "HELPDESK_BUS", "helpdesk-prod");

    private static HelpdeskConfig config(Map<String, String> extra) {
        Map<String, String> environment = new HashMap<>(MINIMAL);
        environment.putAll(extra);
        environment.values().removeIf(v -> v == null);
        return HelpdeskConfig.from(new Settings(environment::get));
    }

    @Test
    @DisplayName("only the table and bus are required; everything else has the documented default")
    void defaults() {
        HelpdeskConfig config = config(Map.of());
        assertEquals("helpdesk-prod", config.table());
        assertEquals(Duration.ofDays(14), config.reopenWindow());
        assertEquals(Duration.ofSeconds(10), config.bedrockTimeout());
        assertEquals(Duration.ofSeconds(25), config.classifyBudget());
        assertEquals(Duration.ofMinutes(5), config.presenceTimeout());
        assertFalse(config.classifyRetryDelays().isEmpty());
    }

    @Test
    @DisplayName("values are read and typed")
    void values() {
        HelpdeskConfig config = config(Map.of("REOPEN_WINDOW_DAYS", "3", "BEDROCK_TIMEOUT_MS", "1500",
                "CLASSIFY_RETRY_DELAYS_SECONDS", "60, 300,900", "PRESENCE_TIMEOUT_SECONDS", "90", "BEDROCK_MODEL_ID", "m"));
        assertEquals(Duration.ofDays(3), config.reopenWindow());
        assertEquals(Duration.ofMillis(1500), config.bedrockTimeout());
        assertEquals(List.of(Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofMinutes(15)), config.classifyRetryDelays());
        assertEquals(Duration.ofSeconds(90), config.presenceTimeout());
        assertEquals("m", config.bedrockModelId());
    }

    @Test
    @DisplayName("a missing or malformed setting is refused with a message that names it and says what it must be")
    void errorsNameTheSetting() {
        Map<String, String> noTable = new HashMap<>(MINIMAL);
        noTable.remove("HELPDESK_TABLE");
        Settings.Invalid missing = assertThrows(Settings.Invalid.class, () -> HelpdeskConfig.from(new Settings(noTable::get)));
        assertEquals("HELPDESK_TABLE is not set", missing.getMessage());

        assertEquals("CLASSIFY_BUDGET_SECONDS must be a whole number of at least 1, not 'soon'",
                assertThrows(Settings.Invalid.class, () -> config(Map.of("CLASSIFY_BUDGET_SECONDS", "soon"))).getMessage());
        assertEquals("BEDROCK_TIMEOUT_MS must be a whole number of at least 1, not '0'",
                assertThrows(Settings.Invalid.class, () -> config(Map.of("BEDROCK_TIMEOUT_MS", "0"))).getMessage());
        assertTrue(assertThrows(Settings.Invalid.class, () -> config(Map.of("CLASSIFY_RETRY_DELAYS_SECONDS", "60,x")))
                .getMessage().startsWith("CLASSIFY_RETRY_DELAYS_SECONDS must be whole numbers"));
    }
}
