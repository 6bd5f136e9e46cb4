package dev.helpdesk.store;

import static dev.helpdesk.store.TableDesign.*;

import dev.helpdesk.domain.Customer;
import dev.helpdesk.domain.Identity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Customer profiles and the identity claims that map an email, phone or social id to exactly one customer
 * (R-INGEST-3). A claim is its own item written with attribute_not_exists, so two messages from a new
 * customer arriving at once still make one profile.
 */
public final class CustomerStore {
    private static final int MAX_ATTEMPTS = 5;

    private final DynamoDbClient dynamo;
    private final String table;

    public CustomerStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    public Optional<Customer> find(String customerId) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table).consistentRead(true)
                .key(key(customerPk(customerId), "PROFILE"))).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(toCustomer(Item.of(item)));
    }

    /** The number of tickets the customer has (kept on the profile, counted in each ticket's creation). */
    public long ticketCount(String customerId) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table)
                .key(key(customerPk(customerId), "PROFILE")).projectionExpression("ticketCount")).item();
        return item == null ? 0 : Item.of(item).n("ticketCount");
    }

    /** Display names by customer id (list rows show who wrote in), in batched reads of up to 100 ids. */
    public Map<String, String> names(java.util.Collection<String> customerIds) {
        List<Map<String, AttributeValue>> keys = customerIds.stream().distinct()
                .map(id -> key(customerPk(id), "PROFILE")).toList();
        Map<String, String> names = new java.util.HashMap<>();
        for (Map<String, AttributeValue> item : new BatchWrites(dynamo, table)
                .get(keys, "customerId, #name", Map.of("#name", "name"), "customer names")) {
            if (item.containsKey("name")) {
                names.put(item.get("customerId").s(), item.get("name").s());
            }
        }
        return names;
    }

    public Optional<String> findByIdentity(Identity identity) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table).consistentRead(true)
                .key(key(identityPk(identity.key()), "IDENTITY"))).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(item.get("customerId").s());
    }

    /**
     * The customer who owns any of these identities, or a new customer who claims them all. Identities not yet
     * claimed by anyone are added to the found customer.
     */
    public Customer resolve(List<Identity> identities, String name, Instant now) {
        if (identities.isEmpty()) {
            throw new IllegalArgumentException("a customer needs at least one identity");
        }
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            for (Identity identity : identities) {
                Optional<String> owner = findByIdentity(identity);
                if (owner.isPresent()) {
                    Customer customer = find(owner.get()).orElseThrow(() ->
                            new IllegalStateException("identity " + identity.key() + " points at a missing customer"));
                    return claimMissing(customer, identities);
                }
            }
            Customer created = new Customer(UUID.randomUUID().toString(), name, identities, Set.of(), now);
            List<TransactWriteItem> writes = new ArrayList<>();
            writes.add(TransactWriteItem.builder().put(p -> p.tableName(table).item(toItem(created).values())
                    .conditionExpression("attribute_not_exists(PK)")).build());
            for (Identity identity : identities) {
                writes.add(TransactWriteItem.builder().put(p -> p.tableName(table)
                        .item(claimItem(identity, created.customerId()).values())
                        .conditionExpression("attribute_not_exists(PK)")).build());
            }
            try {
                dynamo.transactWriteItems(b -> b.transactItems(writes));
                return created;
            } catch (TransactionCanceledException raced) {
                // Another message from the same new customer claimed an identity first: look it up again.
            }
        }
        throw new IllegalStateException("could not resolve customer for " + identities + " after " + MAX_ATTEMPTS + " attempts");
    }

    public Customer updateSegments(String customerId, Set<String> segments) {
        Customer customer = find(customerId).orElseThrow(() -> new IllegalArgumentException("no customer " + customerId));
        Customer updated = customer.withSegments(segments);
        Map<String, AttributeValue> values = segments.isEmpty() ? Map.of()
                : Map.of(":s", AttributeValue.fromSs(List.copyOf(segments)));
        // "segments" is a DynamoDB reserved word: it must go through an attribute name placeholder.
        dynamo.updateItem(b -> b.tableName(table).key(key(customerPk(customerId), "PROFILE"))
                .updateExpression(segments.isEmpty() ? "REMOVE #segments" : "SET #segments = :s")
                .expressionAttributeNames(Map.of("#segments", "segments"))
                .expressionAttributeValues(values.isEmpty() ? null : values));
        return updated;
    }

    private Customer claimMissing(Customer customer, List<Identity> identities) {
        List<Identity> added = new ArrayList<>();
        for (Identity identity : identities) {
            if (customer.identities().contains(identity)) {
                continue;
            }
            try {
                dynamo.putItem(b -> b.tableName(table).item(claimItem(identity, customer.customerId()).values())
                        .conditionExpression("attribute_not_exists(PK)"));
                added.add(identity);
            } catch (ConditionalCheckFailedException claimedByAnother) {
                // The identity belongs to another customer; merging customers is a deliberate act, not a side effect.
            }
        }
        if (added.isEmpty()) {
            return customer;
        }
        dynamo.updateItem(b -> b.tableName(table).key(key(customerPk(customer.customerId()), "PROFILE"))
                .updateExpression("ADD identities :i")
                .expressionAttributeValues(Map.of(":i", AttributeValue.fromSs(added.stream().map(Identity::key).toList()))));
        List<Identity> all = new ArrayList<>(customer.identities());
        all.addAll(added);
        return new Customer(customer.customerId(), customer.name(), all, customer.segments(), customer.createdAt());
    }

    private static Item claimItem(Identity identity, String customerId) {
        return Item.create().put(PK, identityPk(identity.key())).put(SK, "IDENTITY").put("customerId", customerId);
    }

    private static Item toItem(Customer c) {
        return Item.create().put(PK, customerPk(c.customerId())).put(SK, "PROFILE")
                .put("customerId", c.customerId()).put("name", c.name())
                .putSet("identities", c.identities().stream().map(Identity::key).toList())
                .putSet("segments", c.segments()).put("createdAt", c.createdAt());
    }

    private static Customer toCustomer(Item i) {
        List<Identity> identities = i.set("identities").stream().sorted().map(CustomerStore::parseIdentity).toList();
        return new Customer(i.s("customerId"), i.s("name"), identities, i.set("segments"), i.time("createdAt"));
    }

    private static Identity parseIdentity(String key) {
        int colon = key.indexOf(':');
        return new Identity(Identity.Kind.valueOf(key.substring(0, colon).toUpperCase(Locale.ROOT)), key.substring(colon + 1));
    }

    private static Map<String, AttributeValue> key(String pk, String sk) {
        return Map.of(PK, AttributeValue.fromS(pk), SK, AttributeValue.fromS(sk));
    }
}
