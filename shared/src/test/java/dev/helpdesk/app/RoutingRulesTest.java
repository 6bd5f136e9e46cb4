package dev.helpdesk.app;

import static org.junit.jupiter.api.Assertions.*;

import dev.helpdesk.domain.Agent;
import dev.helpdesk.domain.Channel;
import dev.helpdesk.domain.RoundRobin;
import dev.helpdesk.domain.Role;
import dev.helpdesk.domain.Sentiment;
import dev.helpdesk.domain.SentimentLabel;
import dev.helpdesk.domain.Status;
import dev.helpdesk.domain.Team;
import dev.helpdesk.domain.Ticket;
import dev.helpdesk.domain.Lifecycle;
import dev.helpdesk.store.AgentStore;
import dev.helpdesk.store.CustomerStore;
import dev.helpdesk.store.TicketChange;
import dev.helpdesk.store.TicketStore;
import dev.helpdesk.store.WorkspaceStore;
import dev.helpdesk.testing.LocalDynamo;
import dev.helpdesk.testing.RecordingPublisher;
import dev.helpdesk.testing.TicketStores;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Team rules, capacity, presence lapse and handing tickets back (R-ASSIGN-2, -3, -4, R-BEYOND). */
class RoutingRulesTest {
    private static final DynamoDbClient dynamo = LocalDynamo.sharedClient();

    private TicketStores stores;
    private TicketStore tickets;
    private AgentStore agents;
    private WorkspaceStore workspace;
    private RoutingService routing;
    private String table;

    @BeforeEach
    void wire() {
        table = LocalDynamo.freshTable(dynamo);
        stores = TicketStores.on(dynamo, table);
        tickets = stores.tickets();
        agents = new AgentStore(dynamo, table);
        workspace = new WorkspaceStore(dynamo, table);
        routing = new RoutingService(tickets, stores.views(), stores.timers(), new CustomerStore(dynamo, table), agents, workspace,
                Clock.systemUTC());
        for (String id : List.of("a", "b", "senior")) {
            agents.register(new Agent(id, id, null, Role.SUPPORT, null, false));
            agents.setOnline(id, true, java.time.Instant.now());
        }
    }

    private String ticket(String id, SentimentLabel sentiment, List<String> labels) {
        Ticket t = Ticket.open(id, Math.abs(id.hashCode()), "s", Channel.EMAIL, "c", null, Instant.now());
        if (sentiment != null) {
            t = t.withClassification(new Sentiment(1, sentiment), labels, Instant.now());
        }
        tickets.commit(new TicketChange(t, true, List.of(), List.of(), List.of(), null, null, null));
        return id;
    }

    @Test
    @DisplayName("R-ASSIGN-2 rule order decides: Urgent → Senior before the refund team; no match → the default pool")
    void teamRules() {
        workspace.saveAssignment(new WorkspaceStore.AssignmentSettings(true, null));
        workspace.saveTeam(new Team("refunds", "Refunds", List.of("a"), new Team.Rules(Set.of("refund"), Set.of(), Set.of()), 2));
        workspace.saveTeam(new Team("senior", "Senior", List.of("senior"), new Team.Rules(Set.of(), Set.of(), Set.of(SentimentLabel.URGENT)), 1));
        assertEquals("senior", routing.route(ticket("t1", SentimentLabel.URGENT, List.of("refund"))).assigneeId().orElseThrow());
        assertEquals("a", routing.route(ticket("t2", SentimentLabel.NEGATIVE, List.of("refund"))).assigneeId().orElseThrow());
        routing.route(ticket("t3", SentimentLabel.NEUTRAL, List.of("delivery")));
        assertNull(tickets.find("t3").orElseThrow().teamId(), "default pool");
        assertEquals("senior", tickets.find("t1").orElseThrow().teamId());
    }

    @Test
    @DisplayName("R-BEYOND capacity: an agent at the limit of active tickets is passed over, and says so")
    void capacity() {
        RoundRobin.Choice choice = RoundRobin.next(List.of("a", "b"), null,
                Map.of("a", new Agent("a", "a", null, Role.SUPPORT, null, true),
                        "b", new Agent("b", "b", null, Role.SUPPORT, null, true)),
                Map.of("a", 2, "b", 1), 2);
        assertEquals("b", choice.chosen().orElseThrow());
        assertEquals(RoundRobin.PassedOver.AT_CAPACITY, choice.candidates().get(0).passedOver());
        workspace.saveAssignment(new WorkspaceStore.AssignmentSettings(true, 1));
        workspace.saveTeam(new Team("small", "Small", List.of("a", "b"), new Team.Rules(Set.of("x"), Set.of(), Set.of()), 1));
        assertTrue(routing.route(ticket("c1", SentimentLabel.NEUTRAL, List.of("x"))).assigneeId().isPresent());
        assertTrue(routing.route(ticket("c2", SentimentLabel.NEUTRAL, List.of("x"))).assigneeId().isPresent());
        RoutingService.Decision third = routing.route(ticket("c3", SentimentLabel.NEUTRAL, List.of("x")));
        assertTrue(third.assigneeId().isEmpty(), "both at capacity");
        assertEquals("no member is Online and under capacity", third.reason());
    }

