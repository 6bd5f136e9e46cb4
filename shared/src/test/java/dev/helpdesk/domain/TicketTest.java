package dev.helpdesk.domain;

import static dev.helpdesk.domain.Status.ANSWERED;
import static dev.helpdesk.domain.Status.DELETED;
import static dev.helpdesk.domain.Status.NEW;
import static dev.helpdesk.domain.Status.OPEN;
import static dev.helpdesk.domain.Status.POSTPONED;
import static dev.helpdesk.domain.Status.RESOLVED;
import static dev.helpdesk.domain.Status.SPAM;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.helpdesk.domain.Lifecycle.Move;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Ticket.moved: the fields that go with a status (R-STATUS-1, R-STATUS-2). */
class TicketTest {
    private static final Instant T0 = Instant.parse("2025-03-10T09:00:00Z");
    private static final Instant T1 = T0.plusSeconds(60);
    private static final Instant T2 = T0.plusSeconds(120);
    private static final Instant T3 = T0.plusSeconds(180);
    private static final Instant UNTIL = T0.plusSeconds(86_400);

    private static Ticket fresh() {
        return Ticket.open("t-1", 42, "Where is my order?", Channel.EMAIL, "c-1", "email:thread-1", T0).atVersion(3);
    }

    /** Applies what the lifecycle decides, failing if it is not a Move. */
    private static Ticket apply(Ticket ticket, Lifecycle.Action action, Instant at) {
        Lifecycle.Outcome outcome = Lifecycle.decide(ticket.status(), ticket.restoreStatus(), action);
        return ticket.moved(assertInstanceOf(Move.class, outcome, "expected a move, got " + outcome), at);
    }

    private static Move to(Status status) {
        return new Move(status, null, null, false, false);
    }

    @Test
    @DisplayName("a ticket opens New, with every time at its creation and version 0")
    void openedTicketIsNew() {
        Ticket t = Ticket.open("t-1", 7, "Hi", Channel.SMS, "c-1", "sms:+46701234567", T0);
        assertEquals(NEW, t.status());
        assertEquals(T0, t.createdAt());
        assertEquals(T0, t.updatedAt());
        assertEquals(T0, t.lastInteractionAt());
        assertNull(t.closedAt());
        assertNull(t.postponedUntil());
        assertNull(t.restoreStatus());
        assertEquals(0L, t.version());
        assertEquals(Priority.NORMAL, t.priority());
        assertEquals(List.of(), t.labels());
    }

    @Test
    @DisplayName("R-STATUS-2 resolving sets closedAt; a customer reply reopening it clears closedAt")
    void closedAtSetOnResolveAndClearedOnReopen() {
        Ticket resolved = apply(fresh(), new Lifecycle.Resolve(null), T1);
        assertEquals(RESOLVED, resolved.status());
        assertEquals(T1, resolved.closedAt());

        Ticket reopened = apply(resolved, new Lifecycle.CustomerReply(), T2);
        assertEquals(OPEN, reopened.status());
        assertNull(reopened.closedAt());
    }

    @Test
    @DisplayName("R-STATUS-2 an agent reopening a Resolved ticket clears closedAt")
    void closedAtClearedOnAgentReopen() {
        Ticket resolved = apply(fresh(), new Lifecycle.Resolve(null), T1);
        Ticket reopened = apply(resolved, new Lifecycle.Reopen(null), T2);
        assertEquals(OPEN, reopened.status());
        assertNull(reopened.closedAt());
    }

    @Test
    @DisplayName("closedAt is kept while a Resolved ticket sits in Spam or Deleted")
    void closedAtKeptWhenResolvedTicketIsRemoved() {
        Ticket resolved = apply(fresh(), new Lifecycle.Resolve(null), T1);
        Ticket spam = apply(resolved, new Lifecycle.MarkSpam(), T2);
        assertEquals(T1, spam.closedAt());
        Ticket deleted = apply(resolved, new Lifecycle.Delete(), T2);
        assertEquals(T1, deleted.closedAt());
    }

    @ParameterizedTest
    @EnumSource(value = Status.class, names = {"NEW", "ANSWERED", "OPEN", "RESOLVED", "POSTPONED"})
    @DisplayName("R-STATUS-2 marking Spam remembers the status the ticket had")
    void markingSpamRemembersStatus(Status before) {
        Ticket ticket = fresh().moved(new Move(before, before == POSTPONED ? UNTIL : null, null, false, false), T1);
        Ticket spam = apply(ticket, new Lifecycle.MarkSpam(), T2);
        assertEquals(SPAM, spam.status());
        assertEquals(before, spam.restoreStatus());
    }

