package dev.helpdesk.domain;

import static dev.helpdesk.domain.Status.ANSWERED;
import static dev.helpdesk.domain.Status.DELETED;
import static dev.helpdesk.domain.Status.NEW;
import static dev.helpdesk.domain.Status.OPEN;
import static dev.helpdesk.domain.Status.POSTPONED;
import static dev.helpdesk.domain.Status.RESOLVED;
import static dev.helpdesk.domain.Status.SPAM;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.helpdesk.domain.Lifecycle.Action;
import dev.helpdesk.domain.Lifecycle.AgentReply;
import dev.helpdesk.domain.Lifecycle.CustomerReply;
import dev.helpdesk.domain.Lifecycle.Delete;
import dev.helpdesk.domain.Lifecycle.MarkSpam;
import dev.helpdesk.domain.Lifecycle.Move;
import dev.helpdesk.domain.Lifecycle.NewTicket;
import dev.helpdesk.domain.Lifecycle.Outcome;
import dev.helpdesk.domain.Lifecycle.Postpone;
import dev.helpdesk.domain.Lifecycle.PostponeDue;
import dev.helpdesk.domain.Lifecycle.Purge;
import dev.helpdesk.domain.Lifecycle.Refusal;
import dev.helpdesk.domain.Lifecycle.Removal;
import dev.helpdesk.domain.Lifecycle.Reopen;
import dev.helpdesk.domain.Lifecycle.Resolve;
import dev.helpdesk.domain.Lifecycle.Restore;
import dev.helpdesk.domain.Lifecycle.Stay;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** The status lifecycle, R-STATUS-1 and R-STATUS-2: every status against every action, then the rules by name. */
class LifecycleTest {
    private static final Instant NOW = Instant.parse("2025-03-10T09:00:00Z");
    private static final Instant LATER = NOW.plusSeconds(3600);
    /** What a Spam or Deleted ticket was before, in the table below. */
    private static final Status BEFORE_REMOVAL = ANSWERED;

    // ---- the exhaustive table ----------------------------------------------------------------------------

    /** An expected outcome: its class and, for a Move, the target status, reopened flag and interaction flag. */
    record Expect(Class<? extends Outcome> type, Status to, boolean reopened, boolean interaction) {
        static Expect move(Status to) {
            return new Expect(Move.class, to, false, false);
        }

        static Expect interaction(Status to) {
            return new Expect(Move.class, to, false, true);
        }

        static Expect reopenTo(Status to, boolean interaction) {
            return new Expect(Move.class, to, true, interaction);
        }

        static Expect stay() {
            return new Expect(Stay.class, null, false, false);
        }

        static Expect newTicket() {
            return new Expect(NewTicket.class, null, false, false);
        }

        static Expect conflict() {
            return new Expect(Refusal.class, null, false, false);
        }

        static Expect removal() {
            return new Expect(Removal.class, null, false, false);
        }

        @Override
        public String toString() {
            return type.getSimpleName() + (to == null ? "" : " → " + to.wire())
                    + (reopened ? " (reopened)" : "") + (interaction ? " (interaction)" : "");
        }
    }

    /** One action of each kind; a Postpone with a valid future {@code until}. */
    private static Action action(Class<? extends Action> kind) {
        return switch (kind.getSimpleName()) {
            case "CustomerReply" -> new CustomerReply();
            case "AgentReply" -> new AgentReply();
            case "Resolve" -> new Resolve(null);
            case "Reopen" -> new Reopen(null);
            case "Postpone" -> new Postpone(LATER, NOW, null);
            case "PostponeDue" -> new PostponeDue();
            case "MarkSpam" -> new MarkSpam();
            case "Delete" -> new Delete();
            case "Restore" -> new Restore();
            case "Purge" -> new Purge();
            default -> throw new IllegalArgumentException(kind.getName());
        };
    }

