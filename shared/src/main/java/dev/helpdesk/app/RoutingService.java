package dev.helpdesk.app;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import dev.helpdesk.observability.WorkLog;
import dev.helpdesk.domain.Agent;
import dev.helpdesk.domain.OfficeHours;
import dev.helpdesk.domain.RoundRobin;
import dev.helpdesk.domain.Status;
import dev.helpdesk.domain.Team;
import dev.helpdesk.domain.Ticket;
import dev.helpdesk.domain.TimelineEntry;
import dev.helpdesk.events.DetailType;
import dev.helpdesk.events.HelpdeskEvent;
import dev.helpdesk.store.AgentStore;
import dev.helpdesk.store.CustomerStore;
import dev.helpdesk.store.Page;
import dev.helpdesk.store.StoreExceptions.ConcurrentUpdateException;
import dev.helpdesk.store.TableDesign;
import dev.helpdesk.store.ViewOrder;
import dev.helpdesk.store.TicketChange;
import dev.helpdesk.store.TicketStore;
import dev.helpdesk.store.TicketLists;
import dev.helpdesk.store.TimerStore;
import dev.helpdesk.store.WorkspaceStore;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Routes a ticket (R-ASSIGN): the first team whose rule matches (AI labels, customer segments, sentiment) or the
 * default pool, then, with round robin on and the office open, the next Online member in rotation. The claim is
 * one transaction: the ticket (only if unchanged and unassigned), the team's cursor (only if still at the turn
 * that was read) and a check that the agent is still Online. A lost race is retried from a fresh read, so no
 * ticket is assigned twice, no turn is skipped or repeated, and nobody offline at claim time is chosen. Every
 * decision, with the candidates and why each was passed over, is published and put on the timeline.
 */
public final class RoutingService {
    private static final Logger LOG = LoggerFactory.getLogger(RoutingService.class);
    static final String ACTOR = "router";
    /** A ticket assigned automatically or by hand that its assignee has not answered in time. */
    public static final String REPLY_TIMER = "REPLY_DUE";
    public static final String DEFAULT_POOL = "default";

    /** The outcome: the agent chosen (empty when left unassigned) and why. */
    public record Decision(Optional<String> assigneeId, String reason) {
    }

    private final TicketStore tickets;
    private final TicketLists views;
    private final TimerStore timers;
    private final CustomerStore customers;
    private final AgentStore agents;
    private final WorkspaceStore workspace;
    private final Clock clock;

    public RoutingService(TicketStore tickets, TicketLists views, TimerStore timers, CustomerStore customers, AgentStore agents,
                          WorkspaceStore workspace, Clock clock) {
        this.tickets = tickets;
        this.views = views;
        this.timers = timers;
        this.customers = customers;
        this.agents = agents;
        this.workspace = workspace;
        this.clock = clock;
    }

    /** Routes a newly created or re-classified ticket, recording the decision either way. */
    public Decision route(String ticketId) {
        WorkLog.ticket(ticketId);
        return route(ticketId, true);
    }

    /**
     * When the office opens or an agent comes Online: the waiting tickets, oldest first, in rotation. Tickets that
     * still cannot be assigned are left quietly (their earlier "left unassigned" entry stands).
     *
     * @return how many were assigned
     */
    public int drainBacklog(int max) {
        if (!workspace.assignment().roundRobin() || !workspace.officeHours().isOpen(clock.instant())) {
            return 0;
        }
        Page<Ticket> waiting = views.view(TableDesign.UNASSIGNED, Status.ACTIVE, ViewOrder.OLDEST, max, null, t -> true);
        int assigned = 0;
        for (Ticket ticket : waiting.items()) {
            if (route(ticket.ticketId(), false).assigneeId().isPresent()) {
                assigned++;
            }
        }
        return assigned;
    }

    /**
     * R-BEYOND: an agent went Offline or logged out; if the workspace says so, their unanswered tickets (New or
     * Open, waiting on an agent) go back to the queue, to be assigned in rotation to someone Online.
     *
     * @return how many were returned
     */
    public int returnTickets(String agentId) {
        if (!workspace.assignment().returnOnOffline()) {
            return 0;
        }
        int returned = 0;
        String cursor = null;
        do {
            Page<Ticket> page = views.view(agentId, Set.of(Status.NEW, Status.OPEN), ViewOrder.OLDEST, 100, cursor, t -> true);
            for (Ticket ticket : page.items()) {
                try {
                    Instant now = clock.instant();
                    Map<String, Object> details = new LinkedHashMap<>();
                    details.put("from", agentId);
                    details.put("reason", "the assignee went Offline");
                    Map<String, Object> payload = new LinkedHashMap<>(details);
                    payload.put("number", ticket.number());
                    TicketChange change = new TicketChange(ticket.withAssignee(null, ticket.teamId(), now), List.of(),
                            List.of(new TimelineEntry(ticket.ticketId(), now, ACTOR, "returned to queue", details)),
                            List.of(HelpdeskEvent.of(DetailType.TICKET_LEFT_UNASSIGNED, ticket.ticketId(), now, payload)), null);
                    tickets.commit(ticket, change);
                    returned++;
                } catch (ConcurrentUpdateException raced) {
                    // The ticket moved meanwhile (replied to, reassigned): leave it be.
                }
            }
            cursor = page.cursor();
        } while (cursor != null);
        return returned;
    }

