package dev.helpdesk.ingest.email;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.helpdesk.app.InboundMessage;
import dev.helpdesk.domain.Channel;
import dev.helpdesk.domain.Identity;
import dev.helpdesk.ingest.Fuzz;
import dev.helpdesk.ingest.Gen;
import dev.helpdesk.ingest.Outcomes;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * Fuzzing mail SES keeps in S3 (issue 17): whatever the raw bytes are ({@link Mails}: damaged samples, generated MIME,
 * deep nesting, mail too large for one message in any charset), it becomes a message and never throws, since SES has
 * accepted it and refusing it would lose it.
 */
@Execution(ExecutionMode.CONCURRENT)
class StoredMailFuzzTest {
    private static final Instant NOW = Instant.parse("2026-12-07T09:00:00Z");
    private static final String WHERE = "s3://inbound/inbound/ses-fuzz-1";

    @Test
    @DisplayName("any raw mail kept in S3 becomes a message from one email identity, and nothing is ever thrown")
    void alwaysAMessage() {
        Fuzz.check("StoredMail.alwaysAMessage", Gen.frequency(Gen.w(4, Mails.mails()), Gen.w(1, Mails.large())), mail -> {
            byte[] raw = mail.bytes();
            InboundMessage message = Outcomes.within(Outcomes.HANG, () -> StoredMail.inbound(raw, "ses-fuzz-1", WHERE, NOW));
            assertNotNull(message);
            assertEquals(Channel.EMAIL, message.channel());
            assertEquals("ses-fuzz-1", message.providerMessageId(), "redelivery is de-duplicated by the SES id");
            assertEquals(1, message.identities().size());
            assertEquals(Identity.Kind.EMAIL, message.identities().get(0).kind());
            Fuzz.collect("kept as", message.text().startsWith("This email could not be read") ? "unreadable, with a note"
                    : message.email().fullText().contains("more than one message holds") ? "shortened, with a note" : "parsed");
        });
    }
}