    /** Every status × every action, written out. Spam and Deleted tickets were {@link #BEFORE_REMOVAL} before. */
    static Stream<Arguments> table() {
        return Stream.of(
                // New
                arguments(NEW, CustomerReply.class, Expect.interaction(NEW)),
                arguments(NEW, AgentReply.class, Expect.interaction(ANSWERED)),
                arguments(NEW, Resolve.class, Expect.move(RESOLVED)),
                arguments(NEW, Reopen.class, Expect.conflict()),
                arguments(NEW, Postpone.class, Expect.move(POSTPONED)),
                arguments(NEW, PostponeDue.class, Expect.stay()),
                arguments(NEW, MarkSpam.class, Expect.move(SPAM)),
                arguments(NEW, Delete.class, Expect.move(DELETED)),
                arguments(NEW, Restore.class, Expect.conflict()),
                arguments(NEW, Purge.class, Expect.removal()),
                // Answered
                arguments(ANSWERED, CustomerReply.class, Expect.interaction(OPEN)),
                arguments(ANSWERED, AgentReply.class, Expect.interaction(ANSWERED)),
                arguments(ANSWERED, Resolve.class, Expect.move(RESOLVED)),
                arguments(ANSWERED, Reopen.class, Expect.conflict()),
                arguments(ANSWERED, Postpone.class, Expect.move(POSTPONED)),
                arguments(ANSWERED, PostponeDue.class, Expect.stay()),
                arguments(ANSWERED, MarkSpam.class, Expect.move(SPAM)),
                arguments(ANSWERED, Delete.class, Expect.move(DELETED)),
                arguments(ANSWERED, Restore.class, Expect.conflict()),
                arguments(ANSWERED, Purge.class, Expect.removal()),
                // Open
                arguments(OPEN, CustomerReply.class, Expect.interaction(OPEN)),
                arguments(OPEN, AgentReply.class, Expect.interaction(ANSWERED)),
                arguments(OPEN, Resolve.class, Expect.move(RESOLVED)),
                arguments(OPEN, Reopen.class, Expect.conflict()),
                arguments(OPEN, Postpone.class, Expect.move(POSTPONED)),
                arguments(OPEN, PostponeDue.class, Expect.stay()),
                arguments(OPEN, MarkSpam.class, Expect.move(SPAM)),
                arguments(OPEN, Delete.class, Expect.move(DELETED)),
                arguments(OPEN, Restore.class, Expect.conflict()),
                arguments(OPEN, Purge.class, Expect.removal()),
                // Resolved
                arguments(RESOLVED, CustomerReply.class, Expect.reopenTo(OPEN, true)),
                arguments(RESOLVED, AgentReply.class, Expect.interaction(ANSWERED)),
                arguments(RESOLVED, Resolve.class, Expect.conflict()),
                arguments(RESOLVED, Reopen.class, Expect.reopenTo(OPEN, false)),
                arguments(RESOLVED, Postpone.class, Expect.conflict()),
                arguments(RESOLVED, PostponeDue.class, Expect.stay()),
                arguments(RESOLVED, MarkSpam.class, Expect.move(SPAM)),
                arguments(RESOLVED, Delete.class, Expect.move(DELETED)),
                arguments(RESOLVED, Restore.class, Expect.conflict()),
                arguments(RESOLVED, Purge.class, Expect.removal()),
                // Postponed
                arguments(POSTPONED, CustomerReply.class, Expect.interaction(OPEN)),
                arguments(POSTPONED, AgentReply.class, Expect.interaction(ANSWERED)),
                arguments(POSTPONED, Resolve.class, Expect.move(RESOLVED)),
                arguments(POSTPONED, Reopen.class, Expect.move(OPEN)),
                arguments(POSTPONED, Postpone.class, Expect.move(POSTPONED)),
                arguments(POSTPONED, PostponeDue.class, Expect.move(OPEN)),
                arguments(POSTPONED, MarkSpam.class, Expect.move(SPAM)),
                arguments(POSTPONED, Delete.class, Expect.move(DELETED)),
                arguments(POSTPONED, Restore.class, Expect.conflict()),
                arguments(POSTPONED, Purge.class, Expect.removal()),
                // Spam: only restore and purge; a customer's message is kept, the ticket stays Spam
                arguments(SPAM, CustomerReply.class, Expect.stay()),
                arguments(SPAM, AgentReply.class, Expect.conflict()),
                arguments(SPAM, Resolve.class, Expect.conflict()),
                arguments(SPAM, Reopen.class, Expect.conflict()),
                arguments(SPAM, Postpone.class, Expect.conflict()),
                arguments(SPAM, PostponeDue.class, Expect.stay()),
                arguments(SPAM, MarkSpam.class, Expect.conflict()),
                arguments(SPAM, Delete.class, Expect.conflict()),
                arguments(SPAM, Restore.class, Expect.move(BEFORE_REMOVAL)),
                arguments(SPAM, Purge.class, Expect.removal()),
                // Deleted: only restore and purge; a customer's message starts a new ticket
                arguments(DELETED, CustomerReply.class, Expect.newTicket()),
                arguments(DELETED, AgentReply.class, Expect.conflict()),
                arguments(DELETED, Resolve.class, Expect.conflict()),
                arguments(DELETED, Reopen.class, Expect.conflict()),
                arguments(DELETED, Postpone.class, Expect.conflict()),
                arguments(DELETED, PostponeDue.class, Expect.stay()),
                arguments(DELETED, MarkSpam.class, Expect.conflict()),
                arguments(DELETED, Delete.class, Expect.conflict()),
                arguments(DELETED, Restore.class, Expect.move(BEFORE_REMOVAL)),
                arguments(DELETED, Purge.class, Expect.removal()));
    }

