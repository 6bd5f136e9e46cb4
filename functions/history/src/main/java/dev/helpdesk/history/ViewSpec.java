package dev.helpdesk.history;

import dev.helpdesk.domain.Status;
import dev.helpdesk.domain.Ticket;
import dev.helpdesk.http.ApiException;
import dev.helpdesk.store.ViewOrder;
import dev.helpdesk.store.WorkspaceStore.SavedView;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * What a view shows (R-ASSIGN-7): the list (mine, all, unassigned), the order, the statuses (active ones when
 * empty) and the filters on sentiment, channel, team and AI label. Read from query parameters or from a saved view's
 * filters, checked the same way either way; a bad value is a 400 naming the parameter.
 */
record ViewSpec(String view, ViewOrder order, Set<Status> statuses, Predicate<Ticket> keep) {

    /** {@code param}: a parameter's raw value by name (comma lists allowed), empty when absent. */
    static ViewSpec from(Function<String, Optional<String>> param) {
        String view = param.apply("view").orElse("all");
        if (!Set.of("mine", "all", "unassigned").contains(view)) {
            throw ApiException.badRequest("invalid_parameter", "'view' must be mine, all or unassigned");
        }
        ViewOrder order;
        try {
            order = ViewOrder.fromWire(param.apply("sort").orElse("newest"));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("invalid_parameter", "'sort' must be newest, oldest or sentiment");
        }
        Set<Status> statuses = statuses(param);
        Set<String> sentiments = list(param, "sentiment");
        Set<String> channels = list(param, "channel");
        Set<String> teams = list(param, "team");
        Set<String> labels = list(param, "label");
        Predicate<Ticket> keep = t ->
                (sentiments.isEmpty() || (t.sentiment() != null && sentiments.contains(t.sentiment().label().wire())))
                        && (channels.isEmpty() || channels.contains(t.channel().wire()))
                        && (teams.isEmpty() || (t.teamId() != null && teams.contains(t.teamId())))
                        && (labels.isEmpty() || t.labels().stream().anyMatch(labels::contains));
        return new ViewSpec(view, order, statuses, keep);
    }

    /** A saved view's list and filters, overridden by any parameter {@code explicit} gives. */
    static ViewSpec of(SavedView saved, Function<String, Optional<String>> explicit) {
        Map<String, List<String>> filters = saved.filters();
        return from(name -> explicit.apply(name).or(() -> name.equals("view") ? Optional.of(saved.view())
                : Optional.ofNullable(filters.get(name)).map(values -> String.join(",", values))));
    }

    private static Set<String> list(Function<String, Optional<String>> param, String name) {
        Set<String> values = new TreeSet<>();
        param.apply(name).ifPresent(v -> {
            for (String part : v.split(",")) {
                if (!part.isBlank()) {
                    values.add(part.strip());
                }
            }
        });
        return values;
    }

    /** The {@code status} parameter (a comma list) as statuses; empty when absent. */
    static Set<Status> statuses(Function<String, Optional<String>> param) {
        Set<Status> statuses = new TreeSet<>();
        for (String value : list(param, "status")) {
            try {
                statuses.add(Status.fromWire(value));
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest("invalid_parameter", "'status' takes New, Answered, Open, Resolved, Postponed, Spam, Deleted");
            }
        }
        return statuses;
    }
}
