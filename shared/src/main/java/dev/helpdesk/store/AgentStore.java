package dev.helpdesk.store;

import static dev.helpdesk.store.TableDesign.*;

import dev.helpdesk.domain.Agent;
import dev.helpdesk.domain.Role;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;

/** Registered agents: who they are (name, role, teams) and whether they are Online. */
public final class AgentStore {
    private static final int BATCH = 100;

    private final DynamoDbClient dynamo;
    private final String table;

    public AgentStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    /** Registers or updates an agent's record; availability is kept as it was (only the agent sets it). */
    public void register(Agent agent) {
        dynamo.updateItem(b -> b.tableName(table).key(key(agent.agentId()))
                // Every name through a placeholder: several (name, role, online) are DynamoDB reserved words.
                .updateExpression("SET #agentId = :id, #name = :name, #email = :email, #role = :role, #seniority = :seniority, "
                        + "#online = if_not_exists(#online, :offline), #listPk = :agents, #listSk = :id REMOVE #teams")
                .expressionAttributeNames(Map.of("#agentId", "agentId", "#name", "name", "#email", "email", "#role", "role",
                        "#seniority", "seniority", "#teams", "teams", "#online", "online", "#listPk", pk(GSI4), "#listSk", sk(GSI4)))
                .expressionAttributeValues(Map.of(":id", AttributeValue.fromS(agent.agentId()),
                        ":name", AttributeValue.fromS(agent.name()),
                        ":email", agent.email() == null ? AttributeValue.fromNul(true) : AttributeValue.fromS(agent.email()),
                        ":role", AttributeValue.fromS(agent.role().wire()),
                        ":seniority", agent.seniority() == null ? AttributeValue.fromNul(true) : AttributeValue.fromS(agent.seniority()),
                        ":offline", AttributeValue.fromBool(false), ":agents", AttributeValue.fromS(AGENTS))));
    }

    /** What a presence write found. */
    public enum Presence { NOT_REGISTERED, CHANGED, UNCHANGED }

    /**
     * Sets an agent's own availability (R-ASSIGN-4) and, when Online, the time of this heartbeat: presence lapses if
     * heartbeats stop ({@link #lapse}). One small update; a heartbeat that changes nothing but the time costs one write
     * unit, since no index projects the time (issue 16: cheap presence). The answer says whether availability really
     * changed, so only a real change announces itself and drains the queue.
     */
    public Presence setOnline(String agentId, boolean online, java.time.Instant at) {
        try {
            var response = dynamo.updateItem(b -> b.tableName(table).key(key(agentId))
                    .updateExpression("SET #online = :online, #seen = :seen")
                    .conditionExpression("attribute_exists(PK)")
                    .expressionAttributeNames(Map.of("#online", "online", "#seen", "lastSeenAt"))
                    .expressionAttributeValues(Map.of(":online", AttributeValue.fromBool(online),
                            ":seen", AttributeValue.fromS(SortableTime.format(at))))
                    .returnValues(software.amazon.awssdk.services.dynamodb.model.ReturnValue.UPDATED_OLD));
            AttributeValue was = response.attributes() == null ? null : response.attributes().get("online");
            return was != null && Boolean.valueOf(online).equals(was.bool()) ? Presence.UNCHANGED : Presence.CHANGED;
        } catch (software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException notRegistered) {
            return Presence.NOT_REGISTERED;
        }
    }

    /**
     * Agents shown Online whose last heartbeat is older than {@code before}: their presence has lapsed. The set
     * is marked Offline only if still Online with that same heartbeat (a fresh one in between wins).
     */
    public List<String> lapse(java.time.Instant before) {
        List<String> lapsed = new ArrayList<>();
        dynamo.queryPaginator(q -> q.tableName(table).indexName(GSI4).keyConditionExpression("#pk = :agents")
                        .expressionAttributeNames(Map.of("#pk", pk(GSI4)))
                        .expressionAttributeValues(Map.of(":agents", AttributeValue.fromS(AGENTS))))
                .items().forEach(raw -> {
                    if (!Item.of(raw).bool("online")) {
                        return;
                    }
                    // The heartbeat time is on the agent's item only (no index copies it), so read it there.
                    Item i = Item.of(dynamo.getItem(g -> g.tableName(table).key(key(Item.of(raw).s("agentId")))).item());
                    String seen = i.s("lastSeenAt");
                    if (i.bool("online") && (seen == null || SortableTime.parse(seen).isBefore(before))) {
                        try {
                            dynamo.updateItem(b -> b.tableName(table).key(key(i.s("agentId")))
                                    .updateExpression("SET #online = :false")
                                    .conditionExpression(seen == null ? "attribute_not_exists(#seen)" : "#seen = :seen")
                                    .expressionAttributeNames(Map.of("#online", "online", "#seen", "lastSeenAt"))
                                    .expressionAttributeValues(seen == null ? Map.of(":false", AttributeValue.fromBool(false))
                                            : Map.of(":false", AttributeValue.fromBool(false), ":seen", AttributeValue.fromS(seen))));
                            lapsed.add(i.s("agentId"));
                        } catch (software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException heartbeatArrived) {
                            // A heartbeat came in meanwhile: still Online.
                        }
                    }
                });
        return lapsed;
    }

