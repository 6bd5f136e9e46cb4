package dev.helpdesk.bench.contention;

import dev.helpdesk.bench.contention.ContentionBenchmark.Answer;
import dev.helpdesk.bench.contention.ContentionBenchmark.Scenario;
import dev.helpdesk.bench.contention.ContentionBenchmark.Tally;
import dev.helpdesk.bench.contention.ContentionBenchmark.Verdict;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

/** The contention benchmark's result as Markdown: per scenario, the answers per kind and the exactly-once verdict. */
public final class ContentionReport {
    /** At most this many lines of problems and of distinct error answers per scenario. */
    private static final int EXAMPLES = 8;

    private final ContentionBenchmark.Result result;

    public ContentionReport(ContentionBenchmark.Result result) {
        this.result = result;
    }

    public String markdown() {
        StringBuilder out = new StringBuilder();
        out.append("# Write contention: many writers on one ticket, many first messages of one conversation (offline cloud)\n\n");
        out.append(String.format("Machine: %d cores, %d MB max heap, Java %s; %s; %d writers × %d writes on one ticket, "
                        + "%d first messages of one conversation.%n%n",
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() / (1024 * 1024),
                System.getProperty("java.version"), LocalDate.now(), result.writers(), result.opsPerWriter(), result.messages()));
        out.append("What it measures (issue 16): how the write path answers concurrent writes to one item, and whether "
                + "what it acknowledged is stored exactly once. Every thread is released at once (one latch); each "
                + "request's answer and time are recorded; once the event bus is idle the ticket is read back "
                + "(GET /api/tickets/{id}) and every text whose request got a 2xx must be stored exactly once, and none "
                + "whose request got a 4xx at all. A 5xx promises nothing, so a 5xx text found stored is counted apart, "
                + "not as a failure. \"5xx\" counts every 5xx, the 503 among them, and in brackets how many 503 "
                + "carried Retry-After.\n\n");
        section(out, result.oneTicket(), "1. ", "A customer's chat creates the ticket; once it is classified and assigned, "
                + "each writer sends its writes back to back as one of the three support agents (reassignment as an "
                + "admin), one kind per writer by index: note (POST …/notes), reply (POST …/replies), status (POST …/status, "
                + "Resolved then Open alternately), assignee (PUT …/assignee with reassign), priority (PUT …/priority). "
                + "Notes must be in the ticket's notes, replies in its messages.");
        section(out, result.oneConversation(), "2. ", "Every thread sends one first message of the same new chat conversation "
                + "(same conversationId, distinct messageIds and texts) through the signed chat webhook. Each acknowledged "
                + "message must be in the ticket its answer named, once, and in no other ticket.");
        Scenario conversation = result.oneConversation();
        out.append(String.format("One conversation → one ticket: 2xx answers named **%d** distinct ticket(s); **%d** ticket(s) "
                        + "stored for the conversation. %s%n",
                conversation.ticketsNamed().size(), conversation.ticketsCreated(),
                conversation.ticketsNamed().size() <= 1 && conversation.ticketsCreated() <= 1 ? "PASS" : "FAIL"));
        return out.toString();
    }

    private static void section(StringBuilder out, Scenario scenario, String number, String how) {
        out.append("## ").append(number).append(scenario.name()).append("\n\n");
        out.append(how).append(String.format(" Wall time from the start signal to the last answer: %.0f ms.%n%n",
                scenario.wallNanos() / 1e6));
        out.append("| kind | requests | 2xx | 409 | other 4xx | 5xx | 503 (with Retry-After) | p50 ms | p99 ms |\n");
        out.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        int unanswered = 0;
        for (Tally t : scenario.tallies()) {
            boolean all = t.kind().equals("all");
            String kind = all ? "**all**" : t.kind();
            out.append(String.format("| %s | %d | %d | %d | %d | %d | %d (%d) | %.1f | %.1f |%n", kind, t.requests(), t.ok(),
                    t.conflict(), t.otherClientError(), t.serverError(), t.unavailable(), t.unavailableWithRetryAfter(),
                    t.millis().median(), t.millis().p99()));
            if (all || scenario.tallies().size() == 1) {
                unanswered = t.unanswered();
            }
        }
        out.append('\n');
        out.append(String.format("Every request answered: %s (%d of %d).%n%n", unanswered == 0 ? "yes" : "NO",
                scenario.answers().size() - unanswered, scenario.answers().size()));
        Verdict v = scenario.verdict();
        out.append(String.format("Exactly-once: **%s**: %d texts checked, %d acknowledged; lost (acknowledged, missing) **%d**, "
                        + "duplicated **%d**, refused (4xx) but stored %d; answered 5xx but stored %d (more than once: %d), answered 5xx and not stored %d.%n",
                v.exactlyOnce() ? "PASS" : "FAIL", v.checked(), v.acknowledged(), v.lost(), v.duplicated(), v.refusedButStored(),
                v.answered5xxStored(), v.answered5xxDuplicated(), v.answered5xxNotStored()));
        for (String problem : v.problems().subList(0, Math.min(EXAMPLES, v.problems().size()))) {
            out.append("- ").append(problem).append('\n');
        }
        if (v.problems().size() > EXAMPLES) {
            out.append("- … and ").append(v.problems().size() - EXAMPLES).append(" more\n");
        }
        // The distinct error answers (status and body), so a 5xx or 409 can be read, not only counted.
        Map<String, Integer> errors = new LinkedHashMap<>();
        for (Answer a : scenario.answers()) {
            if (!a.acknowledged()) {
                errors.merge(a.kind() + " → " + (a.status() == 0 ? "no answer" : a.status()) + ": "
                        + (a.detail() == null ? "" : a.detail().replaceAll("\\s+", " ")), 1, Integer::sum);
            }
        }
        if (!errors.isEmpty()) {
            out.append("\nNon-2xx answers (distinct, most frequent first):\n\n");
            errors.entrySet().stream().sorted((a, b) -> b.getValue() - a.getValue()).limit(EXAMPLES)
                    .forEach(e -> out.append(String.format("- %d × %s%n", e.getValue(), e.getKey())));
            if (errors.size() > EXAMPLES) {
                out.append("- … and ").append(errors.size() - EXAMPLES).append(" other answers\n");
            }
        }
        out.append('\n');
    }
}
