package dev.helpdesk.app;

/**
 * Where an inbound message was stored.
 *
 * @param duplicate true when the provider had delivered this message before and nothing new was stored
 */
public record IngestResult(String ticketId, String messageId, boolean createdTicket, boolean duplicate) {
}