    @ParameterizedTest(name = "{0} + {1} → {2}")
    @MethodSource("table")
    @DisplayName("R-STATUS-2 every status × every action has exactly the expected outcome")
    void everyStatusAndActionHasTheExpectedOutcome(Status status, Class<? extends Action> kind, Expect expected) {
        Status restore = status.isRemoved() ? BEFORE_REMOVAL : null;
        Outcome outcome = Lifecycle.decide(status, restore, action(kind));

        assertEquals(expected.type(), outcome.getClass(), () -> status + " + " + kind.getSimpleName() + " gave " + outcome);
        switch (outcome) {
            case Move move -> {
                assertEquals(expected.to(), move.to(), "target status");
                assertEquals(expected.reopened(), move.reopened(), "reopened");
                assertEquals(expected.interaction(), move.interaction(), "interaction");
                assertEquals(move.to() == POSTPONED ? LATER : null, move.until(), "until only on Postpone");
            }
            case Refusal refusal -> {
                assertFalse(refusal.invalidInput(), "an illegal transition is a 409, not a 400: " + refusal);
                assertFalse(refusal.reason() == null || refusal.reason().isBlank(), "a refusal gives its reason");
            }
            case Stay stay -> assertFalse(stay.why() == null || stay.why().isBlank(), "a stay says why");
            case NewTicket fresh -> assertFalse(fresh.why() == null || fresh.why().isBlank(), "says why");
            case Removal removal -> { }
        }
    }

    @Test
    @DisplayName("the table covers all 7 statuses × 10 actions, each exactly once")
    void tableCoversEveryStatusAndEveryAction() {
        List<Class<?>> actions = Arrays.asList(Action.class.getPermittedSubclasses());
        assertEquals(10, actions.size(), "Lifecycle.Action kinds");
        assertEquals(7, Status.values().length, "statuses");

        List<List<Object>> rows = table().map(a -> List.of(a.get()[0], a.get()[1])).toList();
        assertEquals(Status.values().length * actions.size(), rows.size(), "rows in the table");
        assertEquals(rows.size(), new HashSet<>(rows).size(), "no combination listed twice");
        for (Status status : Status.values()) {
            for (Class<?> kind : actions) {
                assertTrue(rows.contains(List.of(status, kind)), "missing " + status + " × " + kind.getSimpleName());
            }
        }
    }

    // ---- the rules by name (R-STATUS-2) -----------------------------------------------------------------

