package dev.helpdesk.ingest.email;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.helpdesk.ingest.Fuzz;
import dev.helpdesk.ingest.Gen;
import dev.helpdesk.ingest.Outcomes;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * Fuzzing the MIME parser (issue 17) with the raw samples damaged, generated MIME and deep nesting ({@link Mails}):
 * a mail is parsed or refused with {@link MimeEmails.InvalidEmailException}, in bounded time.
 */
@Execution(ExecutionMode.CONCURRENT)
class MimeEmailsFuzzTest {

    @Test
    @DisplayName("raw mail, damaged or generated, is parsed or refused with InvalidEmailException, never anything else, never a hang")
    void parsedOrRefused() {
        Fuzz.check("MimeEmails.parsedOrRefused", Gen.frequency(Gen.w(6, Mails.mails()), Gen.w(1, Mails.large())), mail -> {
            byte[] raw = mail.bytes();
            String outcome = Outcomes.within(Outcomes.HANG, () -> {
                try {
                    ParsedEmail parsed = MimeEmails.parse(raw, "ses-fuzz-1");
                    // An unusable sender ("From: @") is for toInbound to refuse (InvalidInput), as the adapters expect.
                    assertEquals("ses-fuzz-1", parsed.providerId());
                    return "parsed";
                } catch (MimeEmails.InvalidEmailException refused) {
                    // the SNS path answers 400, the S3 path keeps it as an unreadable message
                    return "refused";
                }
            });
            Fuzz.collect("outcome", outcome);
        });
    }
}
