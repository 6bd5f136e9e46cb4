package dev.helpdesk.store;

import dev.helpdesk.domain.TimelineEntry;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * A ticket's timeline entries as items of their own, copied out of the change that carried them on the ticket item
 * (the change feed's job). A ticket's timeline is read with the ticket ({@link TicketStore#load}).
 */
public final class TimelineStore {
    private final BatchWrites batches;

    public TimelineStore(DynamoDbClient dynamo, String table) {
        this.batches = new BatchWrites(dynamo, table);
    }

    /**
     * Copies the timeline entries of a change the ticket item carried into items of their own (the change feed calls
     * this). Each entry's key comes from the change's id, so a repeated call rewrites the same items.
     */
    public void recordTimeline(RecordedChange change) {
        List<WriteRequest> puts = new ArrayList<>();
        for (int i = 0; i < change.timeline().size(); i++) {
            TimelineEntry e = change.timeline().get(i);
            Item item = TicketItems.timelineItem(e, i, change.id());
            puts.add(WriteRequest.builder().putRequest(p -> p.item(item.values())).build());
        }
        batches.write(puts, "timeline of change " + change.id());
    }
}
