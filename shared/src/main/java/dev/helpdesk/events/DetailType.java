package dev.helpdesk.events;

/**
 * Every detail-type published on the helpdesk bus (R-EVENTS), in one place: code names these constants, never the
 * strings; past tense, as subscribers match them. The README's event list documents each with its detail fields.
 */
public final class DetailType {
    public static final String TICKET_RECEIVED = "Ticket Received";
    public static final String TICKET_CREATED = "Ticket Created";
    public static final String CUSTOMER_REPLIED = "Customer Replied";
    public static final String AGENT_REPLIED = "Agent Replied";
    public static final String TICKET_CLASSIFIED = "Ticket Classified";
    public static final String TICKET_ASSIGNED = "Ticket Assigned";
    public static final String TICKET_LEFT_UNASSIGNED = "Ticket Left Unassigned";
    public static final String TICKET_STATUS_CHANGED = "Ticket Status Changed";
    public static final String TICKET_CLOSED = "Ticket Closed";
    public static final String TICKET_REOPENED = "Ticket Reopened";
    public static final String TICKET_SPLIT = "Ticket Split";
    public static final String AGENT_HANDOFF = "Agent Handoff";
    public static final String SLA_BREACHED = "SLA Breached";
    public static final String SLA_WARNING = "SLA Warning";
    public static final String REPLY_DELIVERED = "Reply Delivered";
    public static final String REPLY_DELIVERY_FAILED = "Reply Delivery Failed";
    public static final String TICKET_PURGED = "Ticket Purged";
    public static final String AGENT_AVAILABILITY_CHANGED = "Agent Availability Changed";
    /** A delivered message that could not be stored (its reason and the provider's JSON for it), issue 17. */
    public static final String INBOUND_PARKED = "Inbound Parked";

    private DetailType() {
    }
}
