package dev.helpdesk.app;

import static org.junit.jupiter.api.Assertions.*;

import dev.helpdesk.domain.Channel;
import dev.helpdesk.domain.Identity;
import dev.helpdesk.domain.Lifecycle;
import dev.helpdesk.domain.Status;
import dev.helpdesk.domain.Ticket;
import dev.helpdesk.store.Counters;
import dev.helpdesk.store.CustomerStore;
import dev.helpdesk.store.TicketChange;
import dev.helpdesk.store.TicketStore;
import dev.helpdesk.testing.LocalDynamo;
import dev.helpdesk.testing.MutableClock;
import dev.helpdesk.testing.RecordingPublisher;
import dev.helpdesk.testing.TicketStores;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Email threading (R-INGEST-2): by Message-ID, by ticket number, never for a stranger; reopen within a window. */
class EmailThreadingTest {
    private static final DynamoDbClient dynamo = LocalDynamo.sharedClient();
    private static final Instant T0 = Instant.parse("2026-03-02T08:00:00Z");

    private final MutableClock clock = new MutableClock(T0);
    private TicketStores stores;
    private TicketStore tickets;
    private IngestService ingest;

    @BeforeEach
    void wire() {
        String table = LocalDynamo.freshTable(dynamo);
        stores = TicketStores.on(dynamo, table);
        tickets = stores.tickets();
        ingest = new IngestService(tickets, stores.pointers(), new CustomerStore(dynamo, table), new Counters(dynamo, table),
                clock, Duration.ofDays(7));
    }

    private static InboundMessage email(String from, String messageId, List<String> replyTo, String subject, Long number) {
        return new InboundMessage(Channel.EMAIL, "ses-" + messageId, null, null, List.of(Identity.email(from)), subject,
                "text of " + messageId, List.of(), T0, false,
                new InboundMessage.EmailDetails(messageId, replyTo, number, null, null));
    }

    @Test
    @DisplayName("a reply that names the first email in In-Reply-To joins its ticket")
    void replyByMessageIdJoins() {
        IngestResult first = ingest.accept(email("ann@example.com", "m1@x", List.of(), "Parcel", null));
        IngestResult reply = ingest.accept(email("ANN@example.com", "m2@x", List.of("m1@x"), "Re: Parcel", null));
        assertFalse(reply.createdTicket());
        assertEquals(first.ticketId(), reply.ticketId());
        IngestResult third = ingest.accept(email("ann@example.com", "m3@x", List.of("unknown@y", "m2@x"), "Re: Re: Parcel", null));
        assertEquals(first.ticketId(), third.ticketId(), "any known id in the chain threads it");
    }

    @Test
    @DisplayName("a ticket number in the subject threads when the headers were lost")
    void subjectNumberJoins() {
        IngestResult first = ingest.accept(email("ann@example.com", "m1@x", List.of(), "Parcel", null));
        long number = tickets.find(first.ticketId()).orElseThrow().number();
        IngestResult reply = ingest.accept(email("ann@example.com", "m9@x", List.of(), "Re: Parcel [#" + number + "]", number));
        assertEquals(first.ticketId(), reply.ticketId());
    }

    @Test
    @DisplayName("a stranger replying to a forwarded thread gets a ticket of their own")
    void strangerStartsANewTicket() {
        IngestResult first = ingest.accept(email("ann@example.com", "m1@x", List.of(), "Parcel", null));
        long number = tickets.find(first.ticketId()).orElseThrow().number();
        IngestResult stranger = ingest.accept(email("eve@example.com", "e1@y", List.of("m1@x"), "Fwd: Parcel [#" + number + "]", number));
        assertTrue(stranger.createdTicket());
        assertNotEquals(first.ticketId(), stranger.ticketId());
        assertEquals(1, tickets.load(first.ticketId()).orElseThrow().messages().size());
    }

    @Test
    @DisplayName("R-STATUS-2 a reply within the reopen window reopens a Resolved ticket; after it, a new ticket starts")
    void reopenWindow() {
        IngestResult first = ingest.accept(email("ann@example.com", "m1@x", List.of(), "Parcel", null));
        resolve(first.ticketId(), T0.plusSeconds(60));
        clock.set(T0.plus(Duration.ofDays(3)));
        IngestResult within = ingest.accept(email("ann@example.com", "m2@x", List.of("m1@x"), "Re: Parcel", null));
        assertEquals(first.ticketId(), within.ticketId());
        assertEquals(Status.OPEN, tickets.find(first.ticketId()).orElseThrow().status());

        resolve(first.ticketId(), T0.plus(Duration.ofDays(3)).plusSeconds(60));
        clock.set(T0.plus(Duration.ofDays(11)));
        IngestResult after = ingest.accept(email("ann@example.com", "m3@x", List.of("m2@x"), "Re: Parcel", null));
        assertTrue(after.createdTicket());
        assertEquals(Status.RESOLVED, tickets.find(first.ticketId()).orElseThrow().status());
    }

    @Test
    @DisplayName("our email's Message-ID is remembered, so a reply to it threads even without References")
    void ownMessageIdIsRemembered() {
        IngestResult first = ingest.accept(email("ann@example.com", "m1@x", List.of(), "Parcel", null));
        assertEquals(first.ticketId(), stores.pointers().findThreadRef("m1@x").orElseThrow());
    }

    private void resolve(String ticketId, Instant at) {
        Ticket t = tickets.find(ticketId).orElseThrow();
        tickets.commit(new TicketChange(t.moved(new Lifecycle.Move(Status.RESOLVED, null, null, false, false), at),
                List.of(), List.of(), List.of(), null));
    }
}
