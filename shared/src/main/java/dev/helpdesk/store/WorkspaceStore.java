package dev.helpdesk.store;

import static dev.helpdesk.store.TableDesign.*;

import dev.helpdesk.domain.OfficeHours;
import dev.helpdesk.domain.SentimentLabel;
import dev.helpdesk.domain.Team;
import dev.helpdesk.json.Json;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/** The workspace's routing configuration: assignment settings, office hours, teams, and each team's rotation cursor. */
public final class WorkspaceStore {
    /**
     * Round robin on or off, the per-agent capacity of active tickets it respects (null: no limit), and whether an
     * agent who goes Offline hands their unanswered tickets back to the queue.
     */
    public record AssignmentSettings(boolean roundRobin, Integer capacity, boolean returnOnOffline, Integer reassignAfterMinutes) {
        public static final AssignmentSettings DEFAULT = new AssignmentSettings(false, null, false, null);

        public AssignmentSettings(boolean roundRobin, Integer capacity) {
            this(roundRobin, capacity, false, null);
        }

        public AssignmentSettings(boolean roundRobin, Integer capacity, boolean returnOnOffline) {
            this(roundRobin, capacity, returnOnOffline, null);
        }
    }

    /** A team's rotation: the member who got the last ticket, and the turn number every claim advances. */
    public record Rotation(String lastAgentId, long turn) {
    }

    private final DynamoDbClient dynamo;
    private final String table;

    public WorkspaceStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    public AssignmentSettings assignment() {
        return get(SETTINGS_PK, "ASSIGNMENT").map(i -> new AssignmentSettings(i.bool("roundRobin"), i.nOrNull("capacity"),
                        i.bool("returnOnOffline"), i.nOrNull("reassignAfterMinutes")))
                .orElse(AssignmentSettings.DEFAULT);
    }

    public void saveAssignment(AssignmentSettings settings) {
        dynamo.putItem(b -> b.tableName(table).item(Item.create().put(PK, SETTINGS_PK).put(SK, "ASSIGNMENT")
                .put("roundRobin", settings.roundRobin()).put("capacity", settings.capacity())
                .put("returnOnOffline", settings.returnOnOffline()).put("reassignAfterMinutes", settings.reassignAfterMinutes()).values()));
    }

    public OfficeHours officeHours() {
        return get(SETTINGS_PK, "OFFICE_HOURS").map(i -> parseOfficeHours(i.s("calendar"))).orElse(OfficeHours.ALWAYS);
    }

    public void saveOfficeHours(OfficeHours hours) {
        dynamo.putItem(b -> b.tableName(table).item(Item.create().put(PK, SETTINGS_PK).put(SK, "OFFICE_HOURS")
                .put("calendar", Json.write(calendarJson(hours))).values()));
    }