    /**
     * R-BEYOND: tickets whose assignee has not replied within the workspace's {@code reassignAfterMinutes} go back to
     * the queue and are routed again (the rotation has moved on, so someone else gets them when anyone else can).
     *
     * @return how many were reassigned or returned
     */
    public int reassignOverdue() {
        int moved = 0;
        Integer minutes = workspace.assignment().reassignAfterMinutes();
        for (dev.helpdesk.store.DueTimer timer : timers.dueTimers(REPLY_TIMER, clock.instant(), 100)) {
            Optional<Ticket> current = tickets.find(timer.ticketId());
            try {
                if (current.isEmpty() || current.get().isUnassigned()
                        || !(current.get().status() == Status.NEW || current.get().status() == Status.OPEN)) {
                    current.ifPresent(t -> tickets.commit(t, new TicketChange(t, List.of(), List.of(), List.of(), null).clearingTimer(REPLY_TIMER)));
                    continue;
                }
                Ticket ticket = current.get();
                Instant now = clock.instant();
                Map<String, Object> details = new LinkedHashMap<>();
                details.put("from", ticket.assigneeId());
                details.put("reason", "no reply within " + minutes + " minutes");
                Map<String, Object> payload = new LinkedHashMap<>(details);
                payload.put("number", ticket.number());
                TicketChange change = new TicketChange(ticket.withAssignee(null, ticket.teamId(), now), List.of(),
                        List.of(new TimelineEntry(ticket.ticketId(), now, ACTOR, "returned to queue", details)),
                        List.of(HelpdeskEvent.of(DetailType.TICKET_LEFT_UNASSIGNED, ticket.ticketId(), now, payload)), null)
                        .clearingTimer(REPLY_TIMER);
                tickets.commit(ticket, change);
                route(ticket.ticketId(), true, Set.of(ticket.assigneeId()));
                moved++;
            } catch (ConcurrentUpdateException raced) {
                // The agent replied (or someone reassigned) just now: nothing to take back.
            }
        }
        return moved;
    }

    Decision route(String ticketId, boolean recordUnassigned) {
        return route(ticketId, recordUnassigned, Set.of());
    }

    Decision route(String ticketId, boolean recordUnassigned, Set<String> excluded) {
        return ConflictRetry.DEFAULT.run("routing ticket " + ticketId, () -> {
            Optional<TicketStore.TicketRecord> record = tickets.load(ticketId);
            if (record.isEmpty()) {
                return new Decision(Optional.empty(), "no such ticket");
            }
            Ticket ticket = record.get().ticket();
            if (!ticket.isUnassigned() || !ticket.status().isActive()) {
                return new Decision(Optional.ofNullable(ticket.assigneeId()), "already assigned or not active");
            }
            if (awaitingHandoff(record.get())) {
                return new Decision(Optional.empty(), "the chat is still with the bot");
            }
            Plan plan = plan(ticket, excluded);
            if (plan.chosen() == null) {
                if (recordUnassigned) {
                    commitQuietly(ticket, leaveUnassigned(ticket, plan));
                }
                return new Decision(Optional.empty(), plan.reason());
            }
            // Someone else took the turn, or touched the ticket: the policy reads again and decides again.
            TicketChange claim = assign(ticket, plan);
            tickets.commit(ticket, claim);
            return new Decision(Optional.of(plan.chosen()), plan.reason());
        });
    }

    /** A routing decision before it is committed; {@code reassignAfter} comes from the settings read for it. */
    private record Plan(String teamId, String rule, String chosen, String reason, long turn, List<Map<String, Object>> candidates,
                        Integer reassignAfter) {
    }

