package dev.helpdesk.app;

import dev.helpdesk.domain.Ticket;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One entry of a customer's ticket history (R-HIST-1): the ticket fields plus who handled it, by name, and the
 * status as agents see it (the custom status's name when one is set).
 */
public final class HistoryViews {
    public static final String UNASSIGNED = "Unassigned";

    private HistoryViews() {
    }

    public static Map<String, Object> entry(Ticket ticket, Map<String, String> agentNames) {
        Map<String, Object> json = new LinkedHashMap<>(TicketViews.ticket(ticket));
        json.put("assigneeName", ticket.assigneeId() == null ? UNASSIGNED
                : agentNames.getOrDefault(ticket.assigneeId(), ticket.assigneeId()));
        json.put("statusName", ticket.customStatus() != null ? ticket.customStatus() : ticket.status().wire());
        return json;
    }
}
