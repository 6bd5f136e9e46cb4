package dev.helpdesk.ingest.email;

import static org.junit.jupiter.api.Assertions.*;

import dev.helpdesk.app.InboundMessage;
import dev.helpdesk.domain.Attachment;
import dev.helpdesk.domain.Identity;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Raw MIME as SES stores it, parsed into what agents read (R-INGEST-1). Samples are in events/email/. */
class MimeEmailsTest {
    private static final Instant NOW = Instant.parse("2026-11-24T09:00:00Z");

    private static byte[] sample(String name) throws IOException {
        return Files.readAllBytes(Path.of("../../events/email").resolve(name));
    }

    @Test
    @DisplayName("multipart/alternative in ISO-8859-1 quoted-printable, RFC 2047 subject (Q) and sender name (B)")
    void alternativeQuotedPrintable() throws IOException {
        ParsedEmail email = MimeEmails.parse(sample("ses-alternative-quoted-printable.eml"), "ses-1");
        assertEquals("Var är mitt paket?", email.subject());
        assertEquals("Åsa Öberg", email.fromName());
        assertEquals("CAK7pQ1x-ses-alt@mail.example.se", email.messageId());
        assertTrue(email.text().contains("Spårningen säger fortfarande \"på väg\"."), email.text());
        assertTrue(email.html().contains("<b>88123</b>"));
        assertEquals(List.of(), email.attachments());
        InboundMessage inbound = email.toInbound(NOW);
        assertEquals(List.of(Identity.email("asa.oberg@example.se")), inbound.identities(), "address normalised");
        assertNull(inbound.email().ticketNumber());
    }

    @Test
    @DisplayName("multipart/mixed with base64 UTF-8 bodies and two attachments recorded by name, type and decoded size")
    void mixedWithAttachments() throws IOException {
        ParsedEmail email = MimeEmails.parse(sample("ses-mixed-attachments-base64.eml"), "ses-2");
        assertEquals("Uszkodzony produkt – zamówienie 5512", email.subject());
        assertEquals("Piotr Wiśniewski", email.fromName());
        assertTrue(email.text().startsWith("Dzień dobry,"));
        assertEquals(List.of(new Attachment("faktura-5512.pdf", "application/pdf", 2064),
                new Attachment("zdjęcie.png", "image/png", 1008)), email.attachments());
    }

    @Test
    @DisplayName("HTML is kept and also reduced to readable text: no script, list items, link targets")
    void htmlReducedToText() throws IOException {
        ParsedEmail email = MimeEmails.parse(sample("ses-mixed-attachments-base64.eml"), "ses-2");
        String text = HtmlText.toText(email.html());
        assertTrue(text.contains("produkt przyszedł uszkodzony"), text);
        assertFalse(text.contains("alert"), "scripts removed: " + text);
        assertTrue(text.contains("- zdjęcie 1"), text);
        assertTrue(text.contains("zamówienie (https://shop.example.com/orders/5512)"), text);
        ParsedEmail htmlOnly = new ParsedEmail("p", "m", List.of(), "a@b.c", null, "s", null, email.html(), List.of());
        assertTrue(htmlOnly.toInbound(NOW).text().contains("Proszę o zwrot pieniędzy."));
    }

    @Test
    @DisplayName("a windows-1257 reply: threading headers read, quoted history trimmed for display but kept")
    void replyWithQuotedHistory() throws IOException {
        ParsedEmail email = MimeEmails.parse(sample("ses-reply-windows-1257.eml"), "ses-3");
        assertEquals(List.of("lv-first-1@mail.example.lv"), email.replyTo());
        assertEquals("Re: Kur ir mans pasūtījums?", email.subject());
        InboundMessage inbound = email.toInbound(NOW);
        assertEquals("Paldies, bet paka joprojām nav atnākusi.", inbound.text());
        assertTrue(inbound.email().fullText().contains("> Labdien! Jūsu paka ir ceļā."));
    }

