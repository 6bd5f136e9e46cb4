package dev.helpdesk.agentapi;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import dev.helpdesk.app.TicketActions;
import dev.helpdesk.app.TicketViews;
import dev.helpdesk.domain.Lifecycle;
import dev.helpdesk.domain.Permission;
import dev.helpdesk.domain.Priority;
import dev.helpdesk.domain.Ticket;
import dev.helpdesk.http.ApiException;
import dev.helpdesk.http.ApiRequest;
import dev.helpdesk.http.ApiResponses;
import dev.helpdesk.http.Caller;
import dev.helpdesk.http.Routes;
import dev.helpdesk.store.AgentStore;
import dev.helpdesk.store.WorkspaceStore;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The agent API's ticket actions: each route checks the caller's permission, validates, and calls one use case. */
@Singleton
public class TicketRoutes {
    static final int MAX_TEXT = 20_000;
    static final int MAX_BULK = 100;

    private final TicketActions actions;
    private final AgentStore agents;
    private final WorkspaceStore workspace;
    private final Clock clock;

    public TicketRoutes(TicketActions actions, AgentStore agents, WorkspaceStore workspace, Clock clock) {
        this.actions = actions;
        this.agents = agents;
        this.workspace = workspace;
        this.clock = clock;
    }

    void register(Routes routes) {
        routes.on("POST /api/tickets/{ticketId}/replies", this::reply)
                .on("POST /api/tickets/{ticketId}/notes", this::note)
                .on("POST /api/tickets/{ticketId}/status", this::status)
                .on("PUT /api/tickets/{ticketId}/priority", this::priority)
                .on("PUT /api/tickets/{ticketId}/assignee", this::assignee)
                .on("POST /api/assignments", this::bulkAssign)
                .on("POST /api/tickets/{ticketId}/split", this::split)
                .on("DELETE /api/tickets/{ticketId}", this::purge);
    }

    /**
     * The actions, bound to the version the client saw when it sends {@code If-Match: "<version>"} (the ticket's
     * {@code ETag}); {@code *} or no header: no precondition.
     */
    private TicketActions actions(ApiRequest request) {
        Optional<String> ifMatch = request.header("If-Match").map(String::strip);
        if (ifMatch.isEmpty() || ifMatch.get().equals("*")) {
            return actions;
        }
        String tag = ifMatch.get().startsWith("W/") ? ifMatch.get().substring(2) : ifMatch.get();
        tag = tag.length() >= 2 && tag.startsWith("\"") && tag.endsWith("\"") ? tag.substring(1, tag.length() - 1) : tag;
        try {
            return actions.ifVersion(Long.parseLong(tag));
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("invalid_header", "'If-Match' must be the ticket's ETag, e.g. \"12\"");
        }
    }

    private APIGatewayV2HTTPResponse reply(ApiRequest request) {
        Caller caller = request.caller().require(Permission.WORK_TICKETS);
        return ok(actions(request).reply(caller.agentId(), request.pathParameter("ticketId"), text(request.jsonBody())));
    }

    private APIGatewayV2HTTPResponse note(ApiRequest request) {
        Caller caller = request.caller().require(Permission.WORK_TICKETS);
        return ok(actions.note(caller.agentId(), request.pathParameter("ticketId"), text(request.jsonBody())));
    }

    private APIGatewayV2HTTPResponse status(ApiRequest request) {
        Caller caller = request.caller().require(Permission.WORK_TICKETS);
        JsonNode body = request.jsonBody();
        rejectReadOnlyFields(body);
        String customStatus = body.path("customStatus").isTextual() ? body.path("customStatus").asText().strip() : null;
        if (customStatus != null) {
            // R-STATUS-3: only the workspace's own statuses, and each behaves as its base.
            var base = workspace.customStatuses().get(customStatus);
            if (base == null || !base.wire().equals(body.path("status").asText())) {
                throw ApiException.badRequest("invalid_payload", "'" + customStatus + "' is not a custom status of base '"
                        + body.path("status").asText() + "' (PUT /api/settings/statuses)");
            }
        }
        Lifecycle.Action action;
        if (body.path("restore").asBoolean(false)) {
            action = new Lifecycle.Restore();
        } else {
            String target = body.path("status").asText("");
            action = switch (target) {
                case "Resolved" -> new Lifecycle.Resolve(customStatus);
                case "Open" -> new Lifecycle.Reopen(customStatus);
                case "Postponed" -> new Lifecycle.Postpone(until(body), clock.instant(), customStatus);
                case "Spam" -> new Lifecycle.MarkSpam();
                case "Deleted" -> new Lifecycle.Delete();
                default -> throw ApiException.badRequest("invalid_payload",
                        "'status' must be Resolved, Open, Postponed, Spam or Deleted (or send {\"restore\": true})");
            };
        }
        return ok(actions(request).changeStatus(caller.agentId(), request.pathParameter("ticketId"), action));
    }

