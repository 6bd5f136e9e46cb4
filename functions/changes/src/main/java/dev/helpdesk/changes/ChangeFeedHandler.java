package dev.helpdesk.changes;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent.DynamodbStreamRecord;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import dev.helpdesk.app.ChangeFeed;
import dev.helpdesk.config.HelpdeskHandler;
import dev.helpdesk.store.ChangeRecords;
import dev.helpdesk.store.RecordedChange;
import io.micronaut.context.ApplicationContext;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lambda target of the table's stream (issue 16, R-EVENTS): every committed write that carries a change has its
 * events published (and a ticket's timeline entries copied out) by {@link ChangeFeed}. Records are applied in shard
 * order; at the first one that fails the batch stops and that record's sequence number is reported
 * (ReportBatchItemFailures), so Lambda retries from it and nothing after it overtakes it.
 */
public class ChangeFeedHandler extends HelpdeskHandler<DynamodbEvent, StreamsEventResponse> {
    private static final Logger LOG = LoggerFactory.getLogger(ChangeFeedHandler.class);

    @Inject
    ChangeFeed changeFeed;

    public ChangeFeedHandler() {
    }

    public ChangeFeedHandler(ApplicationContext context) {
        super(context);
    }

    @Override
    protected StreamsEventResponse handle(DynamodbEvent event) {
        return apply(event.getRecords(), changeFeed::apply);
    }

    /** An empty batch: loads the request path's classes before the SnapStart snapshot and changes nothing. */
    @Override
    protected DynamodbEvent primingRequest() {
        DynamodbEvent event = new DynamodbEvent();
        event.setRecords(List.of());
        return event;
    }

    /** Applies each record's change in order; the answer names the first record that failed, if any. */
    static StreamsEventResponse apply(List<DynamodbStreamRecord> records, Consumer<RecordedChange> feed) {
        List<StreamsEventResponse.BatchItemFailure> failures = new ArrayList<>();
        for (DynamodbStreamRecord record : records == null ? List.<DynamodbStreamRecord>of() : records) {
            if (record.getDynamodb() == null) {
                continue;
            }
            try {
                Optional<RecordedChange> change = ChangeRecords.fromStream(
                        StreamImages.toItem(record.getDynamodb().getOldImage()),
                        StreamImages.toItem(record.getDynamodb().getNewImage()));
                change.ifPresent(feed);
            } catch (RuntimeException e) {
                LOG.error("change feed failed at {} record {} (sequence number {}, keys {}); the stream retries from it",
                        record.getEventName(), record.getEventID(), record.getDynamodb().getSequenceNumber(),
                        record.getDynamodb().getKeys(), e);
                failures.add(new StreamsEventResponse.BatchItemFailure(record.getDynamodb().getSequenceNumber()));
                break;
            }
        }
        return new StreamsEventResponse(failures);
    }
}
