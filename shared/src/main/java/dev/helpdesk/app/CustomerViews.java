package dev.helpdesk.app;

import dev.helpdesk.domain.Customer;
import dev.helpdesk.domain.Identity;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** A customer as the API shows it: profile, identities, segments, ticket count. */
public final class CustomerViews {
    private CustomerViews() {
    }

    public static Map<String, Object> customer(Customer c, long ticketCount) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("customerId", c.customerId());
        json.put("name", c.name());
        List<Map<String, String>> identities = c.identities().stream()
                .map(i -> Map.of("type", i.kind().name().toLowerCase(Locale.ROOT), "value", i.value())).toList();
        json.put("identities", identities);
        json.put("emails", values(c, Identity.Kind.EMAIL));
        json.put("phones", values(c, Identity.Kind.PHONE));
        json.put("segments", c.segments().stream().sorted().toList());
        json.put("ticketCount", ticketCount);
        json.put("createdAt", c.createdAt() == null ? null : c.createdAt().toString());
        return json;
    }

    private static List<String> values(Customer c, Identity.Kind kind) {
        return c.identities().stream().filter(i -> i.kind() == kind).map(Identity::value).toList();
    }
}
