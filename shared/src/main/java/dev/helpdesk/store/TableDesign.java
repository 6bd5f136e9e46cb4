package dev.helpdesk.store;

import dev.helpdesk.domain.Status;
import dev.helpdesk.domain.Ticket;
import java.time.Instant;

/**
 * The single-table design, in one place. Every key the code writes or queries is built here; the README's
 * table of keys and indexes documents the same.
 *
 * <pre>
 * item                PK                         SK                          indexes
 * ticket              TICKET#id                  TICKET                      GSI1..GSI4, GSI6, GSI7 (keys only)
 * message / reply     TICKET#id                  MSG#time#messageId          (may carry its action's change)
 * internal note       TICKET#id                  NOTE#time#messageId
 * timeline entry      TICKET#id                  TL#time#nn#changeId
 * timer               TICKET#id                  TIMER#kind                  GSI5 (DUE)
 * customer            CUSTOMER#id                PROFILE
 * identity claim      IDENTITY#kind:value        IDENTITY
 * conversation        CONVERSATION#key           CONVERSATION
 * inbound (dedupe)    INBOUND#channel#providerId INBOUND
 * email thread ref    REF#message-id             REF
 * ticket number       TICKETNO#number            TICKETNO
 * reply delivery      DELIVERY#messageId         DELIVERY
 * agent               AGENT#id                   AGENT                       GSI4 (AGENTS)
 * team                TEAM#id                    TEAM                        GSI4 (TEAMS)
 * rotation cursor     ROTATION#teamId            ROTATION
 * workspace settings  SETTINGS                   ASSIGNMENT | OFFICE_HOURS
 * counter             COUNTER#name               COUNTER
 * </pre>
 */
public final class TableDesign {
    public static final String PK = "PK";
    public static final String SK = "SK";
    /** Customer history, newest/oldest: CUSTOMER#id → createdAt#ticketId. */
    public static final String GSI1 = "GSI1";
    /** Customer history by phase ({@link #phase}): CUSTOMER#id#phase → createdAt#ticketId. */
    public static final String GSI2 = "GSI2";
    /** Views by assignee and phase (UNASSIGNED for none): ASSIGNEE#id#phase → createdAt#ticketId. */
    public static final String GSI3 = "GSI3";
    /** All tickets by phase: STATUS#phase → createdAt#ticketId. */
    public static final String GSI4 = "GSI4";
    /** Due work (postpone wake-ups, SLA deadlines, classification retries): DUE → dueAt#kind#ticketId#id. */
    public static final String GSI5 = "GSI5";
    /** Views by assignee and phase, most upset first: ASSIGNEE#id#phase → sentimentOrder. */
    public static final String GSI6 = "GSI6";
    /** All tickets by phase, most upset first: STATUS#phase → sentimentOrder. */
    public static final String GSI7 = "GSI7";
    public static final String[] INDEXES = {GSI1, GSI2, GSI3, GSI4, GSI5, GSI6, GSI7};

    /**
     * What each index projects. The ticket indexes hold keys only: a ticket write that does not move a ticket in an
     * index (a reply, a note, a timestamp) then costs that index nothing, where a copy of every attribute would be
     * rewritten on every change; a page reads the keys and fetches the tickets themselves ({@link MergedQuery}).
     * GSI4 also lists agents and teams, so it carries their attributes (which no ticket has); GSI5's entries
     * are written once and deleted, so a full copy costs nothing extra and spares the sweeps a fetch.
     */
    public enum Projected { ALL, KEYS_ONLY, INCLUDE }

    /** The attributes GSI4 projects besides the keys: an agent's ({@link AgentStore}) and a team's ({@link WorkspaceStore}). */
    public static final java.util.List<String> GSI4_ATTRIBUTES = java.util.List.of(
            "agentId", "name", "email", "role", "seniority", "teams", "online", "members", "rules", "order");

    public static Projected projection(String index) {
        return switch (index) {
            case GSI4 -> Projected.INCLUDE;
            case GSI5 -> Projected.ALL;
            default -> Projected.KEYS_ONLY;
        };
    }

    /** The non-key attributes an INCLUDE index projects (empty for the others). */
    public static java.util.List<String> projectedAttributes(String index) {
        return projection(index) == Projected.INCLUDE ? GSI4_ATTRIBUTES : java.util.List.of();
    }

    public static final String TICKET_SK = "TICKET";
    public static final String UNASSIGNED = "UNASSIGNED";
    public static final String DUE = "DUE";
    /** DynamoDB's TTL attribute (the template enables TTL on it): epoch seconds. */
    public static final String EXPIRES_AT = "expiresAt";

    private TableDesign() {
    }

    /**
     * An index's partition key attribute. Indexes that partition alike share one attribute (GSI3 and GSI6 by
     * assignee, GSI4 and GSI7 by phase), and those that sort alike share one sort key (GSI1 to GSI4 by creation,
     * GSI6 and GSI7 by upset-ness), so a ticket item carries six key attributes, not twelve: a smaller item costs
     * fewer write units on every write (issue 16).
     */
    public static String pk(String index) {
        return switch (index) {
            case GSI1 -> "customerKey";
            case GSI2 -> "historyKey";
            case GSI3, GSI6 -> "assigneeKey";
            case GSI4, GSI7 -> "listKey";
            default -> index + "PK";
        };
    }