    @Nested
    @DisplayName("R-STATUS-2 transitions follow the conversation")
    class Conversation {
        @ParameterizedTest
        @EnumSource(value = Status.class, names = {"NEW", "ANSWERED", "OPEN", "RESOLVED", "POSTPONED"})
        @DisplayName("R-STATUS-2 an agent reply makes the ticket Answered")
        void agentReplyMakesTicketAnswered(Status status) {
            Move move = assertInstanceOf(Move.class, Lifecycle.decide(status, null, new AgentReply()));
            assertEquals(ANSWERED, move.to());
            assertTrue(move.interaction(), "a reply is an interaction");
            assertFalse(move.reopened());
        }

        @Test
        @DisplayName("R-STATUS-2 a customer reply on an Answered ticket makes it Open")
        void customerReplyOnAnsweredTicketMakesItOpen() {
            Move move = assertInstanceOf(Move.class, Lifecycle.decide(ANSWERED, null, new CustomerReply()));
            assertEquals(OPEN, move.to());
            assertTrue(move.interaction());
            assertFalse(move.reopened(), "an Answered ticket was never closed");
        }

        @Test
        @DisplayName("R-STATUS-2 a customer follow-up on a New ticket keeps it New")
        void customerFollowUpOnNewTicketKeepsItNew() {
            Move move = assertInstanceOf(Move.class, Lifecycle.decide(NEW, null, new CustomerReply()));
            assertEquals(NEW, move.to());
            assertTrue(move.interaction(), "the follow-up still counts as an interaction");
            assertFalse(move.reopened());
        }

        @Test
        @DisplayName("R-STATUS-2 a customer reply on a Resolved ticket reopens it: Open, reopened")
        void customerReplyOnResolvedTicketReopensIt() {
            Move move = assertInstanceOf(Move.class, Lifecycle.decide(RESOLVED, null, new CustomerReply()));
            assertEquals(OPEN, move.to());
            assertTrue(move.reopened());
            assertTrue(move.interaction());
        }

        @Test
        @DisplayName("R-STATUS-2 an agent reopening a Resolved ticket makes it Open, reopened, with its custom status")
        void agentReopenOnResolvedTicketMakesItOpen() {
            Move move = assertInstanceOf(Move.class, Lifecycle.decide(RESOLVED, null, new Reopen("Checking again")));
            assertEquals(OPEN, move.to());
            assertTrue(move.reopened());
            assertFalse(move.interaction(), "a status click is not a conversation interaction");
            assertEquals("Checking again", move.customStatus());
        }

        @Test
        @DisplayName("R-STATUS-2 a customer writing on a Postponed ticket brings it back to Open")
        void customerReplyOnPostponedTicketMakesItOpen() {
            Move move = assertInstanceOf(Move.class, Lifecycle.decide(POSTPONED, null, new CustomerReply()));
            assertEquals(OPEN, move.to());
            assertFalse(move.reopened());
        }

        @Test
        @DisplayName("R-STATUS-2 resolve makes a ticket Resolved; resolving it again is refused with 409")
        void resolveMakesTicketResolvedOnce() {
            Move move = assertInstanceOf(Move.class, Lifecycle.decide(OPEN, null, new Resolve("Solved by phone")));
            assertEquals(RESOLVED, move.to());
            assertEquals("Solved by phone", move.customStatus());

            Refusal again = assertInstanceOf(Refusal.class, Lifecycle.decide(RESOLVED, null, new Resolve(null)));
            assertFalse(again.invalidInput());
        }
    }

    @Nested
    @DisplayName("R-STATUS-2 postponing needs an until in the future")
    class Postponing {
        @Test
        @DisplayName("R-STATUS-2 postpone with a future until moves to Postponed and carries the until")
        void postponeWithFutureUntilMovesToPostponed() {
            Move move = assertInstanceOf(Move.class,
                    Lifecycle.decide(OPEN, null, new Postpone(LATER, NOW, "Waiting for warehouse")));
            assertEquals(POSTPONED, move.to());
            assertEquals(LATER, move.until());
            assertEquals("Waiting for warehouse", move.customStatus());
            assertFalse(move.interaction());
        }

