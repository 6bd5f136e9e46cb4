package dev.helpdesk.store;

import static org.junit.jupiter.api.Assertions.*;

import dev.helpdesk.domain.TimelineEntry;
import dev.helpdesk.events.HelpdeskEvent;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Issue 16: the {@code change} attribute, written with the state and read back from the stream image. */
class ChangeRecordsTest {
    private static final Instant T0 = Instant.parse("2026-06-01T09:00:00.123456Z");

    @Test
    @DisplayName("a change round-trips: events with their ids, timeline entries, timers; a message's own text is stored once")
    void roundTrip() {
        HelpdeskEvent replied = HelpdeskEvent.of("Agent Replied", "t-1", T0, Map.of("messageId", "m-1", "text", "Ünïcode \"quoted\" reply"));
        HelpdeskEvent status = HelpdeskEvent.of("Ticket Status Changed", "t-1", T0, Map.of("from", "New", "to", "Answered"));
        TimelineEntry entry = new TimelineEntry("t-1", T0, "a-1", "status", Map.of("from", "New", "to", "Answered"));
        DueTimer timer = new DueTimer("t-1", "SLA", T0.plusSeconds(3600), 0);
        String json = ChangeRecords.write("c-1", List.of(replied, status), List.of(entry), List.of(timer), List.of("REPLY"),
                "Ünïcode \"quoted\" reply");
        assertFalse(json.contains("quoted"), "the text is the message's own: not stored twice");

        Map<String, AttributeValue> message = Map.of("PK", AttributeValue.fromS("TICKET#t-1"), "SK", AttributeValue.fromS("MSG#x#m-1"),
                "ticketId", AttributeValue.fromS("t-1"), "text", AttributeValue.fromS("Ünïcode \"quoted\" reply"),
                ChangeRecords.ATTRIBUTE, AttributeValue.fromS(json));
        RecordedChange change = ChangeRecords.fromStream(null, message).orElseThrow();
        assertEquals("c-1", change.id());
        assertEquals(List.of(replied, status), change.events());
        assertEquals(List.of(entry), change.timeline());
        assertEquals(List.of(timer), change.timersSet());
        assertEquals(List.of("REPLY"), change.timersCleared());
        assertFalse(change.onTicket(), "a message keeps its change for good");
        assertTrue(ChangeRecords.fromStream(message, message).isEmpty(), "the same change again is not a new one");
        assertTrue(ChangeRecords.fromStream(message, Map.of("PK", AttributeValue.fromS("TICKET#t-1"))).isEmpty(), "no change, nothing to do");
    }
}
