package dev.helpdesk.agentapi;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import dev.helpdesk.domain.OfficeHours;
import dev.helpdesk.domain.Permission;
import dev.helpdesk.domain.SentimentLabel;
import dev.helpdesk.domain.Team;
import dev.helpdesk.http.ApiException;
import dev.helpdesk.http.ApiRequest;
import dev.helpdesk.http.ApiResponses;
import dev.helpdesk.http.Routes;
import dev.helpdesk.json.Json;
import dev.helpdesk.store.WorkspaceStore;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Routing configuration: teams and their rules, round robin and capacity, office hours. */
@Singleton
public class SettingsRoutes {
    private final WorkspaceStore workspace;

    public SettingsRoutes(WorkspaceStore workspace) {
        this.workspace = workspace;
    }

    void register(Routes routes) {
        routes.on("PUT /api/teams/{teamId}", this::team)
                .on("GET /api/teams", this::teams)
                .on("DELETE /api/teams/{teamId}", this::deleteTeam)
                .on("GET /api/settings/assignment", this::readAssignment)
                .on("GET /api/settings/office-hours", this::readOfficeHours)
                .on("GET /api/settings/statuses", this::readStatuses)
                .on("GET /api/settings/sla", this::readSla)
                .on("PUT /api/settings/assignment", this::assignment)
                .on("PUT /api/settings/office-hours", this::officeHours)
                .on("PUT /api/settings/statuses", this::statuses)
                .on("PUT /api/views/{viewId}", this::saveView)
                .on("DELETE /api/views/{viewId}", this::deleteView)
                .on("PUT /api/settings/sla", this::sla);
    }

    /** R-ASSIGN-2: a team, its members in rotation order, and the rule that sends tickets to it (order decides). */
    private APIGatewayV2HTTPResponse team(ApiRequest request) {
        request.caller().require(Permission.MANAGE_TEAMS);
        JsonNode body = request.jsonBody();
        String name = body.path("name").asText("").strip();
        if (name.isEmpty() || !body.path("members").isArray()) {
            throw ApiException.badRequest("invalid_payload", "'name' and 'members' (an array of agent ids) are required");
        }
        List<String> members = new ArrayList<>();
        body.path("members").forEach(m -> {
            if (!m.isTextual() || members.contains(m.asText())) {
                throw ApiException.badRequest("invalid_payload", "'members' must be distinct agent ids");
            }
            members.add(m.asText());
        });
        JsonNode rules = body.path("rules");
        Set<SentimentLabel> sentiments = new LinkedHashSet<>();
        rules.path("sentiments").forEach(s -> {
            try {
                sentiments.add(SentimentLabel.fromWire(s.asText()));
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest("invalid_payload", "unknown sentiment label '" + s.asText() + "'");
            }
        });
        Team team = new Team(request.pathParameter("teamId"), name, members,
                new Team.Rules(strings(rules.path("labels")), strings(rules.path("segments")), sentiments), body.path("order").asInt(100));
        workspace.saveTeam(team);
        return ApiResponses.json(200, teamJson(team));
    }

