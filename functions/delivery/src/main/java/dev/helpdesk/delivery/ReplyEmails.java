package dev.helpdesk.delivery;

import dev.helpdesk.outbound.OutboundReply;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.james.mime4j.dom.Message;
import org.apache.james.mime4j.dom.field.ParseException;
import org.apache.james.mime4j.message.DefaultMessageWriter;

/** An email reply as MIME: From the support address, the ticket reference in the subject, a UTF-8 text body. */
final class ReplyEmails {
    private static final Pattern ADDRESS = Pattern.compile("<?([^<>\\s]+@([^<>\\s]+?))>?\\s*$");

    private ReplyEmails() {
    }

    /** The bare address of a From setting such as {@code Support <help@brand.example>}. */
    static String address(String from) {
        Matcher m = ADDRESS.matcher(from.strip());
        if (!m.find()) {
            throw new IllegalArgumentException("EMAIL_FROM is not an email address: " + from);
        }
        return m.group(1);
    }

    static byte[] mime(OutboundReply reply, String from, java.time.Instant at) {
        String sender = address(from);
        try {
            Message message = Message.Builder.of()
                    .setFrom(from)
                    .setTo(reply.to())
                    .setSubject(reply.emailSubject())
                    .setDate(Date.from(at))
                    .setMessageId("<" + reply.messageId() + "@" + sender.substring(sender.indexOf('@') + 1) + ">")
                    .setBody(reply.text(), "plain", StandardCharsets.UTF_8)
                    .setContentTransferEncoding("quoted-printable")
                    .build();
            return DefaultMessageWriter.asBytes(message);
        } catch (ParseException e) {
            throw new IllegalArgumentException("not an email address: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