    /** An index's sort key attribute (see {@link #pk}). */
    public static String sk(String index) {
        return switch (index) {
            case GSI1, GSI2, GSI3, GSI4 -> "orderKey";
            case GSI6, GSI7 -> "upsetKey";
            default -> index + "SK";
        };
    }

    /** True for an attribute some index is keyed on. */
    public static boolean isIndexKey(String attribute) {
        for (String index : INDEXES) {
            if (pk(index).equals(attribute) || sk(index).equals(attribute)) {
                return true;
            }
        }
        return false;
    }

    public static String ticketPk(String ticketId) {
        return "TICKET#" + ticketId;
    }

    public static String messageSk(Instant at, String messageId, boolean note) {
        return (note ? "NOTE#" : "MSG#") + SortableTime.format(at) + "#" + messageId;
    }

    public static String timelineSk(Instant at, int sequence, String id) {
        return "TL#" + SortableTime.format(at) + "#" + String.format("%02d", sequence) + "#" + id;
    }

    public static String timerSk(String kind) {
        return "TIMER#" + kind;
    }

    public static String customerPk(String customerId) {
        return "CUSTOMER#" + customerId;
    }

    public static String identityPk(String identityKey) {
        return "IDENTITY#" + identityKey;
    }

    public static String conversationPk(String conversationKey) {
        return "CONVERSATION#" + conversationKey;
    }

    public static String inboundPk(String channel, String providerMessageId) {
        return "INBOUND#" + channel + "#" + providerMessageId;
    }

    public static String threadRefPk(String messageId) {
        return "REF#" + messageId;
    }

    public static String deliveryPk(String messageId) {
        return "DELIVERY#" + messageId;
    }

    public static String ticketNumberPk(long number) {
        return "TICKETNO#" + number;
    }

    public static String agentPk(String agentId) {
        return "AGENT#" + agentId;
    }

    public static String teamPk(String teamId) {
        return "TEAM#" + teamId;
    }

    public static String rotationPk(String teamId) {
        return "ROTATION#" + teamId;
    }

    public static final String SETTINGS_PK = "SETTINGS";
    /** GSI4 partitions that list every agent and every team (one small item each: a query, not a scan). */
    public static final String AGENTS = "AGENTS";
    public static final String TEAMS = "TEAMS";

    public static String counterPk(String name) {
        return "COUNTER#" + name;
    }

    /** The sort key shared by the ticket indexes: creation time, then id for a stable order. */
    public static String ticketOrder(Ticket ticket) {
        return SortableTime.format(ticket.createdAt()) + "#" + ticket.ticketId();
    }

    /**
     * The sentiment views' sort key, ascending = most upset first: the label's rank (Urgent 0 … Promoter 4, not yet
     * classified 9), the score (00..10), then creation time and id, so equally upset customers who waited longest
     * come first.
     */
    public static String sentimentOrder(Ticket ticket) {
        String rank = ticket.sentiment() == null ? "9-99"
                : ticket.sentiment().label().ordinal() + "-" + String.format("%02d", ticket.sentiment().score());
        return rank + "#" + ticketOrder(ticket);
    }

    public static String customerHistory(String customerId) {
        return "CUSTOMER#" + customerId;
    }

    /**
     * The part of a ticket's life its index entries are filed under (issue 16): every active status (New, Open,
     * Answered, Postponed) shares one, so the everyday moves between them (a reply, the customer's answer, a
     * postponement) leave every index untouched and cost no index writes; Resolved, Spam and Deleted each have their
     * own. A page of some active statuses reads the active partition and keeps those statuses.
     */
    public static String phase(Status status) {
        return status.isActive() ? "Active" : status.wire();
    }

    /** The phases that hold these statuses, in a stable order (a cursor refers to partitions by position). */
    public static java.util.List<String> phases(java.util.Set<Status> statuses) {
        return statuses.stream().map(TableDesign::phase).distinct().sorted().toList();
    }

    public static String customerHistory(String customerId, String phase) {
        return "CUSTOMER#" + customerId + "#" + phase;
    }

    public static String customerHistory(String customerId, Status status) {
        return customerHistory(customerId, phase(status));
    }

    public static String assigneeView(String assigneeId, String phase) {
        return "ASSIGNEE#" + (assigneeId == null ? UNASSIGNED : assigneeId) + "#" + phase;
    }

    public static String assigneeView(String assigneeId, Status status) {
        return assigneeView(assigneeId, phase(status));
    }

    public static String statusView(String phase) {
        return "STATUS#" + phase;
    }

    public static String statusView(Status status) {
        return statusView(phase(status));
    }

    public static String dueOrder(Instant dueAt, String kind, String ticketId, String id) {
        return SortableTime.format(dueAt) + "#" + kind + "#" + ticketId + "#" + id;
    }
}