        @ParameterizedTest
        @EnumSource(Status.class)
        @DisplayName("R-STATUS-2 postpone without an until is refused as invalid input (400), whatever the status")
        void postponeWithoutUntilIsInvalidInput(Status status) {
            Refusal refusal = assertInstanceOf(Refusal.class,
                    Lifecycle.decide(status, null, new Postpone(null, NOW, null)));
            assertTrue(refusal.invalidInput(), "400, not 409");
        }

        @Test
        @DisplayName("R-STATUS-2 postpone until now is refused as invalid input: it must be after now")
        void postponeUntilNowIsInvalidInput() {
            Refusal refusal = assertInstanceOf(Refusal.class,
                    Lifecycle.decide(OPEN, null, new Postpone(NOW, NOW, null)));
            assertTrue(refusal.invalidInput());
        }

        @Test
        @DisplayName("R-STATUS-2 postpone until a past time is refused as invalid input")
        void postponeUntilPastIsInvalidInput() {
            Refusal refusal = assertInstanceOf(Refusal.class,
                    Lifecycle.decide(NEW, null, new Postpone(NOW.minusSeconds(1), NOW, null)));
            assertTrue(refusal.invalidInput());
        }

        @Test
        @DisplayName("R-STATUS-2 postpone one microsecond in the future is accepted")
        void postponeJustAfterNowIsAccepted() {
            Instant until = NOW.plusNanos(1000);
            Move move = assertInstanceOf(Move.class, Lifecycle.decide(ANSWERED, null, new Postpone(until, NOW, null)));
            assertEquals(POSTPONED, move.to());
            assertEquals(until, move.until());
        }

        @Test
        @DisplayName("R-STATUS-2 a Resolved ticket cannot be postponed (409)")
        void resolvedTicketCannotBePostponed() {
            Refusal refusal = assertInstanceOf(Refusal.class,
                    Lifecycle.decide(RESOLVED, null, new Postpone(LATER, NOW, null)));
            assertFalse(refusal.invalidInput());
        }

        @Test
        @DisplayName("R-STATUS-2 the scheduled reopen trigger brings a Postponed ticket back to Open")
        void postponeDueOnPostponedTicketMakesItOpen() {
            Move move = assertInstanceOf(Move.class, Lifecycle.decide(POSTPONED, null, new PostponeDue()));
            assertEquals(OPEN, move.to());
            assertNull(move.until());
            assertFalse(move.reopened(), "a Postponed ticket was never closed");
            assertFalse(move.interaction(), "a timer is not a conversation interaction");
        }

        @ParameterizedTest
        @EnumSource(value = Status.class, names = "POSTPONED", mode = EnumSource.Mode.EXCLUDE)
        @DisplayName("R-STATUS-2 the scheduled reopen trigger leaves any other status alone")
        void postponeDueOnAnyOtherStatusStays(Status status) {
            assertInstanceOf(Stay.class, Lifecycle.decide(status, status.isRemoved() ? OPEN : null, new PostponeDue()));
        }
    }

    @Nested
    @DisplayName("R-STATUS-2 a Spam or Deleted ticket takes only restore and purge")
    class SpamAndDeleted {
        private static final Set<Class<?>> ALLOWED = Set.of(Restore.class, Purge.class);
        /** Handled specially: a customer writing, and the timer (which is not someone acting on the ticket). */
        private static final Set<Class<?>> SPECIAL = Set.of(CustomerReply.class, PostponeDue.class);

        static Stream<Arguments> refusedActions() {
            return Stream.of(SPAM, DELETED).flatMap(status -> Arrays.stream(Action.class.getPermittedSubclasses())
                    .filter(kind -> !ALLOWED.contains(kind) && !SPECIAL.contains(kind))
                    .map(kind -> arguments(status, kind)));
        }

