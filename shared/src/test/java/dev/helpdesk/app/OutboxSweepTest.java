package dev.helpdesk.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.helpdesk.domain.Channel;
import dev.helpdesk.domain.Identity;
import dev.helpdesk.events.DetailType;
import dev.helpdesk.events.HelpdeskEvent;
import dev.helpdesk.store.Counters;
import dev.helpdesk.store.CustomerStore;
import dev.helpdesk.store.TicketStore;
import dev.helpdesk.testing.LocalDynamo;
import dev.helpdesk.testing.RecordingPublisher;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The outbox sweep (R-INGEST-5): what the bus missed is published later, once, and nothing too young is raced. */
class OutboxSweepTest {
    private static final DynamoDbClient dynamo = LocalDynamo.sharedClient();
    private static final Instant T0 = Instant.parse("2026-01-05T10:00:00Z");

    private TicketStore tickets;
    private RecordingPublisher publisher;
    private IngestService ingest;

    @BeforeEach
    void wire() {
        String table = LocalDynamo.freshTable(dynamo);
        tickets = new TicketStore(dynamo, table);
        publisher = new RecordingPublisher();
        ingest = new IngestService(tickets, new CustomerStore(dynamo, table), new Counters(dynamo, table),
                new EventRelay(publisher, tickets), Clock.fixed(T0, ZoneOffset.UTC));
    }

    private List<String> acceptWhileBusIsDown(int n) {
        publisher.failing = true;
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ids.add(ingest.accept(new InboundMessage(Channel.CHAT, "p-" + i, "chat:c-" + i, null,
                    List.of(Identity.email("c" + i + "@example.com")), null, "hello " + i, List.of(), T0, false)).ticketId());
        }
        return ids;
    }

    private OutboxSweep sweepAt(Instant now, Duration grace) {
        return new OutboxSweep(tickets, publisher, Clock.fixed(now, ZoneOffset.UTC), grace);
    }

    @Test
    @DisplayName("R-INGEST-5 events the bus refused are published by the sweep once it is back, and only once")
    void sweepPublishesWhatTheBusMissed() {
        List<String> ids = acceptWhileBusIsDown(12);
        assertTrue(publisher.published.isEmpty());

        OutboxSweep.Result down = sweepAt(T0.plusSeconds(120), Duration.ofSeconds(60)).sweep();
        assertTrue(down.failed());
        assertEquals(0, down.published());
        ids.forEach(id -> assertEquals(1, tickets.load(id).orElseThrow().outbox().size(), "kept while the bus is down"));

        publisher.failing = false;
        OutboxSweep.Result up = sweepAt(T0.plusSeconds(120), Duration.ofSeconds(60)).sweep();
        assertFalse(up.failed());
        assertEquals(12, up.published());
        // Same instant for all (fixed clock), so compare as sets; order by time is the index's sort key.
        assertEquals(new java.util.HashSet<>(ids), new java.util.HashSet<>(publisher.published.stream().map(HelpdeskEvent::ticketId).toList()));
        assertTrue(publisher.published.stream().allMatch(e -> e.detailType().equals(DetailType.TICKET_RECEIVED)));
        ids.forEach(id -> assertTrue(tickets.load(id).orElseThrow().outbox().isEmpty()));

        assertEquals(0, sweepAt(T0.plusSeconds(180), Duration.ofSeconds(60)).sweep().published(), "nothing twice");
    }

    @Test
    @DisplayName("R-INGEST-5 an event younger than the grace period is left to the request still publishing it")
    void sweepLeavesYoungEventsAlone() {
        acceptWhileBusIsDown(2);
        publisher.failing = false;
        assertEquals(0, sweepAt(T0.plusSeconds(30), Duration.ofSeconds(60)).sweep().published());
        assertEquals(2, sweepAt(T0.plusSeconds(60), Duration.ofSeconds(60)).sweep().published());
    }
}
