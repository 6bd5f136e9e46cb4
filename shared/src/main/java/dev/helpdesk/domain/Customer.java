package dev.helpdesk.domain;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/** One customer across channels (R-INGEST-3): many identities, segment memberships such as VIP. */
public record Customer(String customerId, String name, List<Identity> identities, Set<String> segments,
                       Instant createdAt) {
    public Customer {
        identities = List.copyOf(identities);
        segments = Set.copyOf(segments);
    }

    public Customer withSegments(Set<String> newSegments) {
        return new Customer(customerId, name, identities, newSegments, createdAt);
    }
}
