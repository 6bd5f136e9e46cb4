package dev.helpdesk.bench.contention;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.helpdesk.bench.contention.ContentionBenchmark.Answer;
import dev.helpdesk.bench.contention.ContentionBenchmark.Scenario;
import dev.helpdesk.bench.contention.ContentionBenchmark.Tally;
import dev.helpdesk.bench.contention.ContentionBenchmark.Verdict;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The contention benchmark's quick mode, so that it keeps working: every request answered, the counts add up, the
 * exactly-once check ran and its verdict is in the report. It does not require zero 5xx (that is what the benchmark
 * measures); it requires that nothing acknowledged is lost or duplicated.
 */
class ContentionQuickTest {

    @Test
    @DisplayName("issue 16: 8 writers × 2 writes on one ticket and 12 first messages of one conversation are all answered, "
            + "counted and checked exactly-once; the report shows both tables and verdicts")
    void quickMode() throws Exception {
        ContentionBenchmark.Result result = ContentionBenchmark.run(8, 2, 12);
        assertEquals(8, result.writers());
        assertEquals(2, result.opsPerWriter());
        assertEquals(12, result.messages());

        Scenario oneTicket = result.oneTicket();
        assertEquals(8 * 2, oneTicket.answers().size(), "every write recorded");
        assertNotNull(oneTicket.ticketId());
        for (String kind : ContentionBenchmark.KINDS) {
            assertTrue(oneTicket.answers().stream().anyMatch(a -> a.kind().equals(kind)), "8 writers cover every kind: " + kind);
        }
        // Notes and replies carry texts, and texts are unique.
        List<String> texts = oneTicket.answers().stream().map(Answer::text).filter(t -> t != null).toList();
        assertEquals(oneTicket.answers().stream().filter(a -> a.kind().equals("note") || a.kind().equals("reply")).count(),
                texts.size());
        assertEquals(texts.size(), texts.stream().distinct().count(), "unique texts");

        Scenario oneConversation = result.oneConversation();
        assertEquals(12, oneConversation.answers().size(), "every first message recorded");
        assertTrue(oneConversation.answers().stream().allMatch(a -> a.kind().equals("chat") && a.text() != null));
        assertTrue(oneConversation.answers().stream().filter(Answer::acknowledged).allMatch(a -> a.ticketId() != null),
                "every 2xx answer of the chat webhook names a ticket");
        assertEquals(oneConversation.answers().stream().filter(Answer::acknowledged).map(Answer::ticketId).distinct().count(),
                oneConversation.ticketsNamed().size());
        assertTrue(oneConversation.ticketsCreated() >= 1 || oneConversation.answers().stream().noneMatch(Answer::acknowledged),
                "an acknowledged first message made a ticket");

        for (Scenario scenario : result.scenarios()) {
            String name = scenario.name();
            assertTrue(scenario.answers().stream().allMatch(a -> a.status() >= 200 && a.status() < 600),
                    name + ": every request got an HTTP answer: " + scenario.answers().stream().filter(a -> a.status() == 0).toList());
            assertTrue(scenario.answers().stream().allMatch(a -> a.nanos() > 0), name + ": every answer took time");
            assertTrue(scenario.wallNanos() > 0, name);

            // The counts add up: per kind, and the last row (when there is more than one kind) is their sum.
            List<Tally> tallies = scenario.tallies();
            assertFalse(tallies.isEmpty(), name);
            Tally total = tallies.get(tallies.size() - 1);
            assertEquals(scenario.answers().size(), total.requests(), name + ": the last row counts every request");
            if (tallies.size() > 1) {
                assertEquals("all", total.kind(), name);
                List<Tally> kinds = tallies.subList(0, tallies.size() - 1);
                assertEquals(total.requests(), kinds.stream().mapToInt(Tally::requests).sum(), name);
                assertEquals(total.ok(), kinds.stream().mapToInt(Tally::ok).sum(), name);
                assertEquals(total.serverError(), kinds.stream().mapToInt(Tally::serverError).sum(), name);
            }
            for (Tally t : tallies) {
                assertEquals(t.requests(), t.ok() + t.conflict() + t.otherClientError() + t.serverError() + t.unanswered(),
                        name + "/" + t.kind() + ": each request in exactly one column");
                assertEquals(0, t.unanswered(), name + "/" + t.kind());
                assertTrue(t.unavailable() <= t.serverError() && t.unavailableWithRetryAfter() <= t.unavailable(), name);
                assertEquals(t.requests() - t.unanswered(), t.millis().n(), name + ": a latency per answered request");
                assertTrue(t.millis().median() <= t.millis().p99(), name);
            }

            // The exactly-once check ran over every text, and nothing acknowledged was lost or duplicated.
            Verdict v = scenario.verdict();
            assertTrue(v.ran(), name);
            long withText = scenario.answers().stream().filter(a -> a.text() != null).count();
            assertEquals(withText, v.checked(), name + ": every text checked");
            assertEquals(scenario.answers().stream().filter(a -> a.text() != null && a.acknowledged()).count(), v.acknowledged(), name);
            assertEquals(0, v.lost(), name + ": acknowledged but missing: " + v.problems());
            assertEquals(0, v.duplicated(), name + ": stored more than once: " + v.problems());
            long serverErrorsWithText = scenario.answers().stream().filter(a -> a.text() != null && a.serverError()).count();
            assertEquals(serverErrorsWithText, v.answered5xxStored() + v.answered5xxNotStored(), name);
        }

        String markdown = new ContentionReport(result).markdown();
        assertTrue(markdown.contains("Machine: ") && markdown.contains(" cores, "), markdown);
        assertTrue(markdown.contains("## 1. one ticket, 8 writers") && markdown.contains("## 2. one conversation, 12 first messages"), markdown);
        assertTrue(markdown.contains("| kind | requests | 2xx | 409 | other 4xx | 5xx | 503 (with Retry-After) | p50 ms | p99 ms |"), markdown);
        assertTrue(markdown.contains("| **all** | 16 |"), markdown);
        assertTrue(markdown.contains("| chat | 12 |"), markdown);
        assertEquals(2, markdown.split("Exactly-once: \\*\\*(PASS|FAIL)\\*\\*: ", -1).length - 1, markdown);
        assertTrue(markdown.contains("lost (acknowledged, missing) **0**, duplicated **0**"), markdown);
        assertTrue(markdown.contains("Every request answered: yes (16 of 16)") && markdown.contains("Every request answered: yes (12 of 12)"), markdown);
        assertTrue(markdown.contains("One conversation → one ticket: 2xx answers named"), markdown);
    }
}
