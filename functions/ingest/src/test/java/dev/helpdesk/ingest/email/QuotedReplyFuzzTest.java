package dev.helpdesk.ingest.email;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.helpdesk.ingest.Fuzz;
import dev.helpdesk.ingest.Outcomes;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/** Fuzzing the quoted-history trim (issue 17) with reply texts from {@link Markup#replies()}. */
@Execution(ExecutionMode.CONCURRENT)
class QuotedReplyFuzzTest {

    @Test
    @DisplayName("the new part of any text is found without throwing, in bounded time, and is the start of the text or all of it")
    void newPartIsTheStart() {
        Fuzz.check("QuotedReply.newPartIsTheStart", Markup.replies(), reply -> {
            String text = reply.value();
            String fresh = Outcomes.within(Outcomes.HANG, () -> QuotedReply.newPart(text));
            String normalized = text.replace("\r\n", "\n");
            assertTrue(fresh.equals(text.strip()) || normalized.stripLeading().startsWith(fresh),
                    "the new part is neither the whole text nor its beginning");
        });
    }
}