    @Test
    @DisplayName("the ticket reference in a subject, and References read newest first after In-Reply-To")
    void subjectReferenceAndThreadOrder() {
        ParsedEmail email = new ParsedEmail("p", "m", ParsedEmail.threadOrder("<c@x>", "<a@x> <b@x> <c@x>"), "a@b.c", null,
                "Re: Your order [#1234]", "thanks", null, List.of());
        assertEquals(List.of("c@x", "b@x", "a@x"), email.replyTo());
        assertEquals(1234L, email.toInbound(NOW).email().ticketNumber());
    }

    @Test
    @DisplayName("issue 17 (fuzzing): a 1 MB header field is refused at once (mime4j reads a From of 150,000 words in 8 s or more)")
    void hugeHeaderFieldIsRefused() {
        StringBuilder words = new StringBuilder();
        for (int i = 0; words.length() < 1024 * 1024; i++) {
            words.append('w').append(i).append(' ');
        }
        for (String field : List.of("From: " + words, "From: ann@example.com\r\nContent-Type: text/plain; " + words.toString().replace(" ", "=v; "))) {
            byte[] raw = (field + "\r\nSubject: huge\r\n\r\nbody").getBytes(StandardCharsets.US_ASCII);
            assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
                var refused = assertThrows(MimeEmails.InvalidEmailException.class, () -> MimeEmails.parse(raw, "x"));
                assertTrue(refused.getMessage().contains("header length"), refused.getMessage());
            });
        }
        StringBuilder references = new StringBuilder("References:");
        for (int i = 0; i < 5000; i++) {
            references.append(" <r").append(i).append("@x>");
        }
        byte[] longButFine = ("From: Ann <ann@example.com>\r\n" + references + "\r\n\r\nbody").getBytes(StandardCharsets.US_ASCII);
        assertEquals(5000, MimeEmails.parse(longButFine, "x").replyTo().size(), "a 50 KB field is still read");
    }

    @Test
    @DisplayName("issue 17 (fuzzing): the thread order keeps each id once, and 120,000 References take linear time (were ~20 s)")
    void threadOrderWithoutRepeatsInLinearTime() {
        assertEquals(List.of("a@b"), ParsedEmail.threadOrder("<a@b> <a@b>", ""));
        assertEquals(List.of("a@b", "c@d"), ParsedEmail.threadOrder("<a@b>", "<c@d> <a@b> <c@d>"));
        StringBuilder references = new StringBuilder();
        for (int i = 0; i < 120_000; i++) {
            references.append('<').append(i).append("@x> ");
        }
        List<String> order = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> ParsedEmail.threadOrder(null, references.toString()));
        assertEquals(120_000, order.size());
        assertEquals("119999@x", order.get(0), "newest first");
    }

    @Test
    @DisplayName("R-INGEST-6 hostile input: not MIME, no From, truncated, NUL bytes, unknown charset never crash the parser")
    void hostileInput() {
        assertThrows(MimeEmails.InvalidEmailException.class, () -> MimeEmails.parse("just some text".getBytes(StandardCharsets.UTF_8), "x"));
        assertThrows(MimeEmails.InvalidEmailException.class,
                () -> MimeEmails.parse("Subject: hi\r\n\r\nbody".getBytes(StandardCharsets.UTF_8), "x"));
        ParsedEmail truncated = MimeEmails.parse(("From: a@b.c\r\nContent-Type: multipart/mixed; boundary=\"zz\"\r\n\r\n--zz\r\n"
                + "Content-Type: text/plain\r\n\r\nhalf a mess").getBytes(StandardCharsets.UTF_8), "x");
        assertTrue(truncated.text().startsWith("half a mess"));
        ParsedEmail nul = MimeEmails.parse("From: a@b.c\r\n\r\nnul\u0000byte <script>x</script>".getBytes(StandardCharsets.UTF_8), "x");
        assertTrue(nul.text().contains("<script>x</script>"), "stored as text, never interpreted");
        ParsedEmail charset = MimeEmails.parse(("From: a@b.c\r\nContent-Type: text/plain; charset=x-no-such-charset\r\n\r\nplain ascii")
                .getBytes(StandardCharsets.UTF_8), "x");
        assertEquals("plain ascii", charset.text().strip());
    }
}