    private static Map<String, Object> teamJson(Team team) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("teamId", team.teamId());
        json.put("name", team.name());
        json.put("members", team.members());
        json.put("rules", Map.of("labels", team.rules().labels().stream().sorted().toList(),
                "segments", team.rules().segments().stream().sorted().toList(),
                "sentiments", team.rules().sentiments().stream().map(SentimentLabel::wire).sorted().toList()));
        json.put("order", team.order());
        return json;
    }

    /** Every team in rule order (the order routing tries them); every role reads. */
    private APIGatewayV2HTTPResponse teams(ApiRequest request) {
        request.caller().require(Permission.READ);
        return ApiResponses.json(200, Map.of("items", workspace.teams().stream().map(SettingsRoutes::teamJson).toList()));
    }

    private APIGatewayV2HTTPResponse deleteTeam(ApiRequest request) {
        request.caller().require(Permission.MANAGE_TEAMS);
        String teamId = request.pathParameter("teamId");
        if (!workspace.deleteTeam(teamId)) {
            throw ApiException.notFound("no team " + teamId);
        }
        return ApiResponses.json(200, Map.of("deleted", teamId));
    }

    private APIGatewayV2HTTPResponse readAssignment(ApiRequest request) {
        request.caller().require(Permission.READ);
        return ApiResponses.json(200, assignmentJson(workspace.assignment()));
    }

    private APIGatewayV2HTTPResponse readOfficeHours(ApiRequest request) {
        request.caller().require(Permission.READ);
        return ApiResponses.json(200, WorkspaceStore.calendarJson(workspace.officeHours()));
    }

    private APIGatewayV2HTTPResponse readStatuses(ApiRequest request) {
        request.caller().require(Permission.READ);
        return ApiResponses.json(200, statusesJson(workspace.customStatuses()));
    }

    private APIGatewayV2HTTPResponse readSla(ApiRequest request) {
        request.caller().require(Permission.READ);
        return ApiResponses.json(200, Map.of("policies", Json.toMap(Json.read(workspace.slaPoliciesJson()))));
    }

    /** R-ASSIGN-3: round robin on or off, and the per-agent capacity it respects (null: none). */
    private APIGatewayV2HTTPResponse assignment(ApiRequest request) {
        request.caller().require(Permission.ADMINISTER);
        JsonNode body = request.jsonBody();
        if (!body.path("roundRobin").isBoolean()) {
            throw ApiException.badRequest("invalid_payload", "'roundRobin' must be true or false");
        }
        JsonNode capacity = body.path("capacity");
        if (!capacity.isMissingNode() && !capacity.isNull() && (!capacity.isInt() || capacity.asInt() < 1)) {
            throw ApiException.badRequest("invalid_payload", "'capacity' must be a positive integer or null");
        }
        JsonNode returnOnOffline = body.path("returnOnOffline");
        if (!returnOnOffline.isMissingNode() && !returnOnOffline.isBoolean()) {
            throw ApiException.badRequest("invalid_payload", "'returnOnOffline' must be true or false");
        }
        JsonNode reassign = body.path("reassignAfterMinutes");
        if (!reassign.isMissingNode() && !reassign.isNull() && (!reassign.isInt() || reassign.asInt() < 1)) {
            throw ApiException.badRequest("invalid_payload", "'reassignAfterMinutes' must be a positive integer or null");
        }
        WorkspaceStore.AssignmentSettings settings = new WorkspaceStore.AssignmentSettings(body.path("roundRobin").asBoolean(),
                capacity.isInt() ? capacity.asInt() : null, returnOnOffline.asBoolean(false), reassign.isInt() ? reassign.asInt() : null);
        workspace.saveAssignment(settings);
        return ApiResponses.json(200, assignmentJson(settings));
    }

    private static Map<String, Object> assignmentJson(WorkspaceStore.AssignmentSettings settings) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("roundRobin", settings.roundRobin());
        json.put("capacity", settings.capacity());
        json.put("returnOnOffline", settings.returnOnOffline());
        json.put("reassignAfterMinutes", settings.reassignAfterMinutes());
        return json;
    }

    /** R-ASSIGN-5: the business calendar: time zone, weekly periods, holidays. */
    private APIGatewayV2HTTPResponse officeHours(ApiRequest request) {
        request.caller().require(Permission.ADMINISTER);
        JsonNode body = request.jsonBody();
        OfficeHours hours;
        try {
            hours = WorkspaceStore.parseOfficeHours(Json.write(body));
        } catch (RuntimeException e) {
            throw ApiException.badRequest("invalid_payload", "office hours need a valid 'timeZone', 'weekly' periods "
                    + "{\"MON\":[[\"09:00\",\"17:00\"]]} and 'holidays' [\"YYYY-MM-DD\"]: " + e.getMessage());
        }
        workspace.saveOfficeHours(hours);
        return ApiResponses.json(200, Json.toMap(body));
    }

    /**
     * R-STATUS-3: {@code {"statuses": [{"name": "Waiting for warehouse", "base": "Postponed"}, ...]}}; a custom
     * status maps onto Resolved, Open or Postponed (the statuses an agent sets by hand).
     */
    private APIGatewayV2HTTPResponse statuses(ApiRequest request) {
        request.caller().require(Permission.ADMINISTER);
        JsonNode list = request.jsonBody().path("statuses");
        if (!list.isArray() || list.size() > 50) {
            throw ApiException.badRequest("invalid_payload", "'statuses' must be an array of at most 50 {\"name\",\"base\"}");
        }
        Map<String, dev.helpdesk.domain.Status> statuses = new LinkedHashMap<>();
        for (JsonNode entry : list) {
            String name = entry.path("name").asText("").strip();
            dev.helpdesk.domain.Status base;
            try {
                base = dev.helpdesk.domain.Status.fromWire(entry.path("base").asText(""));
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest("invalid_payload", "unknown base status '" + entry.path("base").asText() + "'");
            }
            if (name.isEmpty() || name.length() > 60 || statuses.containsKey(name)) {
                throw ApiException.badRequest("invalid_payload", "each custom status needs a distinct name of 1-60 characters");
            }
            if (!Set.of(dev.helpdesk.domain.Status.RESOLVED, dev.helpdesk.domain.Status.OPEN, dev.helpdesk.domain.Status.POSTPONED).contains(base)) {
                throw ApiException.badRequest("invalid_payload", "a custom status maps onto Resolved, Open or Postponed");
            }
            statuses.put(name, base);
        }
        workspace.saveCustomStatuses(statuses);
        return ApiResponses.json(200, statusesJson(statuses));
    }

    private static Map<String, Object> statusesJson(Map<String, dev.helpdesk.domain.Status> statuses) {
        List<Map<String, String>> json = new ArrayList<>();
        statuses.forEach((name, base) -> json.add(Map.of("name", name, "base", base.wire())));
        return Map.of("statuses", json);
    }

    /**
     * R-ASSIGN-7: an agent's own saved view, e.g. {@code {"name":"Upset customers","view":"all",
     * "filters":{"sentiment":["Urgent","Negative"]}}}; filters: status, sentiment, channel, team, label.
     */
    private APIGatewayV2HTTPResponse saveView(ApiRequest request) {
        var caller = request.caller().require(Permission.READ);
        JsonNode body = request.jsonBody();
        String name = body.path("name").asText("").strip();
        String view = body.path("view").asText("all");
        if (name.isEmpty() || name.length() > 60 || !Set.of("mine", "all", "unassigned").contains(view)) {
            throw ApiException.badRequest("invalid_payload", "'name' (1-60 characters) and 'view' (mine, all, unassigned) are required");
        }
        Map<String, List<String>> filters = new LinkedHashMap<>();
        body.path("filters").fields().forEachRemaining(e -> {
            if (!Set.of("status", "sentiment", "channel", "team", "label").contains(e.getKey()) || !e.getValue().isArray()) {
                throw ApiException.badRequest("invalid_payload", "filters are lists under status, sentiment, channel, team, label");
            }
            List<String> values = new ArrayList<>();
            e.getValue().forEach(v -> values.add(v.asText()));
            filters.put(e.getKey(), values);
        });
        String viewId = request.pathParameter("viewId");
        if (!viewId.matches("[A-Za-z0-9_-]{1,40}")) {
            throw ApiException.badRequest("invalid_parameter", "view ids are 1-40 letters, digits, '-' or '_'");
        }
        workspace.saveView(caller.agentId(), new WorkspaceStore.SavedView(viewId, name, view, filters));
        return ApiResponses.json(200, Map.of("viewId", viewId, "name", name, "view", view, "filters", filters));
    }

    /** Removes one of the caller's own saved views (404 when they have none by that id). */
    private APIGatewayV2HTTPResponse deleteView(ApiRequest request) {
        var caller = request.caller().require(Permission.READ);
        String viewId = request.pathParameter("viewId");
        if (!workspace.deleteView(caller.agentId(), viewId)) {
            throw ApiException.notFound("no saved view " + viewId);
        }
        return ApiResponses.json(200, Map.of("deleted", viewId));
    }

    /**
     * R-STATUS-4: {@code {"policies":{"urgent":{"firstResponseMinutes":30,"resolutionMinutes":240,"warningMinutes":10},...}}},
     * keyed by priority; minutes count only while the ticket waits on an agent.
     */
    private APIGatewayV2HTTPResponse sla(ApiRequest request) {
        request.caller().require(Permission.ADMINISTER);
        JsonNode policies = request.jsonBody().path("policies");
        if (!policies.isObject()) {
            throw ApiException.badRequest("invalid_payload", "'policies' must be an object keyed by priority");
        }
        policies.fields().forEachRemaining(e -> {
            try {
                dev.helpdesk.domain.Priority.fromWire(e.getKey());
            } catch (IllegalArgumentException bad) {
                throw ApiException.badRequest("invalid_payload", "unknown priority '" + e.getKey() + "'");
            }
            for (String field : List.of("firstResponseMinutes", "resolutionMinutes", "warningMinutes")) {
                JsonNode value = e.getValue().path(field);
                if (!value.isMissingNode() && !value.isNull() && (!value.isInt() || value.asInt() < 1)) {
                    throw ApiException.badRequest("invalid_payload", "'" + field + "' must be a positive number of minutes");
                }
            }
        });
        workspace.saveSlaPolicies(Json.write(policies));
        return ApiResponses.json(200, Map.of("policies", Json.toMap(policies)));
    }

    private static Set<String> strings(JsonNode array) {
        Set<String> values = new LinkedHashSet<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }
}