    private APIGatewayV2HTTPResponse priority(ApiRequest request) {
        Caller caller = request.caller().require(Permission.WORK_TICKETS);
        JsonNode body = request.jsonBody();
        rejectReadOnlyFields(body);
        Priority priority;
        try {
            priority = Priority.fromWire(body.path("priority").asText(""));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("invalid_payload", "'priority' must be low, normal, high or urgent");
        }
        return ok(actions(request).setPriority(caller.agentId(), request.pathParameter("ticketId"), priority));
    }

    private APIGatewayV2HTTPResponse assignee(ApiRequest request) {
        Caller caller = request.caller().require(Permission.ASSIGN);
        JsonNode body = request.jsonBody();
        String assigneeId = assigneeOf(body);
        return ok(actions(request).assign(caller.agentId(), request.pathParameter("ticketId"), assigneeId, body.path("reassign").asBoolean(false)));
    }

    private APIGatewayV2HTTPResponse bulkAssign(ApiRequest request) {
        Caller caller = request.caller().require(Permission.ASSIGN);
        JsonNode body = request.jsonBody();
        JsonNode ids = body.path("ticketIds");
        if (!ids.isArray() || ids.isEmpty() || ids.size() > MAX_BULK) {
            throw ApiException.badRequest("invalid_payload", "'ticketIds' must be an array of 1-" + MAX_BULK + " ids");
        }
        String assigneeId = assigneeOf(body);
        List<Map<String, Object>> results = new ArrayList<>();
        for (JsonNode id : ids) {
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("ticketId", id.asText());
            try {
                Ticket t = actions.assign(caller.agentId(), id.asText(), assigneeId, body.path("reassign").asBoolean(false));
                result.put("result", "assigned");
                result.put("assigneeId", t.assigneeId());
            } catch (TicketActions.Refused e) {
                result.put("result", "refused");
                result.put("reason", e.getMessage());
                if (e instanceof TicketActions.Held held) {
                    // Who holds it, so a client can offer to take it over ("reassign": true).
                    result.put("heldBy", held.holder());
                }
            } catch (TicketActions.NoSuchTicket e) {
                result.put("result", "refused");
                result.put("reason", e.getMessage());
            }
            results.add(result);
        }
        return ApiResponses.json(200, Map.of("items", results));
    }

    private APIGatewayV2HTTPResponse split(ApiRequest request) {
        Caller caller = request.caller().require(Permission.WORK_TICKETS);
        JsonNode ids = request.jsonBody().path("messageIds");
        if (!ids.isArray() || ids.isEmpty() || ids.size() > 40) {
            throw ApiException.badRequest("invalid_payload", "'messageIds' must be an array of 1-40 message ids");
        }
        List<String> messageIds = new ArrayList<>();
        ids.forEach(id -> messageIds.add(id.asText()));
        return ok(actions.split(caller.agentId(), request.pathParameter("ticketId"), messageIds));
    }

    private APIGatewayV2HTTPResponse purge(ApiRequest request) {
        Caller caller = request.caller().require(Permission.PURGE);
        actions.purge(caller.agentId(), request.pathParameter("ticketId"));
        return ApiResponses.json(200, Map.of("purged", request.pathParameter("ticketId")));
    }

    /** {@code assigneeId}: a registered agent who takes tickets, or null to unassign. */
    private String assigneeOf(JsonNode body) {
        if (!body.has("assigneeId")) {
            throw ApiException.badRequest("invalid_payload", "'assigneeId' is required (null unassigns)");
        }
        if (body.get("assigneeId").isNull()) {
            return null;
        }
        String assigneeId = body.get("assigneeId").asText("");
        var agent = agents.find(assigneeId)
                .orElseThrow(() -> ApiException.badRequest("unknown_agent", "no registered agent " + assigneeId));
        if (!agent.role().takesTickets()) {
            throw ApiException.badRequest("invalid_payload", "agent " + assigneeId + " (" + agent.role().wire() + ") does not take tickets");
        }
        return assigneeId;
    }

    /** R-SENT-2: sentiment and AI labels are the classifier's; a request that tries to set them is refused. */
    private static void rejectReadOnlyFields(JsonNode body) {
        for (String field : List.of("sentiment", "labels")) {
            if (body.has(field)) {
                throw ApiException.badRequest("read_only", "'" + field + "' is set by the classifier only");
            }
        }
    }

    private static Instant until(JsonNode body) {
        if (!body.path("until").isTextual()) {
            return null; // the lifecycle refuses a postpone without one (400)
        }
        try {
            return Instant.parse(body.path("until").asText());
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest("invalid_payload", "'until' must be an ISO-8601 UTC time");
        }
    }

    private static String text(JsonNode body) {
        String text = body.path("text").isTextual() ? body.path("text").asText() : "";
        if (text.isBlank() || text.length() > MAX_TEXT) {
            throw ApiException.badRequest("invalid_payload", "'text' must be 1-" + MAX_TEXT + " characters");
        }
        return text;
    }

    private static APIGatewayV2HTTPResponse ok(Ticket ticket) {
        return ApiResponses.json(200, TicketViews.ticket(ticket), ticket.version());
    }
}
