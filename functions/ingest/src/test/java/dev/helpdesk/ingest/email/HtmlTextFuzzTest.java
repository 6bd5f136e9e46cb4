package dev.helpdesk.ingest.email;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.helpdesk.ingest.Fuzz;
import dev.helpdesk.ingest.Outcomes;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/** Fuzzing the HTML-to-text reduction (issue 17) with {@link Markup#html()}: damaged samples, tag soup, deep nesting. */
@Execution(ExecutionMode.CONCURRENT)
class HtmlTextFuzzTest {

    @Test
    @DisplayName("any HTML becomes tidy text without throwing, in bounded time")
    void tidyText() {
        Fuzz.check("HtmlText.tidyText", Markup.html(), html -> {
            String text = Outcomes.within(Outcomes.HANG, () -> HtmlText.toText(html.value()));
            assertFalse(text.contains("\n\n\n"), "runs of blank lines are collapsed");
            for (String line : text.split("\n")) {
                assertEquals(line.strip(), line, "lines are trimmed");
            }
        });
    }
}
