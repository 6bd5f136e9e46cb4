package dev.helpdesk.ingest.email;

import static org.junit.jupiter.api.Assertions.*;

import dev.helpdesk.app.InboundMessage;
import dev.helpdesk.domain.Identity;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Issue 17: mail SES keeps in S3 always becomes a message; deep nesting is refused before the parser sees it. */
class StoredMailTest {
    private static final Instant NOW = Instant.parse("2026-12-07T09:00:00Z");
    private static final String WHERE = "s3://inbound/inbound/ses-1";

    static byte[] nested(int depth) {
        return nested(depth, "multipart/mixed");
    }

    static byte[] nested(int depth, String mediaType) {
        StringBuilder mail = new StringBuilder("From: Deep Diver <deep@example.com>\r\nSubject: very deep\r\nMIME-Version: 1.0\r\n");
        for (int i = 0; i < depth; i++) {
            mail.append("Content-Type: ").append(mediaType).append("; boundary=\"b").append(i).append("\"\r\n\r\n--b").append(i).append("\r\n");
        }
        mail.append("Content-Type: text/plain\r\n\r\nhello from the bottom\r\n");
        for (int i = depth - 1; i >= 0; i--) {
            mail.append("--b").append(i).append("--\r\n");
        }
        return mail.toString().getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    @DisplayName("3,000 nested multiparts: refused before parsing (was a StackOverflowError), in well under a second")
    void deepNestingIsRefused() {
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
            var refused = assertThrows(MimeEmails.InvalidEmailException.class, () -> MimeEmails.parse(nested(3000), "ses-1"));
            assertTrue(refused.getMessage().contains("3000 multipart"), refused.getMessage());
        });
        assertEquals("hello from the bottom", MimeEmails.parse(nested(20), "ses-1").text().strip(), "ordinary nesting still reads");
    }

    @ParameterizedTest
    @ValueSource(strings = {"multipart\r\n /mixed", "multipart(x)/mixed", "multipart /mixed", "multi(c)part/mixed"})
    @DisplayName("issue 17 (fuzzing): nesting spelled so no byte count sees it is refused by the parse itself (10,000 folded levels overflowed the stack)")
    void spelledNestingIsRefused(String mediaType) {
        byte[] mail = nested(10_000, mediaType);
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
            var refused = assertThrows(MimeEmails.InvalidEmailException.class, () -> MimeEmails.parse(mail, "ses-1"));
            assertTrue(refused.getMessage().contains("more than 128 multipart"), refused.getMessage());
            InboundMessage inbound = StoredMail.inbound(mail, "ses-1", WHERE, NOW);
            assertEquals(List.of(Identity.email("deep@example.com")), inbound.identities());
            assertTrue(inbound.text().contains("could not be read"), inbound.text());
        });
        assertEquals("hello from the bottom", MimeEmails.parse(nested(128, mediaType), "ses-1").text().strip(), "128 levels still read");
    }

    @Test
    @DisplayName("issue 17 (fuzzing): a too-large mail in a script of 2 or 3 bytes a character is shortened to fit, not refused")
    void tooLargeInAnyScriptIsShortened() {
        for (String script : List.of("ż", "日", "😀")) {
            byte[] raw = ("From: Ann Example <ann@example.com>\r\nSubject: Where is my order?\r\nMIME-Version: 1.0\r\n"
                    + "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n" + script.repeat(100_000))
                    .getBytes(StandardCharsets.UTF_8);
            InboundMessage inbound = StoredMail.inbound(raw, "ses-5", WHERE, NOW);
            assertTrue(inbound.email().fullText().startsWith(script.repeat(1000)));
            assertTrue(inbound.email().fullText().contains("The whole message is kept at " + WHERE), "the note says where the rest is");
            int bytes = inbound.text().getBytes(StandardCharsets.UTF_8).length + inbound.email().fullText().getBytes(StandardCharsets.UTF_8).length;
            assertTrue(bytes <= 300 * 1024, bytes + " bytes stored");
        }
    }

    @Test
    @DisplayName("an unreadable stored mail becomes a message from the sender its headers name, saying why and where the raw copy is")
    void unreadableBecomesAMessage() {
        InboundMessage inbound = StoredMail.inbound(nested(3000), "ses-1", WHERE, NOW);
        assertEquals(List.of(Identity.email("deep@example.com")), inbound.identities());
        assertEquals("very deep", inbound.subject());
        assertTrue(inbound.text().contains("could not be read") && inbound.text().contains(WHERE), inbound.text());
        assertEquals("ses-1", inbound.providerMessageId(), "redelivery is still de-duplicated by the SES id");
    }

    @Test
    @DisplayName("From: <<<>>> or no headers at all: the message comes from the unknown sender, never from '<<'")
    void noUsableSender() {
        InboundMessage angles = StoredMail.inbound("From: <<<>>>\r\nSubject: angles\r\n\r\nbody".getBytes(StandardCharsets.US_ASCII), "ses-2", WHERE, NOW);
        assertEquals(List.of(Identity.email(StoredMail.UNKNOWN_SENDER)), angles.identities());
        assertEquals("angles", angles.subject());
        InboundMessage garbage = StoredMail.inbound(new byte[] {0, 1, 2, 3}, "ses-3", WHERE, NOW);
        assertEquals(List.of(Identity.email(StoredMail.UNKNOWN_SENDER)), garbage.identities());
        assertEquals("Unreadable mail", garbage.customerName());
    }

    @Test
    @DisplayName("a mail too large for one item is kept with its text cut, its HTML left out, and a note")
    void tooLargeIsShortened() {
        String text = "line of a very long mail\r\n".repeat(20_000);
        byte[] raw = ("From: long@example.com\r\nSubject: long\r\nContent-Type: text/plain\r\n\r\n" + text).getBytes(StandardCharsets.US_ASCII);
        InboundMessage inbound = StoredMail.inbound(raw, "ses-4", WHERE, NOW);
        assertEquals(List.of(Identity.email("long@example.com")), inbound.identities());
        assertTrue(inbound.email().fullText().startsWith("line of a very long mail"));
        assertTrue(inbound.email().fullText().contains("The whole message is kept at " + WHERE), "the note says where the rest is");
        assertNull(inbound.email().html());
    }
}