    @ParameterizedTest
    @EnumSource(value = Status.class, names = {"NEW", "ANSWERED", "OPEN", "RESOLVED", "POSTPONED"})
    @DisplayName("R-STATUS-2 deleting remembers the status the ticket had")
    void deletingRemembersStatus(Status before) {
        Ticket ticket = fresh().moved(new Move(before, before == POSTPONED ? UNTIL : null, null, false, false), T1);
        Ticket deleted = apply(ticket, new Lifecycle.Delete(), T2);
        assertEquals(DELETED, deleted.status());
        assertEquals(before, deleted.restoreStatus());
    }

    @Test
    @DisplayName("Spam → Deleted (which the lifecycle refuses) still keeps the original status to restore, not Spam")
    void spamToDeletedKeepsOriginalRestoreStatus() {
        Ticket spam = apply(fresh().moved(to(ANSWERED), T1), new Lifecycle.MarkSpam(), T2);
        assertInstanceOf(Lifecycle.Refusal.class, Lifecycle.decide(SPAM, ANSWERED, new Lifecycle.Delete()));

        Ticket deleted = spam.moved(to(DELETED), T3);
        assertEquals(DELETED, deleted.status());
        assertEquals(ANSWERED, deleted.restoreStatus());
    }

    @Test
    @DisplayName("R-STATUS-2 restore puts the remembered status back and forgets it")
    void restoreReturnsToRememberedStatusAndClearsIt() {
        Ticket spam = apply(fresh().moved(to(ANSWERED), T1), new Lifecycle.MarkSpam(), T2);
        Ticket restored = apply(spam, new Lifecycle.Restore(), T3);
        assertEquals(ANSWERED, restored.status());
        assertNull(restored.restoreStatus());
    }

    @Test
    @DisplayName("R-STATUS-2 postponedUntil is set when Postponed and cleared on every other status")
    void postponedUntilOnlyWhilePostponed() {
        Ticket postponed = apply(fresh(), new Lifecycle.Postpone(UNTIL, T1, null), T1);
        assertEquals(POSTPONED, postponed.status());
        assertEquals(UNTIL, postponed.postponedUntil());

        assertNull(apply(postponed, new Lifecycle.PostponeDue(), T2).postponedUntil(), "woken by the timer");
        assertNull(apply(postponed, new Lifecycle.CustomerReply(), T2).postponedUntil(), "customer wrote");
        assertNull(apply(postponed, new Lifecycle.AgentReply(), T2).postponedUntil(), "agent replied");
        assertNull(apply(postponed, new Lifecycle.Resolve(null), T2).postponedUntil(), "resolved");
        assertNull(postponed.moved(new Move(OPEN, UNTIL, null, false, false), T2).postponedUntil(),
                "an until on a move to another status is ignored");
    }

    @Test
    @DisplayName("postponing a Postponed ticket again moves its until")
    void postponingAgainMovesTheUntil() {
        Ticket postponed = apply(fresh(), new Lifecycle.Postpone(UNTIL, T1, null), T1);
        Instant later = UNTIL.plusSeconds(3600);
        assertEquals(later, apply(postponed, new Lifecycle.Postpone(later, T2, null), T2).postponedUntil());
    }

    @Test
    @DisplayName("R-STATUS-2 a restored Postponed ticket is Postponed until the same time as before")
    void restoredPostponedTicketKeepsItsUntil() {
        Ticket postponed = apply(fresh(), new Lifecycle.Postpone(UNTIL, T1, null), T1);
        Ticket restored = apply(apply(postponed, new Lifecycle.MarkSpam(), T2), new Lifecycle.Restore(), T3);
        assertEquals(POSTPONED, restored.status());
        assertEquals(UNTIL, restored.postponedUntil());
    }

