package dev.helpdesk.local;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/** A stream consumer for {@link LocalStreamsTest}: records each batch it is given and answers as the test says. */
public class StreamRecorder implements RequestHandler<DynamodbEvent, StreamsEventResponse> {
    static final List<DynamodbEvent> BATCHES = new CopyOnWriteArrayList<>();
    static volatile Function<DynamodbEvent, StreamsEventResponse> answer = event -> new StreamsEventResponse(List.of());

    @Override
    public StreamsEventResponse handleRequest(DynamodbEvent event, Context context) {
        BATCHES.add(event);
        return answer.apply(event);
    }

    /** The PK of every record in a batch, in order. */
    static List<String> keys(DynamodbEvent batch) {
        return batch.getRecords().stream().map(r -> r.getDynamodb().getKeys().get("PK").getS()).toList();
    }
}
