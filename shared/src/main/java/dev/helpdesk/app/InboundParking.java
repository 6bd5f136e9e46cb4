package dev.helpdesk.app;

import dev.helpdesk.events.DetailType;
import dev.helpdesk.events.EventPublisher;
import dev.helpdesk.events.HelpdeskEvent;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a message that cannot be stored goes when the rest of its delivery can (issue 17): one bad message in a
 * Meta batch must not make Meta redeliver the good ones forever. Each is put on the bus as "Inbound Parked" with
 * its channel, the reason and the provider's JSON for it (cut to {@link #MAX_FRAGMENT_CHARS}), and logged, so an
 * operator sees it (a rule, an archive, the log) and nothing the provider delivered disappears silently.
 */
public final class InboundParking {
    private static final Logger LOG = LoggerFactory.getLogger(InboundParking.class);
    /** EventBridge takes 256 KB per event; the part that shows what went wrong is at the start. */
    static final int MAX_FRAGMENT_CHARS = 8 * 1024;

    /** One message that was not stored, and why. */
    public record Parked(String channel, String reason, String fragment) {
    }

    private final EventPublisher publisher;
    private final Clock clock;

    public InboundParking(EventPublisher publisher, Clock clock) {
        this.publisher = publisher;
        this.clock = clock;
    }

    /** Announces each parked message; a bus that refuses them fails the call (the provider then redelivers). */
    public void park(List<Parked> parked) {
        if (parked.isEmpty()) {
            return;
        }
        List<HelpdeskEvent> events = parked.stream().map(p -> {
            LOG.warn("parked an inbound {} message: {}", p.channel(), p.reason());
            Map<String, Object> payload = new LinkedHashMap<>();
            payload.put("channel", p.channel());
            payload.put("reason", p.reason());
            String fragment = p.fragment() == null ? "" : p.fragment();
            payload.put("fragment", fragment.length() <= MAX_FRAGMENT_CHARS ? fragment : fragment.substring(0, MAX_FRAGMENT_CHARS));
            payload.put("fragmentTruncated", fragment.length() > MAX_FRAGMENT_CHARS);
            return HelpdeskEvent.of(DetailType.INBOUND_PARKED, null, clock.instant(), payload);
        }).toList();
        publisher.publish(events);
    }
}
