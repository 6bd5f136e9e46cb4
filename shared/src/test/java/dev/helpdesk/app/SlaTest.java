package dev.helpdesk.app;

import static org.junit.jupiter.api.Assertions.*;

import dev.helpdesk.domain.Channel;
import dev.helpdesk.domain.Identity;
import dev.helpdesk.domain.Lifecycle;
import dev.helpdesk.domain.Priority;
import dev.helpdesk.domain.SlaPolicy;
import dev.helpdesk.events.DetailType;
import dev.helpdesk.events.HelpdeskEvent;
import dev.helpdesk.store.Counters;
import dev.helpdesk.store.CustomerStore;
import dev.helpdesk.store.TicketStore;
import dev.helpdesk.testing.LocalDynamo;
import dev.helpdesk.testing.MutableClock;
import dev.helpdesk.testing.RecordingPublisher;
import dev.helpdesk.testing.TicketStores;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** R-STATUS-4 with R-BEYOND: warnings and breaches, once each, on a clock that pauses while waiting on the customer. */
class SlaTest {
    private static final DynamoDbClient dynamo = LocalDynamo.sharedClient();
    private static final Instant T0 = Instant.parse("2026-04-01T08:00:00Z");
    private static final SlaPolicy NORMAL = new SlaPolicy(Duration.ofMinutes(30), Duration.ofMinutes(120), Duration.ofMinutes(10));

    private final MutableClock clock = new MutableClock(T0);
    private TicketStores stores;
    private TicketStore tickets;
    private RecordingPublisher publisher;
    private IngestService ingest;
    private TicketActions actions;
    private SlaTimers sla;

    @BeforeEach
    void wire() {
        String table = LocalDynamo.freshTable(dynamo);
        stores = TicketStores.on(dynamo, table);
        tickets = stores.tickets();
        publisher = new RecordingPublisher();
        tickets.feedingInline(stores.changeFeed(publisher)::apply);
        TicketChanges changes = new TicketChanges(tickets);
        sla = new SlaTimers(() -> Map.of(Priority.NORMAL, NORMAL), stores.timers(), changes, clock);
        Counters counters = new Counters(dynamo, table);
        ingest = new IngestService(tickets, stores.pointers(), new CustomerStore(dynamo, table), counters, clock, IngestService.DEFAULT_REOPEN_WINDOW, sla);
        actions = new TicketActions(tickets, stores.timers(), changes, publisher, clock, counters, sla);
    }

    private List<String> slaEvents() {
        return publisher.published.stream().filter(e -> e.detailType().startsWith("SLA"))
                .map(e -> e.detailType() + " " + e.payload().get("target")).toList();
    }

    private void at(long minutes) {
        clock.set(T0.plus(Duration.ofMinutes(minutes)));
        sla.reportDue();
    }

    @Test
    @DisplayName("first-response warning and breach, then the clock pauses while Answered and resumes when the customer writes")
    void warningsBreachesAndPauses() {
        String conversation = "sms:+1:+2";
        String id = ingest.accept(new InboundMessage(Channel.SMS, "SM1", conversation, null, List.of(Identity.phone("+1")), null,
                "Help", List.of(), T0, false)).ticketId();
        at(19);
        assertEquals(List.of(), slaEvents());
        at(21);
        assertEquals(List.of("SLA Warning first-response"), slaEvents());
        at(25);
        assertEquals(1, slaEvents().size(), "reported once");
        at(31);
        assertEquals(List.of("SLA Warning first-response", "SLA Breached first-response"), slaEvents());
        clock.set(T0.plus(Duration.ofMinutes(40)));
        actions.reply("a-1", id, "Looking into it"); // Answered: the clock pauses at 40 minutes of elapsed time
        at(100);
        assertEquals(2, slaEvents().size(), "paused while waiting on the customer");
        clock.set(T0.plus(Duration.ofMinutes(100)));
        ingest.accept(new InboundMessage(Channel.SMS, "SM2", conversation, null, List.of(Identity.phone("+1")), null,
                "Still broken", List.of(), T0, false)); // Open again: resumes with 40 elapsed
        at(169);
        assertEquals(2, slaEvents().size(), "resolution warning is due at 110 elapsed = minute 170");
        at(171);
        assertEquals("SLA Warning resolution", slaEvents().get(2));
        at(181);
        assertEquals("SLA Breached resolution", slaEvents().get(3));
        assertTrue(tickets.load(id).orElseThrow().timeline().stream().anyMatch(e -> e.type().equals("sla breached")));
        HelpdeskEvent breach = publisher.published.stream().filter(e -> e.detailType().equals(DetailType.SLA_BREACHED)).findFirst().orElseThrow();
        assertEquals("normal", breach.payload().get("priority"));
    }

    @Test
    @DisplayName("a resolved ticket's clock stops: no breach comes later")
    void resolvedStopsTheClock() {
        String id = ingest.accept(new InboundMessage(Channel.SMS, "SM9", "sms:+3:+2", null, List.of(Identity.phone("+3")), null,
                "Help", List.of(), T0, false)).ticketId();
        clock.set(T0.plus(Duration.ofMinutes(5)));
        actions.changeStatus("a-1", id, new Lifecycle.Resolve(null));
        at(500);
        assertEquals(List.of(), slaEvents());
        assertTrue(stores.timers().findTimer(id, SlaTimers.TIMER).isEmpty());
    }
}
