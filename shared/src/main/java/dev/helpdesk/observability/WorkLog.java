package dev.helpdesk.observability;

import org.slf4j.MDC;

/**
 * Names the work in hand in every log line that follows, as fields of the JSON log line ({@code ticketId},
 * {@code customerId}). The fields live until the invocation ends ({@link InvocationLog} clears them).
 */
public final class WorkLog {
    public static final String TICKET_ID = "ticketId";
    public static final String CUSTOMER_ID = "customerId";

    private WorkLog() {
    }

    public static void ticket(String ticketId) {
        put(TICKET_ID, ticketId);
    }

    public static void customer(String customerId) {
        put(CUSTOMER_ID, customerId);
    }

    /** Starts a new piece of work within the invocation (the next record of a batch, the next message). */
    public static void clear() {
        MDC.remove(TICKET_ID);
        MDC.remove(CUSTOMER_ID);
    }

    private static void put(String key, String value) {
        if (value == null) {
            MDC.remove(key);
        } else {
            MDC.put(key, value);
        }
    }
}
