package dev.helpdesk.changes;

import static org.junit.jupiter.api.Assertions.*;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent.DynamodbStreamRecord;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import dev.helpdesk.events.EventPublisher;
import dev.helpdesk.events.HelpdeskEvent;
import dev.helpdesk.store.ChangeRecords;
import dev.helpdesk.store.RecordedChange;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The batch contract with Lambda's stream poller: in order, stop at the first failure and name it. */
class ChangeFeedHandlerTest {
    private static final Instant AT = Instant.parse("2025-03-01T10:00:00Z");

    private static Map<String, AttributeValue> message(String ticketId, String changeId, String detailType) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("PK", new AttributeValue().withS("TICKET#" + ticketId));
        item.put("SK", new AttributeValue().withS("MSG#" + AT + "#" + changeId));
        item.put("ticketId", new AttributeValue().withS(ticketId));
        if (changeId != null) {
            item.put(ChangeRecords.ATTRIBUTE, new AttributeValue().withS(ChangeRecords.write(changeId,
                    List.of(new HelpdeskEvent(detailType, "ev-" + changeId, AT, ticketId, Map.of("x", 1))), List.of())));
        }
        return item;
    }

    private static DynamodbStreamRecord record(String sequenceNumber, String eventName, Map<String, AttributeValue> oldImage,
                                               Map<String, AttributeValue> newImage) {
        DynamodbStreamRecord record = new DynamodbStreamRecord();
        record.setEventName(eventName);
        record.setEventID("id-" + sequenceNumber);
        record.setDynamodb(new StreamRecord().withSequenceNumber(sequenceNumber).withOldImage(oldImage).withNewImage(newImage));
        return record;
    }

    @Test
    void appliesEveryRecordThatCarriesAChangeInOrder() {
        List<String> published = new ArrayList<>();
        StreamsEventResponse response = ChangeFeedHandler.apply(List.of(
                record("100", "INSERT", null, message("t-1", "c-1", "Ticket Received")),
                // A later write that left the change alone publishes nothing again.
                record("200", "MODIFY", message("t-1", "c-1", "Ticket Received"), message("t-1", "c-1", "Ticket Received")),
                record("300", "INSERT", null, message("t-2", null, null)),
                record("400", "REMOVE", message("t-1", "c-1", "Ticket Received"), null),
                record("500", "MODIFY", message("t-1", "c-1", "Ticket Received"), message("t-1", "c-2", "Ticket Reopened"))),
                change -> change.events().forEach(e -> published.add(e.eventId() + " " + e.detailType())));

        assertTrue(response.getBatchItemFailures().isEmpty());
        assertEquals(List.of("ev-c-1 Ticket Received", "ev-c-2 Ticket Reopened"), published);
    }

    @Test
    void stopsAtTheFirstFailureAndReportsItsSequenceNumber() {
        List<String> applied = new ArrayList<>();
        StreamsEventResponse response = ChangeFeedHandler.apply(List.of(
                record("100", "INSERT", null, message("t-1", "c-1", "Ticket Received")),
                record("200", "INSERT", null, message("t-2", "c-2", "Ticket Received")),
                record("300", "INSERT", null, message("t-3", "c-3", "Ticket Received"))),
                (RecordedChange change) -> {
                    if (change.id().equals("c-2")) {
                        throw new EventPublisher.PublishException("bus down", null);
                    }
                    applied.add(change.id());
                });

        assertEquals(List.of("c-1"), applied, "nothing after the failed record is applied: the retry keeps shard order");
        assertEquals(1, response.getBatchItemFailures().size());
        assertEquals("200", response.getBatchItemFailures().get(0).getItemIdentifier());
    }

    @Test
    void anUnreadableChangeIsAFailedRecordToo() {
        Map<String, AttributeValue> broken = message("t-1", null, null);
        broken.put(ChangeRecords.ATTRIBUTE, new AttributeValue().withS("{not json"));
        StreamsEventResponse response = ChangeFeedHandler.apply(List.of(record("100", "INSERT", null, broken)), change -> fail());
        assertEquals("100", response.getBatchItemFailures().get(0).getItemIdentifier());
    }

    @Test
    void anEmptyBatchSucceeds() {
        assertTrue(ChangeFeedHandler.apply(List.of(), change -> fail()).getBatchItemFailures().isEmpty());
        assertTrue(ChangeFeedHandler.apply(null, change -> fail()).getBatchItemFailures().isEmpty());
    }
}
