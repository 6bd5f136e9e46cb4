package dev.helpdesk.agentapi;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import dev.helpdesk.app.AgentViews;
import dev.helpdesk.app.CustomerViews;
import dev.helpdesk.app.TeamMemberships;
import dev.helpdesk.domain.Agent;
import dev.helpdesk.events.EventPublisher;
import dev.helpdesk.events.HelpdeskEvent;
import java.time.Clock;
import java.util.List;
import dev.helpdesk.domain.Customer;
import dev.helpdesk.domain.Role;
import dev.helpdesk.store.AgentStore;
import java.util.LinkedHashMap;
import java.util.Map;
import dev.helpdesk.domain.Permission;
import dev.helpdesk.http.ApiException;
import dev.helpdesk.http.ApiRequest;
import dev.helpdesk.http.ApiResponses;
import dev.helpdesk.http.Routes;
import dev.helpdesk.store.CustomerStore;
import dev.helpdesk.store.WorkspaceStore;
import jakarta.inject.Singleton;
import java.util.LinkedHashSet;
import java.util.Set;

/** The agent API's writes. Every route checks the caller's permission first. */
@Singleton
public class AgentApiRoutes {
    /** Segment names are labels such as "VIP": short, printable. */
    private static final String SEGMENT = "[\\p{L}\\p{N} _.-]{1,40}";
    private static final int MAX_SEGMENTS = 50;
    private static final int MAX_TEAMS = 100;

    private final Routes routes;
    private final CustomerStore customers;

    private final AgentStore agents;
    private final WorkspaceStore workspace;
    private final TeamMemberships memberships;

    private final EventPublisher publisher;
    private final Clock clock;
    static final int MAX_BODY_BYTES = 128 * 1024;

    public AgentApiRoutes(CustomerStore customers, AgentStore agents, WorkspaceStore workspace, TicketRoutes tickets,
                          SettingsRoutes settings, EventPublisher publisher, Clock clock) {
        this.customers = customers;
        this.agents = agents;
        this.workspace = workspace;
        this.memberships = new TeamMemberships(workspace);
        this.publisher = publisher;
        this.clock = clock;
        // The largest honest body is a 20,000-character reply (80 KB in UTF-8 at worst).
        this.routes = new Routes().limitBodies(MAX_BODY_BYTES)
                .on("PUT /api/customers/{customerId}/segments", this::segments)
                .on("GET /api/agents", this::listAgents)
                .on("GET /api/agents/me", this::me)
                .on("PUT /api/agents/{agentId}", this::registerAgent)
                .on("PUT /api/agents/me/availability", this::availability)
                .on("POST /api/agents/me/logout", this::logout);
        tickets.register(routes);
        settings.register(routes);
    }

    /** R-ASSIGN-4: an agent sets only their own availability: the route has no agent id to name anyone else. */
    private APIGatewayV2HTTPResponse availability(ApiRequest request) {
        var caller = request.caller().require(Permission.READ);
        JsonNode online = request.jsonBody().path("online");
        if (!online.isBoolean()) {
            throw ApiException.badRequest("invalid_payload", "'online' must be true or false");
        }
        return setOnline(caller.agentId(), online.asBoolean());
    }

    /** Logging out makes the agent Offline. */
    private APIGatewayV2HTTPResponse logout(ApiRequest request) {
        return setOnline(request.caller().require(Permission.READ).agentId(), false);
    }

    private APIGatewayV2HTTPResponse setOnline(String agentId, boolean online) {
        AgentStore.Presence presence = agents.setOnline(agentId, online, clock.instant());
        if (presence == AgentStore.Presence.NOT_REGISTERED) {
            throw ApiException.notFound("agent " + agentId + " is not registered (PUT /api/agents/{agentId})");
        }
        if (presence == AgentStore.Presence.UNCHANGED) {
            // A heartbeat: the time is stored, nothing to announce, no queue to drain.
            return ApiResponses.json(200, Map.of("agentId", agentId, "online", online));
        }
        try {
            // Routing drains the waiting tickets when someone comes Online; if the bus is down, the next tick does.
            publisher.publish(List.of(HelpdeskEvent.of(dev.helpdesk.events.DetailType.AGENT_AVAILABILITY_CHANGED, null, clock.instant(),
                    Map.of("agentId", agentId, "online", online))));
        } catch (EventPublisher.PublishException e) {
            // The availability itself is stored; the office-hours tick drains within a minute.
        }
        return ApiResponses.json(200, Map.of("agentId", agentId, "online", online));
    }

