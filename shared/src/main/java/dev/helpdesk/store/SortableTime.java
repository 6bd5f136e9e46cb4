package dev.helpdesk.store;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * Fixed-width UTC timestamps, so that sort keys order by time as strings do. {@link Instant#toString()} drops
 * trailing zeros and would sort "…:00Z" after "…:00.5Z".
 */
public final class SortableTime {
    private static final DateTimeFormatter FORMAT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

    private SortableTime() {
    }

    public static String format(Instant instant) {
        return FORMAT.format(instant.truncatedTo(ChronoUnit.MICROS));
    }

    public static Instant parse(String value) {
        return value == null ? null : Instant.parse(value);
    }
}
