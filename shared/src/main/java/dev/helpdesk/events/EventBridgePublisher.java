package dev.helpdesk.events;

import dev.helpdesk.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResultEntry;

/**
 * Publishes to the custom bus through the real EventBridge client, within PutEvents' limits: at most 10 entries and
 * 256 KB per request. Entries EventBridge refuses one by one (FailedEntryCount &gt; 0) are sent again, alone, a few
 * times with backoff, so one refused entry neither loses the event nor makes the caller re-send the accepted ones;
 * only when they keep failing does the call fail (and the caller's retry sends them later).
 */
public final class EventBridgePublisher implements EventPublisher {
    private static final int MAX_ENTRIES = 10;
    /** PutEvents' limit per request, with room for the entry's own fields. */
    static final int MAX_REQUEST_BYTES = 256 * 1024 - 1024;
    /** A detail over this is trimmed: its long text fields are left out (subscribers read the ticket for them). */
    static final int MAX_DETAIL_BYTES = 200 * 1024;
    private static final int ATTEMPTS = 4;

    private final EventBridgeClient client;
    private final String busName;

    public EventBridgePublisher(EventBridgeClient client, String busName) {
        this.client = client;
        this.busName = busName;
    }

    @Override
    public void publish(List<HelpdeskEvent> events) {
        List<PutEventsRequestEntry> chunk = new ArrayList<>();
        int chunkBytes = 0;
        for (HelpdeskEvent event : events) {
            PutEventsRequestEntry entry = entry(event);
            int size = size(entry);
            if (!chunk.isEmpty() && (chunk.size() == MAX_ENTRIES || chunkBytes + size > MAX_REQUEST_BYTES)) {
                put(chunk);
                chunk = new ArrayList<>();
                chunkBytes = 0;
            }
            chunk.add(entry);
            chunkBytes += size;
        }
        if (!chunk.isEmpty()) {
            put(chunk);
        }
    }

    private PutEventsRequestEntry entry(HelpdeskEvent event) {
        String detail = Json.write(event.detail());
        if (detail.getBytes(StandardCharsets.UTF_8).length > MAX_DETAIL_BYTES) {
            detail = Json.write(trimmed(event.detail()));
        }
        return PutEventsRequestEntry.builder().eventBusName(busName).source(HelpdeskEvent.SOURCE)
                .detailType(event.detailType()).time(event.occurredAt()).detail(detail).build();
    }

    /** The detail without its long strings, marked {@code trimmed}: never too large to publish, never blocking the feed. */
    static Map<String, Object> trimmed(Map<String, Object> detail) {
        Map<String, Object> kept = new LinkedHashMap<>();
        List<String> left = new ArrayList<>();
        detail.forEach((name, value) -> {
            if (value instanceof String text && text.length() > 1024) {
                left.add(name);
            } else if (!(value instanceof String) && Json.write(value).length() > 16 * 1024) {
                left.add(name);
            } else {
                kept.put(name, value);
            }
        });
        kept.put("trimmed", left);
        return kept;
    }

    private static int size(PutEventsRequestEntry entry) {
        return entry.detail().getBytes(StandardCharsets.UTF_8).length + entry.detailType().length() + entry.source().length();
    }

    /** Puts the entries; those refused one by one are put again, alone, until they are taken or attempts run out. */
    private void put(List<PutEventsRequestEntry> entries) {
        List<PutEventsRequestEntry> pending = entries;
        String lastRefusal = null;
        for (int attempt = 1; attempt <= ATTEMPTS && !pending.isEmpty(); attempt++) {
            if (attempt > 1) {
                backOff(attempt);
            }
            List<PutEventsRequestEntry> sending = pending;
            PutEventsResponse response;
            try {
                response = client.putEvents(b -> b.entries(sending));
            } catch (SdkException e) {
                throw new PublishException("PutEvents to " + busName + " failed: " + e.getMessage(), e);
            }
            if (response.failedEntryCount() == null || response.failedEntryCount() == 0) {
                return;
            }
            List<PutEventsRequestEntry> refused = new ArrayList<>();
            List<PutEventsResultEntry> results = response.entries();
            for (int i = 0; i < sending.size(); i++) {
                PutEventsResultEntry result = i < results.size() ? results.get(i) : null;
                if (result == null || result.errorCode() != null) {
                    refused.add(sending.get(i));
                    lastRefusal = result == null ? "no result" : result.errorCode() + ": " + result.errorMessage();
                }
            }
            pending = refused;
        }
        if (!pending.isEmpty()) {
            throw new PublishException(pending.size() + " of " + entries.size() + " events were refused by " + busName
                    + " after " + ATTEMPTS + " attempts; last: " + lastRefusal, null);
        }
    }

    private static void backOff(int attempt) {
        try {
            Thread.sleep(50L << (2 * (attempt - 2))); // 50, 200, 800 ms
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PublishException("interrupted while retrying PutEvents", e);
        }
    }
}
