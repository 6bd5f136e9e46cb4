package dev.helpdesk.domain;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A ticket: one conversation with one customer on one channel. Immutable; every change makes a new value
 * with {@code version} unchanged, and the store writes it only if the stored version is still the one read
 * (optimistic concurrency, R-STATUS-7).
 *
 * @param restoreStatus the status a Spam or Deleted ticket returns to on restore; null otherwise
 * @param postponedUntil when a Postponed ticket wakes; null otherwise
 * @param conversationKey the channel's conversation this ticket threads (e.g. {@code chat:<conversationId>})
 * @param classifiedThrough the last customer message the stored classification read ({@code <sortable time>#<messageId>}):
 *                          a reading of fewer messages never replaces it (issue 16, ordering)
 */
public record Ticket(
        String ticketId,
        long number,
        String subject,
        Status status,
        String customStatus,
        Priority priority,
        Channel channel,
        String customerId,
        String assigneeId,
        String teamId,
        Sentiment sentiment,
        List<String> labels,
        Instant createdAt,
        Instant updatedAt,
        Instant lastInteractionAt,
        Instant closedAt,
        Instant postponedUntil,
        Status restoreStatus,
        String conversationKey,
        long version,
        SlaClock sla,
        String classifiedThrough) {

    public Ticket {
        Objects.requireNonNull(ticketId, "ticketId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(createdAt, "createdAt");
        priority = priority == null ? Priority.NORMAL : priority;
        labels = labels == null ? List.of() : List.copyOf(labels);
        subject = subject == null ? "" : subject;
    }

    /** A New ticket as a customer's first message creates it. */
    public static Ticket open(String ticketId, long number, String subject, Channel channel, String customerId,
                              String conversationKey, Instant at) {
        return new Ticket(ticketId, number, subject, Status.NEW, null, Priority.NORMAL, channel, customerId, null,
                null, null, List.of(), at, at, at, null, null, null, conversationKey, 0L, SlaClock.startedAt(at), null);
    }

    /** Applies a lifecycle move: status, the fields that go with it, and the times. */
    public Ticket moved(Lifecycle.Move move, Instant at) {
        Status to = move.to();
        Instant closed = to == Status.RESOLVED ? at : (to.isRemoved() ? closedAt : null);
        // A Spam/Deleted ticket keeps its wake-up time so that restoring a Postponed ticket still wakes it.
        Instant until = to == Status.POSTPONED ? (move.until() != null ? move.until() : postponedUntil)
                : to.isRemoved() ? postponedUntil : null;
        Status restore = to.isRemoved() ? (status.isRemoved() ? restoreStatus : status) : null;
        String custom = move.customStatus() != null ? move.customStatus() : (to == status ? customStatus : null);
        SlaClock clock = sla == null ? null : (to == Status.NEW || to == Status.OPEN ? sla.resume(at) : sla.pause(at));
        return new Ticket(ticketId, number, subject, to, custom, priority, channel, customerId, assigneeId, teamId,
                sentiment, labels, createdAt, at, move.interaction() ? at : lastInteractionAt, closed, until, restore,
                conversationKey, version, clock, classifiedThrough);
    }

    /** Only the update time moves (an internal note, for instance). */
    public Ticket touched(Instant at) {
        return new Ticket(ticketId, number, subject, status, customStatus, priority, channel, customerId, assigneeId, teamId,
                sentiment, labels, createdAt, at, lastInteractionAt, closedAt, postponedUntil, restoreStatus, conversationKey,
                version, sla, classifiedThrough);
    }

    public Ticket withAssignee(String newAssigneeId, String newTeamId, Instant at) {
        return new Ticket(ticketId, number, subject, status, customStatus, priority, channel, customerId,
                newAssigneeId, newTeamId, sentiment, labels, createdAt, at, lastInteractionAt, closedAt,
                postponedUntil, restoreStatus, conversationKey, version, sla, classifiedThrough);
    }

    public Ticket withClassification(Sentiment newSentiment, List<String> newLabels, Instant at) {
        return withClassification(newSentiment, newLabels, at, classifiedThrough);
    }

    /** The classification of a reading that went up to message {@code through}. */
    public Ticket withClassification(Sentiment newSentiment, List<String> newLabels, Instant at, String through) {
        return new Ticket(ticketId, number, subject, status, customStatus, priority, channel, customerId, assigneeId,
                teamId, newSentiment, newLabels, createdAt, at, lastInteractionAt, closedAt, postponedUntil,
                restoreStatus, conversationKey, version, sla, through);
    }

    /**
     * True when the stored classification read messages after {@code through}: a reading only up to it is older and
     * must not replace it. (A reading of the same messages may: a reopen or a split asks for a fresh look.)
     */
    public boolean classifiedBeyond(String through) {
        return classifiedThrough != null && through != null && classifiedThrough.compareTo(through) > 0;
    }

    public Ticket withPriority(Priority newPriority, Instant at) {
        return new Ticket(ticketId, number, subject, status, customStatus, newPriority, channel, customerId,
                assigneeId, teamId, sentiment, labels, createdAt, at, lastInteractionAt, closedAt, postponedUntil,
                restoreStatus, conversationKey, version, sla, classifiedThrough);
    }

    /** The same ticket as stored at {@code newVersion}; only the store calls this after a successful write. */
    public Ticket atVersion(long newVersion) {
        return new Ticket(ticketId, number, subject, status, customStatus, priority, channel, customerId, assigneeId,
                teamId, sentiment, labels, createdAt, updatedAt, lastInteractionAt, closedAt, postponedUntil,
                restoreStatus, conversationKey, newVersion, sla, classifiedThrough);
    }

    /** The same ticket with its SLA clock replaced (a first response, a reported warning). */
    public Ticket withSla(SlaClock clock) {
        return new Ticket(ticketId, number, subject, status, customStatus, priority, channel, customerId, assigneeId, teamId,
                sentiment, labels, createdAt, updatedAt, lastInteractionAt, closedAt, postponedUntil, restoreStatus,
                conversationKey, version, clock, classifiedThrough);
    }

    public boolean isUnassigned() {
        return assigneeId == null;
    }
}