        @Test
        void refusedActionsAreEverythingButRestorePurgeCustomerReplyAndTimer() {
            Set<String> names = refusedActions().map(a -> ((Class<?>) a.get()[1]).getSimpleName())
                    .collect(Collectors.toSet());
            assertEquals(Set.of("AgentReply", "Resolve", "Reopen", "Postpone", "MarkSpam", "Delete"), names);
            assertEquals(12, refusedActions().count());
        }

        @ParameterizedTest(name = "{0} + {1} is refused")
        @MethodSource("refusedActions")
        @DisplayName("R-STATUS-2 every other action on a Spam or Deleted ticket is refused with 409 and a reason")
        @SuppressWarnings("unchecked")
        void otherActionsAreRefusedAsConflicts(Status status, Class<?> kind) {
            Outcome outcome = Lifecycle.decide(status, OPEN, action((Class<? extends Action>) kind));
            Refusal refusal = assertInstanceOf(Refusal.class, outcome);
            assertFalse(refusal.invalidInput(), "409, not 400");
            assertTrue(refusal.reason().contains(status.wire()), "the reason names the status: " + refusal.reason());
        }

        @Test
        @DisplayName("R-STATUS-2 a customer writing on a Spam ticket leaves it Spam")
        void customerReplyOnSpamTicketStaysSpam() {
            assertInstanceOf(Stay.class, Lifecycle.decide(SPAM, OPEN, new CustomerReply()));
        }

        @Test
        @DisplayName("R-STATUS-2 a customer writing on a Deleted ticket starts a new ticket")
        void customerReplyOnDeletedTicketStartsNewTicket() {
            assertInstanceOf(NewTicket.class, Lifecycle.decide(DELETED, OPEN, new CustomerReply()));
        }

        @ParameterizedTest
        @EnumSource(value = Status.class, names = {"NEW", "ANSWERED", "OPEN", "RESOLVED", "POSTPONED"})
        @DisplayName("R-STATUS-2 restore returns a Spam or Deleted ticket to the status it had")
        void restoreReturnsToTheStatusItHad(Status before) {
            for (Status removed : List.of(SPAM, DELETED)) {
                Move move = assertInstanceOf(Move.class, Lifecycle.decide(removed, before, new Restore()));
                assertEquals(before, move.to(), removed + " restored");
                assertFalse(move.interaction());
            }
        }

        @Test
        @DisplayName("R-STATUS-2 restore without a remembered status returns the ticket to Open")
        void restoreWithoutRememberedStatusReturnsToOpen() {
            for (Status removed : List.of(SPAM, DELETED)) {
                Move move = assertInstanceOf(Move.class, Lifecycle.decide(removed, null, new Restore()));
                assertEquals(OPEN, move.to(), removed + " restored");
            }
        }

        @ParameterizedTest
        @EnumSource(Status.class)
        @DisplayName("R-STATUS-1 purge removes a ticket for good, from any status")
        void purgeRemovesTheTicket(Status status) {
            assertInstanceOf(Removal.class, Lifecycle.decide(status, null, new Purge()));
        }

        @ParameterizedTest
        @EnumSource(value = Status.class, names = {"NEW", "ANSWERED", "OPEN", "RESOLVED", "POSTPONED"})
        @DisplayName("R-STATUS-2 only a Spam or Deleted ticket can be restored (409 otherwise)")
        void restoreOnActiveTicketIsRefused(Status status) {
            Refusal refusal = assertInstanceOf(Refusal.class, Lifecycle.decide(status, null, new Restore()));
            assertFalse(refusal.invalidInput());
        }
    }

    @Test
    @DisplayName("the Status enum has exactly the statuses R-STATUS-1 names; Spam and Deleted are the removed ones")
    void statusesAreTheSpecsSeven() {
        assertEquals(List.of("New", "Answered", "Open", "Resolved", "Postponed", "Spam", "Deleted"),
                Arrays.stream(Status.values()).map(Status::wire).toList());
        assertEquals(EnumSet.of(SPAM, DELETED),
                Arrays.stream(Status.values()).filter(Status::isRemoved).collect(Collectors.toCollection(() -> EnumSet.noneOf(Status.class))));
    }
}
