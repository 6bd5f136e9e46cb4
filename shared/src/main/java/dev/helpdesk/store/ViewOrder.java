package dev.helpdesk.store;

/**
 * The orders a view can be read in (R-ASSIGN-7). Each is served by an index whose sort key already is that order,
 * so a page is one query per partition whatever the view's size.
 */
public enum ViewOrder {
    /** Newest created first (GSI3/GSI4, descending). */
    NEWEST,
    /** Oldest created first (GSI3/GSI4, ascending). */
    OLDEST,
    /**
     * Most upset first (GSI6/GSI7, ascending): by label (Urgent, Negative, Neutral, Positive, Promoter), then by
     * score, lowest first, then the longest waiting; tickets not yet classified come last.
     */
    SENTIMENT;

    public static ViewOrder fromWire(String value) {
        for (ViewOrder order : values()) {
            if (order.name().equalsIgnoreCase(value)) {
                return order;
            }
        }
        throw new IllegalArgumentException("unknown sort: " + value);
    }
}
