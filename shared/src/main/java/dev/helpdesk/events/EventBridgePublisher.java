package dev.helpdesk.events;

import dev.helpdesk.json.Json;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;

/** Publishes to the custom bus through the real EventBridge client (PutEvents takes at most 10 entries). */
public final class EventBridgePublisher implements EventPublisher {
    private static final int MAX_ENTRIES = 10;

    private final EventBridgeClient client;
    private final String busName;

    public EventBridgePublisher(EventBridgeClient client, String busName) {
        this.client = client;
        this.busName = busName;
    }

    @Override
    public void publish(List<HelpdeskEvent> events) {
        for (int from = 0; from < events.size(); from += MAX_ENTRIES) {
            List<HelpdeskEvent> chunk = events.subList(from, Math.min(events.size(), from + MAX_ENTRIES));
            List<PutEventsRequestEntry> entries = new ArrayList<>();
            for (HelpdeskEvent event : chunk) {
                entries.add(PutEventsRequestEntry.builder()
                        .eventBusName(busName)
                        .source(HelpdeskEvent.SOURCE)
                        .detailType(event.detailType())
                        .time(event.occurredAt())
                        .detail(Json.write(event.detail()))
                        .build());
            }
            PutEventsResponse response;
            try {
                response = client.putEvents(b -> b.entries(entries));
            } catch (SdkException e) {
                throw new PublishException("PutEvents to " + busName + " failed: " + e.getMessage(), e);
            }
            if (response.failedEntryCount() != null && response.failedEntryCount() > 0) {
                throw new PublishException(response.failedEntryCount() + " of " + entries.size()
                        + " events were refused by " + busName + ": " + response.entries(), null);
            }
        }
    }
}
