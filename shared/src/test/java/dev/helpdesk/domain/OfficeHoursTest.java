package dev.helpdesk.domain;

import static org.junit.jupiter.api.Assertions.*;

import dev.helpdesk.store.WorkspaceStore;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** R-ASSIGN-5: the business calendar, in its own time zone, across daylight-saving changes and holidays. */
class OfficeHoursTest {
    /** Stockholm: weekdays 09:00-12:00 and 13:00-17:00, Saturday 10:00-14:00; Christmas Eve off. */
    private static final OfficeHours STOCKHOLM = WorkspaceStore.parseOfficeHours("""
            {"timeZone":"Europe/Stockholm",
             "weekly":{"MON":[["09:00","12:00"],["13:00","17:00"]],"TUE":[["09:00","12:00"],["13:00","17:00"]],
                       "WED":[["09:00","12:00"],["13:00","17:00"]],"THU":[["09:00","12:00"],["13:00","17:00"]],
                       "FRI":[["09:00","12:00"],["13:00","17:00"]],"SAT":[["10:00","14:00"]]},
             "holidays":["2026-12-24"]}""");

    private static boolean open(String instant) {
        return STOCKHOLM.isOpen(Instant.parse(instant));
    }

    @Test
    @DisplayName("several periods a day: open in each, closed at lunch and at night; the end is exclusive")
    void periods() {
        assertTrue(open("2026-11-24T08:00:00Z"), "09:00 Stockholm (UTC+1)");
        assertFalse(open("2026-11-24T07:59:59Z"));
        assertFalse(open("2026-11-24T11:30:00Z"), "12:30 lunch");
        assertTrue(open("2026-11-24T12:00:00Z"), "13:00");
        assertFalse(open("2026-11-24T16:00:00Z"), "17:00 is closed");
        assertTrue(open("2026-11-28T09:00:00Z"), "Saturday 10:00");
        assertFalse(open("2026-11-29T10:00:00Z"), "Sunday");
    }

    @Test
    @DisplayName("daylight saving: 09:00 local is 08:00 UTC in winter and 07:00 UTC in summer, either side of the change")
    void daylightSaving() {
        // Spring forward on Sunday 2026-03-29; Friday before (UTC+1) and Monday after (UTC+2).
        assertTrue(open("2026-03-27T08:00:00Z"));
        assertFalse(open("2026-03-27T07:30:00Z"));
        assertTrue(open("2026-03-30T07:00:00Z"), "09:00 CEST");
        assertFalse(open("2026-03-30T06:59:00Z"));
        assertFalse(open("2026-03-30T15:00:00Z"), "17:00 CEST is closed");
        // Fall back on Sunday 2026-10-25.
        assertTrue(open("2026-10-23T07:00:00Z"), "09:00 CEST");
        assertFalse(open("2026-10-26T07:30:00Z"), "08:30 CET");
        assertTrue(open("2026-10-26T08:00:00Z"), "09:00 CET");
        assertEquals(Instant.parse("2026-03-30T07:00:00Z"), STOCKHOLM.nextOpening(Instant.parse("2026-03-28T13:00:00Z")).orElseThrow(),
                "after Saturday's close, Monday 09:00 in summer time");
    }

    @Test
    @DisplayName("a holiday is closed all day; the next opening skips it")
    void holiday() {
        assertFalse(open("2026-12-24T09:00:00Z"), "Christmas Eve, a Thursday");
        assertTrue(open("2026-12-23T09:00:00Z"));
        assertEquals(Instant.parse("2026-12-25T08:00:00Z"), STOCKHOLM.nextOpening(Instant.parse("2026-12-23T17:00:00Z")).orElseThrow());
    }

    @Test
    @DisplayName("no office hours set: always open")
    void always() {
        assertTrue(OfficeHours.ALWAYS.isOpen(Instant.parse("2026-12-25T03:00:00Z")));
    }
}