    @Test
    @DisplayName("R-STATUS-3 a custom status goes with the move and is kept when the base status does not change")
    void customStatusFollowsTheMove() {
        Ticket waiting = apply(fresh(), new Lifecycle.Postpone(UNTIL, T1, "Waiting for warehouse"), T1);
        assertEquals("Waiting for warehouse", waiting.customStatus());
        assertNull(apply(waiting, new Lifecycle.PostponeDue(), T2).customStatus(),
                "a new base status drops the old custom name");

        Ticket escalated = fresh().moved(new Move(OPEN, null, "Escalated", false, false), T1);
        assertEquals("Escalated", escalated.customStatus(), "named by the move");
        Ticket followUp = apply(escalated, new Lifecycle.CustomerReply(), T2);
        assertEquals(OPEN, followUp.status());
        assertEquals("Escalated", followUp.customStatus(), "Open stays Open on a customer reply, so its custom name stays");
    }

    @Test
    @DisplayName("R-STATUS-3 re-postponing with another custom status shows the new name")
    void repostponingWithNewCustomStatusShowsIt() {
        Ticket waiting = apply(fresh(), new Lifecycle.Postpone(UNTIL, T1, "Waiting for warehouse"), T1);
        Ticket other = apply(waiting, new Lifecycle.Postpone(UNTIL.plusSeconds(60), T2, "Waiting for customer"), T2);
        assertEquals("Waiting for customer", other.customStatus());
    }

    @Test
    @DisplayName("R-STATUS-2 lastInteractionAt moves only on an interaction (a message), not on a status click")
    void lastInteractionOnlyOnInteraction() {
        Ticket ticket = fresh();
        Ticket replied = apply(ticket, new Lifecycle.AgentReply(), T1);
        assertEquals(T1, replied.lastInteractionAt(), "an agent reply is an interaction");
        assertEquals(T1, replied.updatedAt());

        Ticket resolved = apply(replied, new Lifecycle.Resolve(null), T2);
        assertEquals(T1, resolved.lastInteractionAt(), "resolving is not an interaction");
        assertEquals(T2, resolved.updatedAt(), "but it is an update");

        Ticket reopenedByAgent = apply(resolved, new Lifecycle.Reopen(null), T3);
        assertEquals(T1, reopenedByAgent.lastInteractionAt(), "an agent reopen is not an interaction");

        Ticket followUp = apply(ticket, new Lifecycle.CustomerReply(), T2);
        assertEquals(NEW, followUp.status());
        assertEquals(T2, followUp.lastInteractionAt(), "a customer follow-up is an interaction even if New stays New");
    }

    @Test
    @DisplayName("R-STATUS-7 moved() never changes the version: only the store bumps it")
    void movedKeepsVersion() {
        Ticket ticket = fresh();
        assertEquals(3L, ticket.version());
        Ticket t = ticket;
        for (Lifecycle.Action action : List.of(new Lifecycle.AgentReply(), new Lifecycle.CustomerReply(),
                new Lifecycle.Resolve(null), new Lifecycle.Reopen(null), new Lifecycle.Postpone(UNTIL, T1, null),
                new Lifecycle.PostponeDue(), new Lifecycle.MarkSpam(), new Lifecycle.Restore(), new Lifecycle.Delete())) {
            t = apply(t, action, T2);
            assertEquals(3L, t.version(), "after " + action);
        }
        assertEquals(4L, t.atVersion(4).version());
    }

    @Test
    @DisplayName("moved() keeps identity, assignment, classification and creation time")
    void movedKeepsEverythingElse() {
        Ticket ticket = fresh().withAssignee("a-1", "team-1", T1)
                .withClassification(new Sentiment(2, SentimentLabel.NEGATIVE), List.of("delivery"), T1)
                .withPriority(Priority.URGENT, T1);
        Ticket moved = apply(ticket, new Lifecycle.AgentReply(), T2);
        assertEquals(ticket.ticketId(), moved.ticketId());
        assertEquals(ticket.number(), moved.number());
        assertEquals(ticket.subject(), moved.subject());
        assertEquals(ticket.channel(), moved.channel());
        assertEquals(ticket.customerId(), moved.customerId());
        assertEquals("a-1", moved.assigneeId());
        assertEquals("team-1", moved.teamId());
        assertEquals(ticket.sentiment(), moved.sentiment());
        assertEquals(List.of("delivery"), moved.labels());
        assertEquals(Priority.URGENT, moved.priority());
        assertEquals(T0, moved.createdAt());
        assertEquals(ticket.conversationKey(), moved.conversationKey());
    }
}
