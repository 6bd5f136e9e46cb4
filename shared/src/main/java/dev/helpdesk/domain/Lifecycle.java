package dev.helpdesk.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * The ticket status lifecycle (R-STATUS-1, R-STATUS-2) as a pure state machine: given a ticket's status and
 * an action, the outcome is a {@link Move} to a status, a {@link Stay} (nothing changes), a {@link NewTicket}
 * (the customer's message must start a fresh ticket) or a {@link Refusal} with the reason. No I/O, no clock.
 */
public final class Lifecycle {

    private Lifecycle() {
    }

    /** What someone does to a ticket. Postpone carries its {@code until}; status changes may carry a custom status name. */
    public sealed interface Action permits CustomerReply, AgentReply, Resolve, Reopen, Postpone, PostponeDue, MarkSpam,
            Delete, Restore, Purge {
    }

    public record CustomerReply() implements Action { }
    public record AgentReply() implements Action { }
    public record Resolve(String customStatus) implements Action { }
    public record Reopen(String customStatus) implements Action { }
    /** Postpone until {@code until}, which must be after {@code now}. */
    public record Postpone(Instant until, Instant now, String customStatus) implements Action { }
    /** The scheduled reopen trigger firing for a postponed ticket. */
    public record PostponeDue() implements Action { }
    public record MarkSpam() implements Action { }
    public record Delete() implements Action { }
    public record Restore() implements Action { }
    public record Purge() implements Action { }

    public sealed interface Outcome permits Move, Stay, NewTicket, Refusal, Removal {
    }

    /**
     * Change to {@code to}. {@code interaction} says whether this counts as a conversation interaction
     * (messages do; status clicks do not). {@code reopened} marks a Resolved ticket coming back.
     */
    public record Move(Status to, Instant until, String customStatus, boolean interaction, boolean reopened)
            implements Outcome {
        public Move {
            Objects.requireNonNull(to, "to");
        }
    }

    /** Nothing changes in status (the action may still be recorded, e.g. a message on a Spam ticket). */
    public record Stay(String why) implements Outcome { }

    /** The customer's message does not belong on this ticket: start a new one. */
    public record NewTicket(String why) implements Outcome { }

    /** The ticket is purged for good. */
    public record Removal() implements Outcome { }

    /**
     * The action is not allowed. {@code invalidInput} distinguishes a malformed request (400, e.g. a postpone
     * without a future {@code until}) from an illegal transition (409).
     */
    public record Refusal(String reason, boolean invalidInput) implements Outcome {
        static Refusal conflict(String reason) {
            return new Refusal(reason, false);
        }
    }

    /**
     * Decides the outcome of {@code action} on a ticket in {@code status}; {@code restoreStatus} is the status a
     * Spam or Deleted ticket had before.
     */
    public static Outcome decide(Status status, Status restoreStatus, Action action) {
        Objects.requireNonNull(status, "status");
        return switch (action) {
            case CustomerReply r -> customerReply(status);
            case AgentReply r -> agentReply(status);
            case Resolve r -> status.isRemoved() ? removed(status, "resolve")
                    : status == Status.RESOLVED ? Refusal.conflict("ticket is already Resolved")
                    : new Move(Status.RESOLVED, null, r.customStatus(), false, false);
            case Reopen r -> switch (status) {
                case RESOLVED -> new Move(Status.OPEN, null, r.customStatus(), false, true);
                case POSTPONED -> new Move(Status.OPEN, null, r.customStatus(), false, false);
                case SPAM, DELETED -> removed(status, "reopen");
                default -> Refusal.conflict("only a Resolved or Postponed ticket can be reopened; it is " + status.wire());
            };
            case Postpone p -> postpone(status, p);
            case PostponeDue d -> status == Status.POSTPONED
                    ? new Move(Status.OPEN, null, null, false, false)
                    : new Stay("ticket is no longer Postponed (" + status.wire() + ")");
            case MarkSpam s -> status.isRemoved() ? removed(status, "mark as spam")
                    : new Move(Status.SPAM, null, null, false, false);
            case Delete d -> status.isRemoved() ? removed(status, "delete")
                    : new Move(Status.DELETED, null, null, false, false);
            case Restore r -> status.isRemoved()
                    ? new Move(restoreStatus == null ? Status.OPEN : restoreStatus, null, null, false, false)
                    : Refusal.conflict("only a Spam or Deleted ticket can be restored; it is " + status.wire());
            case Purge p -> new Removal();
        };
    }

    private static Outcome customerReply(Status status) {
        return switch (status) {
            // A follow-up before anyone answered keeps the ticket New: it is still waiting for its first answer.
            case NEW -> new Move(Status.NEW, null, null, true, false);
            case ANSWERED, OPEN, POSTPONED -> new Move(Status.OPEN, null, null, true, false);
            case RESOLVED -> new Move(Status.OPEN, null, null, true, true);
            case SPAM -> new Stay("ticket is Spam; the message is kept but the ticket stays Spam");
            case DELETED -> new NewTicket("ticket is Deleted; the customer's message starts a new ticket");
        };
    }

    private static Outcome agentReply(Status status) {
        return status.isRemoved() ? removed(status, "reply to")
                : new Move(Status.ANSWERED, null, null, true, false);
    }

    private static Outcome postpone(Status status, Postpone p) {
        if (p.until() == null) {
            return new Refusal("postponing needs an 'until' time", true);
        }
        if (p.now() != null && !p.until().isAfter(p.now())) {
            return new Refusal("'until' must be in the future", true);
        }
        if (status.isRemoved()) {
            return removed(status, "postpone");
        }
        if (status == Status.RESOLVED) {
            return Refusal.conflict("a Resolved ticket cannot be postponed; reopen it first");
        }
        return new Move(Status.POSTPONED, p.until(), p.customStatus(), false, false);
    }

    private static Refusal removed(Status status, String verb) {
        return Refusal.conflict("cannot " + verb + " a " + status.wire() + " ticket: restore or purge it");
    }
}
