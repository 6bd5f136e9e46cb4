package dev.helpdesk.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.helpdesk.domain.Customer;
import dev.helpdesk.domain.Identity;
import dev.helpdesk.testing.LocalDynamo;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** R-INGEST-3: one customer profile across channels, each identity claimed by exactly one customer. */
class CustomerStoreTest {
    private static final Instant NOW = Instant.parse("2025-03-10T09:00:00Z");

    private static final DynamoDbClient dynamo = LocalDynamo.sharedClient();
    private String table;
    private CustomerStore customers;

    @BeforeEach
    void freshTable() {
        table = LocalDynamo.freshTable(dynamo);
        customers = new CustomerStore(dynamo, table);
    }

    private long profileCount() {
        return dynamo.scan(b -> b.tableName(table).filterExpression("SK = :p")
                .expressionAttributeValues(java.util.Map.of(":p",
                        software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("PROFILE")))).count();
    }

    @Test
    @DisplayName("R-INGEST-3 a new identity set creates one customer who owns every identity in it")
    void newIdentitiesCreateOneCustomer() {
        Identity email = Identity.email("ann@example.com");
        Identity phone = Identity.phone("+46701234567");
        Customer ann = customers.resolve(List.of(email, phone), "Ann Larsson", NOW);

        assertEquals("Ann Larsson", ann.name());
        assertEquals(Set.of(email, phone), Set.copyOf(ann.identities()));
        assertEquals(ann.customerId(), customers.findByIdentity(email).orElseThrow());
        assertEquals(ann.customerId(), customers.findByIdentity(phone).orElseThrow());
        Customer stored = customers.find(ann.customerId()).orElseThrow();
        assertEquals(Set.copyOf(ann.identities()), Set.copyOf(stored.identities()));
        assertEquals("Ann Larsson", stored.name());
        assertEquals(NOW, stored.createdAt());
        assertEquals(Set.of(), stored.segments());
        assertEquals(1, profileCount());
    }

    @Test
    @DisplayName("R-INGEST-3 different people are different customers")
    void differentIdentitiesAreDifferentCustomers() {
        Customer ann = customers.resolve(List.of(Identity.email("ann@example.com")), "Ann", NOW);
        Customer bob = customers.resolve(List.of(Identity.email("bob@example.com")), "Bob", NOW);
        assertNotEquals(ann.customerId(), bob.customerId());
        assertEquals(2, profileCount());
    }

    @Test
    @DisplayName("R-INGEST-3 the same email in another case resolves to the same customer")
    void sameEmailOtherCaseIsSameCustomer() {
        Customer first = customers.resolve(List.of(Identity.email("Ann@Example.com")), "Ann", NOW);
        Customer second = customers.resolve(List.of(Identity.email(" ANN@EXAMPLE.COM")), "ANN", NOW.plusSeconds(60));
        assertEquals(first.customerId(), second.customerId());
        assertEquals("Ann", second.name(), "the existing profile is returned, not a new one");
        assertEquals(1, profileCount());
    }

    @Test
    @DisplayName("R-INGEST-3 an email + phone message after an email-only one adds the phone to the same customer")
    void phoneIsAddedToExistingCustomer() {
        Identity email = Identity.email("ann@example.com");
        Identity phone = Identity.phone("+46701234567");
        Customer first = customers.resolve(List.of(email), "Ann", NOW);

        Customer second = customers.resolve(List.of(email, phone), "Ann", NOW.plusSeconds(60));
        assertEquals(first.customerId(), second.customerId());
        assertEquals(Set.of(email, phone), Set.copyOf(second.identities()));
        assertEquals(first.customerId(), customers.findByIdentity(phone).orElseThrow());
        assertEquals(Set.of(email, phone), Set.copyOf(customers.find(first.customerId()).orElseThrow().identities()));

        Customer bySms = customers.resolve(List.of(phone), null, NOW.plusSeconds(120));
        assertEquals(first.customerId(), bySms.customerId(), "an SMS from that phone now reaches Ann");
        assertEquals(1, profileCount());
    }

    @Test
    @DisplayName("R-INGEST-3 an identity owned by another customer is never taken over")
    void identityOfAnotherCustomerIsNotTakenOver() {
        Customer ann = customers.resolve(List.of(Identity.email("ann@example.com")), "Ann", NOW);
        Customer bob = customers.resolve(List.of(Identity.phone("+4670000001")), "Bob", NOW);

        Customer resolved = customers.resolve(List.of(Identity.email("ann@example.com"), Identity.phone("+4670000001")),
                "?", NOW);
        assertEquals(ann.customerId(), resolved.customerId());
        assertEquals(bob.customerId(), customers.findByIdentity(Identity.phone("+4670000001")).orElseThrow());
        assertEquals(List.of(Identity.email("ann@example.com")), customers.find(ann.customerId()).orElseThrow().identities());
    }

    @Test
    @DisplayName("a customer needs at least one identity")
    void noIdentitiesIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> customers.resolve(List.of(), "Nobody", NOW));
        assertEquals(0, profileCount());
    }

    @Test
    @Timeout(30)
    @DisplayName("R-INGEST-3 ten messages from one new customer resolved at once make exactly one customer")
    void concurrentResolveOfNewIdentityMakesOneCustomer() throws Exception {
        int threads = 10;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<String>> results = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                results.add(pool.submit(() -> {
                    go.await();
                    return customers.resolve(List.of(Identity.email("new@example.com")), "New", NOW).customerId();
                }));
            }
            go.countDown();
            Set<String> ids = new HashSet<>();
            for (Future<String> f : results) {
                ids.add(f.get(20, TimeUnit.SECONDS));
            }
            assertEquals(1, ids.size(), "customer ids: " + ids);
            assertEquals(ids.iterator().next(), customers.findByIdentity(Identity.email("new@example.com")).orElseThrow());
            assertEquals(1, profileCount());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    @DisplayName("R-INGEST-3 segment memberships round-trip, and can be emptied")
    void segmentsRoundTrip() {
        Customer ann = customers.resolve(List.of(Identity.email("ann@example.com")), "Ann", NOW);

        Customer vip = customers.updateSegments(ann.customerId(), Set.of("VIP", "Nordics"));
        assertEquals(Set.of("VIP", "Nordics"), vip.segments());
        Customer stored = customers.find(ann.customerId()).orElseThrow();
        assertEquals(Set.of("VIP", "Nordics"), stored.segments());
        assertEquals(ann.identities(), stored.identities(), "identities untouched");

        customers.updateSegments(ann.customerId(), Set.of("Nordics"));
        assertEquals(Set.of("Nordics"), customers.find(ann.customerId()).orElseThrow().segments());

        customers.updateSegments(ann.customerId(), Set.of());
        assertEquals(Set.of(), customers.find(ann.customerId()).orElseThrow().segments());
    }

    @Test
    @DisplayName("segments of an unknown customer cannot be set")
    void segmentsOfUnknownCustomerAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> customers.updateSegments("nobody", Set.of("VIP")));
        assertEquals(0, profileCount());
    }
}