    /** Every registered agent: one query on the AGENTS partition of GSI4 (consistent enough: agents change rarely). */
    public List<Agent> all() {
        List<Agent> agents = new ArrayList<>();
        dynamo.queryPaginator(q -> q.tableName(table).indexName(GSI4).keyConditionExpression("#pk = :agents")
                        .expressionAttributeNames(Map.of("#pk", pk(GSI4)))
                        .expressionAttributeValues(Map.of(":agents", AttributeValue.fromS(AGENTS))))
                .items().forEach(item -> agents.add(toAgent(Item.of(item))));
        return agents;
    }

    public Optional<Agent> find(String agentId) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table).key(key(agentId)).consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(toAgent(Item.of(item)));
    }

    /**
     * Every registered agent with the time of their last heartbeat: the AGENTS index query, then one batched read per
     * 100 agents of that time, which no index projects so that a heartbeat stays a one-unit write.
     */
    public List<Agent> allWithLastSeen() {
        List<Agent> agents = all();
        Map<String, String> seen = attribute(agents.stream().map(Agent::agentId).toList(), "lastSeenAt");
        return agents.stream().map(a -> seen.get(a.agentId()) == null ? a : new Agent(a.agentId(), a.name(), a.email(), a.role(),
                a.seniority(), a.online(), SortableTime.parse(seen.get(a.agentId())))).toList();
    }

    /** Display names by agent id, in one batched read per 100 ids (history pages show who handled each ticket). */
    public Map<String, String> names(Collection<String> agentIds) {
        return attribute(agentIds, "name");
    }

    /** One string attribute of each of these agents' items, by agent id (absent when the item or attribute is). */
    private Map<String, String> attribute(Collection<String> agentIds, String attribute) {
        Map<String, String> values = new HashMap<>();
        List<String> ids = agentIds.stream().distinct().toList();
        for (int from = 0; from < ids.size(); from += BATCH) {
            List<Map<String, AttributeValue>> keys = new ArrayList<>();
            ids.subList(from, Math.min(ids.size(), from + BATCH)).forEach(id -> keys.add(key(id)));
            Map<String, KeysAndAttributes> pending = Map.of(table, KeysAndAttributes.builder().keys(keys)
                    .projectionExpression("agentId, #value").expressionAttributeNames(Map.of("#value", attribute)).build());
            // Keys DynamoDB leaves unprocessed (throttling) are asked for again, a few times.
            for (int attempt = 0; attempt < 5 && !pending.isEmpty(); attempt++) {
                Map<String, KeysAndAttributes> request = pending;
                var response = dynamo.batchGetItem(b -> b.requestItems(request));
                response.responses().getOrDefault(table, List.of()).stream().filter(item -> item.get(attribute) != null)
                        .forEach(item -> values.put(item.get("agentId").s(), item.get(attribute).s()));
                pending = response.unprocessedKeys() == null ? Map.of() : response.unprocessedKeys();
            }
        }
        return values;
    }

    private static Map<String, AttributeValue> key(String agentId) {
        return Map.of(PK, AttributeValue.fromS(agentPk(agentId)), SK, AttributeValue.fromS("AGENT"));
    }

    private static Agent toAgent(Item i) {
        return new Agent(i.s("agentId"), i.s("name"), i.s("email"), Role.fromWire(i.s("role")), i.s("seniority"),
                i.bool("online"),
                i.s("lastSeenAt") == null ? null : SortableTime.parse(i.s("lastSeenAt")));
    }
}
