package dev.helpdesk.ingest.email;

import static org.junit.jupiter.api.Assertions.*;

import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** What the customer just wrote, above the quoted history (R-EMAIL); and in linear time on hostile mail. */
class QuotedReplyTest {

    @Test
    @DisplayName("a trailing '>' block is cut; '>' lines with new text after them (inline answers) are kept")
    void quotesAtTheEndOnly() {
        assertEquals("Thanks, that worked.", QuotedReply.newPart("Thanks, that worked.\n\n> Try restarting it.\n>\n> Bo"));
        String inline = "> Which model?\nThe X200.\n> And the serial?\nSN-1";
        assertEquals(inline, QuotedReply.newPart(inline));
    }

    @Test
    @DisplayName("attribution lines in the customers' languages start the quote")
    void attributions() {
        assertEquals("Yes please", QuotedReply.newPart("Yes please\nOn Tue, 3 Mar 2026 at 10:00, Support <s@brand.example> wrote:\nold"));
        assertEquals("Tak", QuotedReply.newPart("Tak\nJan Kowalski napisał(a):\nstare"));
        assertEquals("Ja", QuotedReply.newPart("Ja\nDen 3 mars 2026 skrev Support <s@brand.example>:\ngammalt"));
        assertEquals("Paldies", QuotedReply.newPart("Paldies\nSupport rakstīja:\nvecs"));
        assertEquals("Hi\nthere", QuotedReply.newPart("Hi\r\nthere"), "nothing quoted: the text, with line ends as LF");
    }

    @Test
    @DisplayName("only a quote: the whole text stays, so nothing the customer sent disappears")
    void onlyAQuote() {
        assertEquals("> forwarded\n> text", QuotedReply.newPart("> forwarded\n> text"));
        assertEquals("", QuotedReply.newPart(null));
    }

    @Test
    @DisplayName("1 MB of quoted lines ending in new text, and 1 MB on one line, are split in linear time (was ~95 s)")
    void hostileSizesStayLinear() {
        String manyQuotes = "> q\n".repeat(250_000) + "the end";
        String oneLongLine = "On " + "x".repeat(1_000_000) + " wrote:";
        // A bound against the quadratic scan coming back, not a speed measurement: linear takes milliseconds.
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            assertEquals(manyQuotes, QuotedReply.newPart(manyQuotes));
            assertEquals(oneLongLine, QuotedReply.newPart(oneLongLine));
            assertEquals("new", QuotedReply.newPart("new\n" + "> q\n".repeat(250_000)));
        });
    }
}