    /** The calendar as the API reads and writes it: {@code {"timeZone","weekly":{"MON":[["09:00","17:00"]]},"holidays"}}. */
    public static Map<String, Object> calendarJson(OfficeHours hours) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("timeZone", hours.zone().getId());
        Map<String, List<List<String>>> weekly = new LinkedHashMap<>();
        hours.weekly().forEach((day, periods) -> weekly.put(day.name().substring(0, 3),
                periods.stream().map(p -> List.of(p.start().toString(), p.end().equals(LocalTime.MAX) ? "24:00" : p.end().toString())).toList()));
        json.put("weekly", weekly);
        json.put("holidays", hours.holidays().stream().map(LocalDate::toString).sorted().toList());
        return json;
    }

    /** Reads the calendar JSON of the API and of storage: {@code {"timeZone","weekly":{"MON":[["09:00","17:00"]]},"holidays"}}. */
    public static OfficeHours parseOfficeHours(String json) {
        var node = Json.read(json);
        ZoneId zone = ZoneId.of(node.path("timeZone").asText());
        Map<DayOfWeek, List<OfficeHours.Period>> weekly = new EnumMap<>(DayOfWeek.class);
        node.path("weekly").fields().forEachRemaining(e -> {
            DayOfWeek day = java.util.Arrays.stream(DayOfWeek.values()).filter(d -> d.name().startsWith(e.getKey().toUpperCase()))
                    .findFirst().orElseThrow(() -> new IllegalArgumentException("unknown day " + e.getKey()));
            List<OfficeHours.Period> periods = new ArrayList<>();
            for (var p : e.getValue()) {
                String end = p.get(1).asText();
                periods.add(new OfficeHours.Period(LocalTime.parse(p.get(0).asText()), end.equals("24:00") ? LocalTime.MAX : LocalTime.parse(end)));
            }
            weekly.put(day, periods);
        });
        Set<LocalDate> holidays = new HashSet<>();
        node.path("holidays").forEach(h -> holidays.add(LocalDate.parse(h.asText())));
        return new OfficeHours(zone, weekly, holidays);
    }

    /** R-STATUS-3: the workspace's named statuses, each behaving as one base status ("Waiting for warehouse" → Postponed). */
    public Map<String, dev.helpdesk.domain.Status> customStatuses() {
        Map<String, dev.helpdesk.domain.Status> statuses = new LinkedHashMap<>();
        get(SETTINGS_PK, "STATUSES").ifPresent(i -> Json.read(i.s("statuses")).fields()
                .forEachRemaining(e -> statuses.put(e.getKey(), dev.helpdesk.domain.Status.fromWire(e.getValue().asText()))));
        return statuses;
    }

    public void saveCustomStatuses(Map<String, dev.helpdesk.domain.Status> statuses) {
        Map<String, String> json = new LinkedHashMap<>();
        statuses.forEach((name, base) -> json.put(name, base.wire()));
        dynamo.putItem(b -> b.tableName(table).item(Item.create().put(PK, SETTINGS_PK).put(SK, "STATUSES")
                .put("statuses", Json.write(json)).values()));
    }

    /**
     * An agent's saved view (R-ASSIGN-7), e.g. "Upset customers": which list ({@code mine}, {@code all},
     * {@code unassigned}), and the filters, each a list of accepted values (empty: any).
     */
    public record SavedView(String viewId, String name, String view, Map<String, List<String>> filters) {
        public SavedView {
            filters = Map.copyOf(filters);
        }
    }

    public void saveView(String agentId, SavedView view) {
        dynamo.putItem(b -> b.tableName(table).item(Item.create().put(PK, agentPk(agentId)).put(SK, "VIEW#" + view.viewId())
                .put("viewId", view.viewId()).put("name", view.name()).put("view", view.view())
                .put("filters", Json.write(view.filters())).values()));
    }

    /** The agent's saved views: one query on their partition. */
    public List<SavedView> views(String agentId) {
        List<SavedView> views = new ArrayList<>();
        dynamo.queryPaginator(q -> q.tableName(table).keyConditionExpression("PK = :pk AND begins_with(SK, :view)")
                        .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(agentPk(agentId)), ":view", AttributeValue.fromS("VIEW#"))))
                .items().forEach(raw -> views.add(toView(Item.of(raw))));
        return views;
    }

    public Optional<SavedView> view(String agentId, String viewId) {
        return get(agentPk(agentId), "VIEW#" + viewId).map(WorkspaceStore::toView);
    }

    /** Removes one of the agent's saved views; false when they had none by that id. */
    public boolean deleteView(String agentId, String viewId) {
        var deleted = dynamo.deleteItem(b -> b.tableName(table)
                .key(Map.of(PK, AttributeValue.fromS(agentPk(agentId)), SK, AttributeValue.fromS("VIEW#" + viewId)))
                .returnValues(software.amazon.awssdk.services.dynamodb.model.ReturnValue.ALL_OLD));
        return deleted.attributes() != null && !deleted.attributes().isEmpty();
    }

    private static SavedView toView(Item i) {
        Map<String, List<String>> filters = new LinkedHashMap<>();
        Json.read(i.s("filters")).fields().forEachRemaining(e -> {
            List<String> values = new ArrayList<>();
            e.getValue().forEach(v -> values.add(v.asText()));
            filters.put(e.getKey(), values);
        });
        return new SavedView(i.s("viewId"), i.s("name"), i.s("view"), filters);
    }

    /** R-STATUS-4: SLA policies by priority (a priority without one has no targets). */
    public Map<dev.helpdesk.domain.Priority, dev.helpdesk.domain.SlaPolicy> slaPolicies() {
        Map<dev.helpdesk.domain.Priority, dev.helpdesk.domain.SlaPolicy> policies = new LinkedHashMap<>();
        get(SETTINGS_PK, "SLA").ifPresent(i -> Json.read(i.s("policies")).fields().forEachRemaining(e -> policies.put(
                dev.helpdesk.domain.Priority.fromWire(e.getKey()), new dev.helpdesk.domain.SlaPolicy(
                        minutes(e.getValue(), "firstResponseMinutes"), minutes(e.getValue(), "resolutionMinutes"),
                        minutes(e.getValue(), "warningMinutes")))));
        return policies;
    }

    /** The SLA policies as stored, keyed by priority ({@code {}} when none are set). */
    public String slaPoliciesJson() {
        return get(SETTINGS_PK, "SLA").map(i -> i.s("policies")).orElse("{}");
    }

    public void saveSlaPolicies(String policiesJson) {
        dynamo.putItem(b -> b.tableName(table).item(Item.create().put(PK, SETTINGS_PK).put(SK, "SLA")
                .put("policies", policiesJson).values()));
    }

    private static java.time.Duration minutes(com.fasterxml.jackson.databind.JsonNode policy, String field) {
        return policy.hasNonNull(field) ? java.time.Duration.ofMinutes(policy.get(field).asLong()) : null;
    }

    public void saveTeam(Team team) {
        Map<String, Object> rules = Map.of("labels", team.rules().labels(), "segments", team.rules().segments(),
                "sentiments", team.rules().sentiments().stream().map(SentimentLabel::wire).toList());
        dynamo.putItem(b -> b.tableName(table).item(Item.create().put(PK, teamPk(team.teamId())).put(SK, "TEAM")
                .put("teamId", team.teamId()).put("name", team.name()).putList("members", team.members())
                .put("rules", Json.write(rules)).put("order", team.order())
                .put(pk(GSI4), TEAMS).put(sk(GSI4), String.format("%06d#%s", Math.max(0, team.order()), team.teamId())).values()));
    }

    /**
     * Adds the agent at the end of the team's rotation. One conditional append, so it keeps members other writers add
     * or remove at the same time. False when the team is gone or the agent is already a member.
     */
    public boolean addMember(String teamId, String agentId) {
        try {
            dynamo.updateItem(b -> b.tableName(table).key(teamKey(teamId))
                    .updateExpression("SET #members = list_append(#members, :agent)")
                    .conditionExpression("attribute_exists(PK) AND NOT contains(#members, :id)")
                    .expressionAttributeNames(Map.of("#members", "members"))
                    .expressionAttributeValues(Map.of(":agent", AttributeValue.fromL(List.of(AttributeValue.fromS(agentId))),
                            ":id", AttributeValue.fromS(agentId))));
            return true;
        } catch (ConditionalCheckFailedException alreadyOrGone) {
            return false;
        }
    }

    /**
     * Takes the agent out of the team's rotation: removes the element at the position it was read at, on condition
     * that it is still the agent there. False when the agent is not a member (or the team is gone).
     *
     * @throws StoreExceptions.ConcurrentUpdateException when the list moved since it was read (read again and retry)
     */
    public boolean removeMember(String teamId, String agentId) {
        Optional<Item> team = get(teamPk(teamId), "TEAM");
        int index = team.map(t -> t.list("members").indexOf(agentId)).orElse(-1);
        if (index < 0) {
            return false;
        }
        try {
            dynamo.updateItem(b -> b.tableName(table).key(teamKey(teamId))
                    .updateExpression("REMOVE #members[" + index + "]")
                    .conditionExpression("#members[" + index + "] = :id")
                    .expressionAttributeNames(Map.of("#members", "members"))
                    .expressionAttributeValues(Map.of(":id", AttributeValue.fromS(agentId))));
            return true;
        } catch (ConditionalCheckFailedException moved) {
            throw new StoreExceptions.ConcurrentUpdateException("team " + teamId + "'s members changed since they were read");
        }
    }

    private static Map<String, AttributeValue> teamKey(String teamId) {
        return Map.of(PK, AttributeValue.fromS(teamPk(teamId)), SK, AttributeValue.fromS("TEAM"));
    }

    /** Removes a team; its tickets keep their team id until routed again. False when there was none. */
    public boolean deleteTeam(String teamId) {
        var deleted = dynamo.deleteItem(b -> b.tableName(table)
                .key(Map.of(PK, AttributeValue.fromS(teamPk(teamId)), SK, AttributeValue.fromS("TEAM")))
                .returnValues(software.amazon.awssdk.services.dynamodb.model.ReturnValue.ALL_OLD));
        return deleted.attributes() != null && !deleted.attributes().isEmpty();
    }

    /** Every team, in rule order: one query on the TEAMS partition. */
    public List<Team> teams() {
        List<Team> teams = new ArrayList<>();
        dynamo.queryPaginator(q -> q.tableName(table).indexName(GSI4).keyConditionExpression("#pk = :teams")
                        .expressionAttributeNames(Map.of("#pk", pk(GSI4)))
                        .expressionAttributeValues(Map.of(":teams", AttributeValue.fromS(TEAMS))))
                .items().forEach(raw -> {
                    Item i = Item.of(raw);
                    var rules = Json.read(i.s("rules"));
                    Set<String> labels = new HashSet<>();
                    rules.path("labels").forEach(l -> labels.add(l.asText()));
                    Set<String> segments = new HashSet<>();
                    rules.path("segments").forEach(l -> segments.add(l.asText()));
                    Set<SentimentLabel> sentiments = new HashSet<>();
                    rules.path("sentiments").forEach(l -> sentiments.add(SentimentLabel.fromWire(l.asText())));
                    // The id from the key: GSI4 does not project teamId (tickets carry one too, and would then be
                    // rewritten in the index whenever routing sets it).
                    String teamId = i.s(PK).substring(teamPk("").length());
                    teams.add(new Team(teamId, i.s("name"), i.list("members"), new Team.Rules(labels, segments, sentiments),
                            (int) i.n("order")));
                });
        return teams;
    }

    public Rotation rotation(String teamId) {
        return get(rotationPk(teamId), "ROTATION").map(i -> new Rotation(i.s("lastAgentId"), i.n("turn"))).orElse(new Rotation(null, 0));
    }

    private Optional<Item> get(String pk, String sk) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table).consistentRead(true)
                .key(Map.of(PK, AttributeValue.fromS(pk), SK, AttributeValue.fromS(sk)))).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(Item.of(item));
    }
}
