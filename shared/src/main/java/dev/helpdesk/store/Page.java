package dev.helpdesk.store;

import java.util.List;

/** One page of a query: the items and an opaque cursor for the next page (null on the last page). */
public record Page<T>(List<T> items, String cursor) {
    public Page {
        items = List.copyOf(items);
    }
}