    private Plan plan(Ticket ticket, Set<String> excluded) {
        Set<String> segments = customers.find(ticket.customerId()).map(c -> c.segments()).orElse(Set.of());
        Optional<Team> team = RoundRobin.team(workspace.teams(), ticket.labels(), segments,
                ticket.sentiment() == null ? null : ticket.sentiment().label());
        Map<String, Agent> registered = agents.all().stream().collect(Collectors.toMap(Agent::agentId, Function.identity()));
        List<String> rotation = team.map(Team::members).orElseGet(() -> registered.values().stream()
                .filter(a -> a.role().takesTickets()).map(Agent::agentId).sorted().toList());
        String teamId = team.map(Team::teamId).orElse(DEFAULT_POOL);
        String rule = team.map(t -> "team " + t.name() + " (order " + t.order() + ")").orElse("no team rule matched: default pool");
        WorkspaceStore.AssignmentSettings settings = workspace.assignment();
        OfficeHours hours = workspace.officeHours();
        Instant now = clock.instant();
        if (!settings.roundRobin()) {
            return new Plan(teamId, rule, null, "round robin is off", 0, reasons(rotation, "round robin off"), settings.reassignAfterMinutes());
        }
        if (!hours.isOpen(now)) {
            String opens = hours.nextOpening(now).map(Instant::toString).orElse("never");
            return new Plan(teamId, rule, null, "outside office hours (opens " + opens + ")", 0, reasons(rotation, "outside hours"), settings.reassignAfterMinutes());
        }
        Map<String, Integer> counts = new LinkedHashMap<>();
        if (settings.capacity() != null) {
            rotation.forEach(id -> counts.put(id, activeCount(id)));
        }
        WorkspaceStore.Rotation cursor = workspace.rotation(teamId);
        RoundRobin.Choice choice = RoundRobin.next(rotation, cursor.lastAgentId(), registered, counts, settings.capacity(), excluded);
        List<Map<String, Object>> candidates = new ArrayList<>();
        for (RoundRobin.Candidate c : choice.candidates()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("agentId", c.agentId());
            entry.put("passedOver", c.passedOver() == null ? null : c.passedOver().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '));
            candidates.add(entry);
        }
        if (choice.chosen().isEmpty()) {
            return new Plan(teamId, rule, null, rotation.isEmpty() ? "the team has no members" : "no member is Online and under capacity",
                    cursor.turn(), candidates, settings.reassignAfterMinutes());
        }
        return new Plan(teamId, rule, choice.chosen().get(), "round robin", cursor.turn(), candidates, settings.reassignAfterMinutes());
    }

    private int activeCount(String agentId) {
        int count = 0;
        String cursor = null;
        do {
            Page<Ticket> page = views.view(agentId, Status.ACTIVE, ViewOrder.NEWEST, 100, cursor, t -> true);
            count += page.items().size();
            cursor = page.cursor();
        } while (cursor != null);
        return count;
    }

    private static List<Map<String, Object>> reasons(List<String> rotation, String reason) {
        return rotation.stream().map(id -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("agentId", id);
            m.put("passedOver", reason);
            return m;
        }).toList();
    }

    private TicketChange assign(Ticket ticket, Plan plan) {
        Instant now = clock.instant();
        Ticket after = ticket.withAssignee(plan.chosen(), DEFAULT_POOL.equals(plan.teamId()) ? null : plan.teamId(), now);
        Map<String, Object> details = explanation(plan);
        details.put("assigneeId", plan.chosen());
        details.put("turn", plan.turn() + 1);
        Map<String, Object> payload = new LinkedHashMap<>(details);
        payload.put("number", ticket.number());
        payload.put("manual", false);
        TicketChange change = new TicketChange(after, List.of(), List.of(new TimelineEntry(ticket.ticketId(), now, ACTOR, "assigned", details)),
                List.of(HelpdeskEvent.of(DetailType.TICKET_ASSIGNED, ticket.ticketId(), now, payload)), null)
                .withRotation(new TicketChange.RotationTurn(plan.teamId(), plan.turn(), plan.chosen()));
        Integer minutes = plan.reassignAfter();
        return minutes == null ? change : change.withTimer(new dev.helpdesk.store.DueTimer(ticket.ticketId(), REPLY_TIMER,
                now.plus(java.time.Duration.ofMinutes(minutes)), 0));
    }

    private TicketChange leaveUnassigned(Ticket ticket, Plan plan) {
        Instant now = clock.instant();
        Map<String, Object> details = explanation(plan);
        Map<String, Object> payload = new LinkedHashMap<>(details);
        payload.put("number", ticket.number());
        return new TicketChange(ticket, List.of(), List.of(new TimelineEntry(ticket.ticketId(), now, ACTOR, "left unassigned", details)),
                List.of(HelpdeskEvent.of(DetailType.TICKET_LEFT_UNASSIGNED, ticket.ticketId(), now, payload)), null);
    }

    private static Map<String, Object> explanation(Plan plan) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("teamId", plan.teamId());
        details.put("rule", plan.rule());
        details.put("reason", plan.reason());
        details.put("candidates", plan.candidates());
        return details;
    }

    private void commitQuietly(Ticket before, TicketChange change) {
        try {
            tickets.commit(before, change);
        } catch (ConcurrentUpdateException raced) {
            // The ticket moved meanwhile (assigned by hand, or by another router): its own decision stands.
        }
    }

    /** A chat still with the brand's bot is routed at its handoff, not before. */
    private static boolean awaitingHandoff(TicketStore.TicketRecord record) {
        boolean withBot = record.timeline().stream()
                .anyMatch(e -> e.type().equals("created") && Boolean.TRUE.equals(e.details().get("awaitingHandoff")));
        boolean handedOff = record.timeline().stream()
                .anyMatch(e -> (e.type().equals("classified") || e.type().equals("unclassified")) && "handoff".equals(e.details().get("trigger")));
        return withBot && !handedOff;
    }
}