    /**
     * Registers an agent record (name, email, role, seniority) that routing and display use; owner/admin only. With
     * {@code teams} (team ids), the agent joins those teams' rotations and leaves the others; without it, memberships
     * stay as they are. An unknown team refuses the whole request before anything is written.
     */
    private APIGatewayV2HTTPResponse registerAgent(ApiRequest request) {
        request.caller().require(Permission.ADMINISTER);
        String agentId = request.pathParameter("agentId");
        JsonNode body = request.jsonBody();
        String name = body.path("name").asText("").strip();
        if (name.isEmpty() || name.length() > 100) {
            throw ApiException.badRequest("invalid_payload", "'name' must be 1-100 characters");
        }
        String email = body.path("email").isTextual() ? body.path("email").asText().strip() : null;
        if (email != null && !email.matches("[^@\\s]+@[^@\\s]+")) {
            throw ApiException.badRequest("invalid_payload", "'email' is not an email address");
        }
        Role role;
        try {
            role = Role.fromWire(body.path("role").asText(""));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("invalid_payload", "'role' must be owner, admin, manager, support or analyst");
        }
        String seniority = body.path("seniority").isTextual() ? body.path("seniority").asText().strip() : null;
        Set<String> teams = teams(body.path("teams"));
        if (teams != null) {
            Set<String> unknown = memberships.unknown(teams);
            if (!unknown.isEmpty()) {
                throw ApiException.badRequest("invalid_payload", "no such team: " + String.join(", ", unknown));
            }
        }
        agents.register(new Agent(agentId, name, email, role, seniority, false));
        List<dev.helpdesk.domain.Team> all = teams == null ? workspace.teams() : memberships.set(agentId, teams);
        return ApiResponses.json(200, AgentViews.agent(agents.find(agentId).orElseThrow(), all));
    }

    /** The {@code teams} of an agent's registration: null when absent (memberships unchanged), else distinct ids. */
    private static Set<String> teams(JsonNode teams) {
        if (teams.isMissingNode() || teams.isNull()) {
            return null;
        }
        if (!teams.isArray() || teams.size() > MAX_TEAMS) {
            throw ApiException.badRequest("invalid_payload", "'teams' must be an array of at most " + MAX_TEAMS + " team ids");
        }
        Set<String> ids = new LinkedHashSet<>();
        teams.forEach(t -> {
            if (!t.isTextual() || t.asText().isBlank()) {
                throw ApiException.badRequest("invalid_payload", "'teams' must be team ids");
            }
            ids.add(t.asText());
        });
        return ids;
    }

    /**
     * Every registered agent with role, teams, presence and last heartbeat (the console's assignee menus, names and
     * agent list); every role reads.
     */
    private APIGatewayV2HTTPResponse listAgents(ApiRequest request) {
        request.caller().require(Permission.READ);
        List<dev.helpdesk.domain.Team> teams = workspace.teams();
        List<Map<String, Object>> items = agents.allWithLastSeen().stream()
                .sorted(java.util.Comparator.comparing(Agent::name, String.CASE_INSENSITIVE_ORDER))
                .map(agent -> AgentViews.agent(agent, teams)).toList();
        return ApiResponses.json(200, Map.of("items", items));
    }

    /**
     * The caller: their agent record when registered, otherwise who the token says they are (an analyst need not be
     * registered to read). {@code registered} tells the console whether routing knows them.
     */
    private APIGatewayV2HTTPResponse me(ApiRequest request) {
        var caller = request.caller().require(Permission.READ);
        var registered = agents.find(caller.agentId());
        Map<String, Object> json = registered.map(agent -> AgentViews.agent(agent, workspace.teams())).orElseGet(LinkedHashMap::new);
        json.putIfAbsent("agentId", caller.agentId());
        json.putIfAbsent("name", null);
        json.putIfAbsent("online", false);
        json.put("registered", registered.isPresent());
        // The token's role is what every route checks, so it is the one the console shows and obeys; the console
        // hides what the role may not do from this list rather than from a copy of the role table.
        json.put("role", caller.role().wire());
        json.put("permissions", java.util.Arrays.stream(Permission.values()).filter(p -> p.grantedTo(caller.role()))
                .map(p -> p.name().toLowerCase(java.util.Locale.ROOT)).toList());
        return ApiResponses.json(200, json);
    }

    public APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event) {
        return routes.handle(event);
    }

    /** R-INGEST-3: replaces the customer's segment memberships (routing rules match them). */
    private APIGatewayV2HTTPResponse segments(ApiRequest request) {
        request.caller().require(Permission.MANAGE_CUSTOMERS);
        String customerId = request.pathParameter("customerId");
        JsonNode list = request.jsonBody().path("segments");
        if (!list.isArray() || list.size() > MAX_SEGMENTS) {
            throw ApiException.badRequest("invalid_payload", "'segments' must be an array of at most " + MAX_SEGMENTS + " names");
        }
        Set<String> segments = new LinkedHashSet<>();
        for (JsonNode segment : list) {
            if (!segment.isTextual() || !segment.asText().strip().matches(SEGMENT)) {
                throw ApiException.badRequest("invalid_payload", "each segment must be a name of 1-40 letters, digits, spaces, '_', '.', '-'");
            }
            segments.add(segment.asText().strip());
        }
        if (customers.find(customerId).isEmpty()) {
            throw ApiException.notFound("no customer " + customerId);
        }
        Customer updated = customers.updateSegments(customerId, segments);
        return ApiResponses.json(200, CustomerViews.customer(updated, customers.ticketCount(customerId)));
    }
}
