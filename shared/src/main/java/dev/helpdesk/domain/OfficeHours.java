package dev.helpdesk.domain;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The workspace's business calendar (R-ASSIGN-3, -5): weekly opening periods in a time zone, several a day, and
 * holidays. Periods are wall-clock times in that zone, so they follow daylight-saving changes; a period that
 * starts in a skipped hour starts when the clock resumes.
 */
public record OfficeHours(ZoneId zone, Map<DayOfWeek, List<Period>> weekly, Set<LocalDate> holidays) {

    /** Open from {@code start} (inclusive) to {@code end} (exclusive); "24:00" is written as LocalTime.MAX. */
    public record Period(LocalTime start, LocalTime end) {
        public Period {
            if (!start.isBefore(end)) {
                throw new IllegalArgumentException("a period must end after it starts: " + start + "-" + end);
            }
        }
    }

    /** Always open: the workspace has not set office hours. */
    public static final OfficeHours ALWAYS = new OfficeHours(ZoneId.of("UTC"), allDay(), Set.of());

    public OfficeHours {
        Map<DayOfWeek, List<Period>> copy = new EnumMap<>(DayOfWeek.class);
        weekly.forEach((day, periods) -> copy.put(day, List.copyOf(periods)));
        weekly = Map.copyOf(copy);
        holidays = Set.copyOf(holidays);
    }

    public boolean isOpen(Instant at) {
        ZonedDateTime local = at.atZone(zone);
        if (holidays.contains(local.toLocalDate())) {
            return false;
        }
        LocalTime time = local.toLocalTime();
        return weekly.getOrDefault(local.getDayOfWeek(), List.of()).stream()
                .anyMatch(p -> !time.isBefore(p.start()) && (p.end().equals(LocalTime.MAX) || time.isBefore(p.end())));
    }

    /** The next moment the office opens after {@code after} (now, if open), within a year; empty if never. */
    public Optional<Instant> nextOpening(Instant after) {
        if (isOpen(after)) {
            return Optional.of(after);
        }
        LocalDate day = after.atZone(zone).toLocalDate();
        for (int i = 0; i < 366; i++, day = day.plusDays(1)) {
            if (holidays.contains(day)) {
                continue;
            }
            for (Period p : weekly.getOrDefault(day.getDayOfWeek(), List.of()).stream()
                    .sorted(java.util.Comparator.comparing(Period::start)).toList()) {
                Instant start = ZonedDateTime.of(day, p.start(), zone).toInstant();
                if (start.isAfter(after)) {
                    return Optional.of(start);
                }
            }
        }
        return Optional.empty();
    }

    private static Map<DayOfWeek, List<Period>> allDay() {
        Map<DayOfWeek, List<Period>> map = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek d : DayOfWeek.values()) {
            map.put(d, List.of(new Period(LocalTime.MIN, LocalTime.MAX)));
        }
        return map;
    }
}