    @Test
    @DisplayName("R-ASSIGN-4 presence lapses without heartbeats; a fresh heartbeat keeps an agent Online")
    void presenceLapses() {
        Instant now = Instant.now();
        agents.setOnline("a", true, now.minusSeconds(600));
        agents.setOnline("b", true, now.minusSeconds(10));
        assertEquals(List.of("a"), agents.lapse(now.minusSeconds(300)));
        assertFalse(agents.find("a").orElseThrow().online());
        assertTrue(agents.find("b").orElseThrow().online());
    }

    @Test
    @DisplayName("R-BEYOND an agent going Offline hands back unanswered tickets when the workspace says so; answered ones stay")
    void returnOnOffline() {
        workspace.saveAssignment(new WorkspaceStore.AssignmentSettings(true, null, false));
        String waiting = ticket("w1", null, List.of());
        String answered = ticket("w2", null, List.of());
        for (String id : List.of(waiting, answered)) {
            Ticket t = tickets.find(id).orElseThrow().withAssignee("a", null, Instant.now());
            if (id.equals(answered)) {
                t = t.moved(new Lifecycle.Move(Status.ANSWERED, null, null, true, false), Instant.now());
            }
            tickets.commit(new TicketChange(t, List.of(), List.of(), List.of(), null));
        }
        assertEquals(0, routing.returnTickets("a"), "off unless the workspace asks for it");
        workspace.saveAssignment(new WorkspaceStore.AssignmentSettings(true, null, true));
        assertEquals(1, routing.returnTickets("a"));
        assertNull(tickets.find(waiting).orElseThrow().assigneeId());
        assertEquals("a", tickets.find(answered).orElseThrow().assigneeId());
    }

    @Test
    @DisplayName("R-BEYOND a ticket whose assignee has not replied in time goes back and to the next agent; a reply stops that")
    void reassignAfterNoReply() {
        dev.helpdesk.testing.MutableClock clock = new dev.helpdesk.testing.MutableClock(Instant.now());
        RecordingPublisher publisher = new RecordingPublisher();
        tickets.feedingInline(stores.changeFeed(publisher)::apply);
        RoutingService timed = new RoutingService(tickets, stores.views(), stores.timers(), new CustomerStore(dynamo, table), agents, workspace, clock);
        TicketActions actions = new TicketActions(tickets, stores.timers(), new TicketChanges(tickets), publisher, clock,
                new dev.helpdesk.store.Counters(dynamo, table));
        workspace.saveAssignment(new WorkspaceStore.AssignmentSettings(true, null, false, 5));
        workspace.saveTeam(new Team("duo", "Duo", List.of("a", "b"), new Team.Rules(Set.of("x"), Set.of(), Set.of()), 1));
        String silent = ticket("r1", SentimentLabel.NEUTRAL, List.of("x"));
        String answered = ticket("r2", SentimentLabel.NEUTRAL, List.of("x"));
        assertEquals("a", timed.route(silent).assigneeId().orElseThrow());
        assertEquals("b", timed.route(answered).assigneeId().orElseThrow());
        actions.reply("b", answered, "On it");
        clock.advance(java.time.Duration.ofMinutes(4));
        assertEquals(0, timed.reassignOverdue(), "not yet");
        clock.advance(java.time.Duration.ofMinutes(2));
        assertEquals(1, timed.reassignOverdue());
        assertEquals("b", tickets.find(silent).orElseThrow().assigneeId(), "the rotation moved on to b");
        assertEquals("b", tickets.find(answered).orElseThrow().assigneeId(), "an answered ticket stays");
        assertTrue(tickets.load(silent).orElseThrow().timeline().stream().anyMatch(e -> e.type().equals("returned to queue")));
    }


    @Test
    @DisplayName("R-ASSIGN-5/6 manual assignment works outside office hours and never moves the rotation")
    void manualAssignmentLeavesTheCursor() {
        workspace.saveAssignment(new WorkspaceStore.AssignmentSettings(true, null));
        workspace.saveOfficeHours(new dev.helpdesk.domain.OfficeHours(java.time.ZoneId.of("UTC"), Map.of(), Set.of()));
        String id = ticket("m1", SentimentLabel.NEUTRAL, List.of());
        assertTrue(routing.route(id).reason().startsWith("outside office hours"));
        var before = workspace.rotation(RoutingService.DEFAULT_POOL);
        RecordingPublisher publisher = new RecordingPublisher();
        tickets.feedingInline(stores.changeFeed(publisher)::apply);
        TicketActions actions = new TicketActions(tickets, stores.timers(), new TicketChanges(tickets), publisher, Clock.systemUTC(),
                new dev.helpdesk.store.Counters(dynamo, table));
        assertEquals("b", actions.assign("a", id, "b", false).assigneeId());
        assertEquals(before, workspace.rotation(RoutingService.DEFAULT_POOL));
    }
}
