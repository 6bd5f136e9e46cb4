package dev.helpdesk.ingest.email;

import dev.helpdesk.domain.Attachment;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;
import org.apache.james.mime4j.MimeException;
import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.dom.Body;
import org.apache.james.mime4j.dom.Entity;
import org.apache.james.mime4j.dom.Message;
import org.apache.james.mime4j.dom.Multipart;
import org.apache.james.mime4j.dom.SingleBody;
import org.apache.james.mime4j.dom.TextBody;
import org.apache.james.mime4j.dom.address.Mailbox;
import org.apache.james.mime4j.dom.field.UnstructuredField;
import org.apache.james.mime4j.field.LenientFieldParser;
import org.apache.james.mime4j.message.DefaultBodyDescriptorBuilder;
import org.apache.james.mime4j.message.DefaultMessageBuilder;
import org.apache.james.mime4j.stream.BodyDescriptor;
import org.apache.james.mime4j.stream.BodyDescriptorBuilder;
import org.apache.james.mime4j.stream.Field;
import org.apache.james.mime4j.stream.MimeConfig;
import org.apache.james.mime4j.stream.RawField;
import org.apache.james.mime4j.util.MimeUtil;

/**
 * Parses a raw RFC 5322 / MIME message (as SES stores it) with Apache James mime4j: multipart/alternative and
 * mixed, quoted-printable and base64, RFC 2047 encoded subjects and names, any charset the JDK knows. The first
 * text/plain and text/html parts that are not attachments are the bodies; every other leaf part is recorded as
 * an attachment (name, type, decoded size).
 */
public final class MimeEmails {
    private MimeEmails() {
    }

    public static final class InvalidEmailException extends RuntimeException {
        public InvalidEmailException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * Multipart containers and attached messages one mail may declare. Real mail has a handful; the parser's time
     * grows with the square of the nesting (3,000 levels: 2 s) and reading the tree recurses once per level, so a mail
     * that declares more is refused before it is parsed, and, since a media type can be spelled in ways no byte count
     * sees ({@code multipart(x)/mixed}, {@code "multipart"/mixed}, folded), the parse itself stops at the first
     * container past the limit (issue 17: 10,000 folded {@code multipart\r\n /mixed} levels overflowed the stack).
     */
    static final int MAX_CONTAINERS = 128;

    /**
     * One header field (with its folded lines) at most. mime4j's parsers of From, Content-Type and Content-Disposition
     * take time quadratic in a field's length (a 1 MB From: 8 to 28 s); real fields are a few KB (Postfix passes 100 KB
     * for a whole header), so a mail with a longer one is refused, as unreadable, before anything reads it (issue 17).
     */
    static final int MAX_HEADER_FIELD_BYTES = 64 * 1024;

    public static ParsedEmail parse(byte[] raw, String providerId) {
        int containers = containers(raw);
        if (containers > MAX_CONTAINERS) {
            throw new InvalidEmailException("the message declares " + containers + " multipart or message parts; at most "
                    + MAX_CONTAINERS + " are read", null);
        }
        Message message;
        try {
            DefaultMessageBuilder builder = new DefaultMessageBuilder();
            builder.setMimeEntityConfig(MimeConfig.custom().setMaxHeaderCount(1000).setMaxLineLen(-1)
                    .setMaxHeaderLen(MAX_HEADER_FIELD_BYTES).setStrictParsing(false).build());
            // What DefaultMessageBuilder uses when lenient, counting the containers the parser will descend into.
            builder.setBodyDescriptorBuilder(new CountingContainers(
                    new DefaultBodyDescriptorBuilder(null, LenientFieldParser.getParser(), DecodeMonitor.SILENT), new int[1]));
            message = builder.parseMessage(new ByteArrayInputStream(raw));
        } catch (TooManyContainers e) {
            throw new InvalidEmailException(e.getMessage(), null);
        } catch (IOException | RuntimeException e) {
            throw new InvalidEmailException("not a parseable MIME message: " + e.getMessage(), e);
        }
        if (message.getFrom() == null || message.getFrom().isEmpty()) {
            throw new InvalidEmailException("the message has no From address", null);
        }
        Mailbox from = message.getFrom().get(0);
        Parts parts = new Parts();
        collect(message, parts);
        return new ParsedEmail(providerId, stripBrackets(message.getMessageId()),
                ParsedEmail.threadOrder(header(message, "In-Reply-To"), header(message, "References")),
                from.getAddress(), from.getName(), message.getSubject(), parts.text, parts.html, parts.attachments);
    }

    /**
     * Counts "multipart/" and "message/rfc822" in the raw bytes, case-blind, in one pass: cheap, and refuses the plain
     * flood before any parsing; other spellings are counted by the parse itself ({@link CountingContainers}).
     */
    static int containers(byte[] raw) {
        int count = 0;
        for (int i = 0; i < raw.length; i++) {
            if (startsWith(raw, i, "multipart/") || startsWith(raw, i, "message/rfc822")) {
                count++;
            }
        }
        return count;
    }

    private static final class TooManyContainers extends RuntimeException {
        TooManyContainers() {
            super("the message has more than " + MAX_CONTAINERS + " multipart or message parts; at most " + MAX_CONTAINERS
                    + " are read", null, false, false);
        }
    }

    /** Counts, as the parser meets their headers, the multiparts and attached messages it would descend into. */
    private static final class CountingContainers implements BodyDescriptorBuilder {
        private final BodyDescriptorBuilder builder;
        private final int[] count;

        CountingContainers(BodyDescriptorBuilder builder, int[] count) {
            this.builder = builder;
            this.count = count;
        }

        @Override
        public void reset() {
            builder.reset();
        }

        @Override
        public Field addField(RawField field) throws MimeException {
            return builder.addField(field);
        }

        @Override
        public BodyDescriptor build() {
            BodyDescriptor descriptor = builder.build();
            if ((MimeUtil.isMultipart(descriptor.getMimeType()) || MimeUtil.isMessage(descriptor.getMimeType()))
                    && ++count[0] > MAX_CONTAINERS) {
                throw new TooManyContainers();
            }
            return descriptor;
        }

        @Override
        public BodyDescriptorBuilder newChild() {
            return new CountingContainers(builder.newChild(), count);
        }
    }

    private static boolean startsWith(byte[] raw, int at, String word) {
        if (at + word.length() > raw.length || (raw[at] | 0x20) != word.charAt(0)) {
            return false;
        }
        for (int j = 1; j < word.length(); j++) {
            int b = raw[at + j];
            if ((Character.isLetter(word.charAt(j)) ? b | 0x20 : b) != word.charAt(j)) {
                return false;
            }
        }
        return true;
    }

    private static final class Parts {
        String text;
        String html;
        final List<Attachment> attachments = new ArrayList<>();
    }

    private static void collect(Entity entity, Parts parts) {
        Body body = entity.getBody();
        if (body instanceof Multipart multipart) {
            multipart.getBodyParts().forEach(part -> collect(part, parts));
            return;
        }
        boolean attachment = "attachment".equalsIgnoreCase(entity.getDispositionType()) || entity.getFilename() != null;
        String type = entity.getMimeType() == null ? "text/plain" : entity.getMimeType().toLowerCase(java.util.Locale.ROOT);
        if (!attachment && body instanceof TextBody textBody && type.equals("text/plain") && parts.text == null) {
            parts.text = read(textBody);
        } else if (!attachment && body instanceof TextBody textBody && type.equals("text/html") && parts.html == null) {
            parts.html = read(textBody);
        } else if (body instanceof Message nested) {
            parts.attachments.add(new Attachment(nested.getSubject() == null ? "message.eml" : nested.getSubject() + ".eml",
                    "message/rfc822", size(nested)));
        } else if (body instanceof SingleBody single) {
            parts.attachments.add(new Attachment(entity.getFilename() == null ? "part" : entity.getFilename(), type, size(single)));
        }
    }

    private static String read(TextBody body) {
        try (Reader reader = body.getReader()) {
            StringBuilder out = new StringBuilder();
            char[] buffer = new char[8192];
            for (int n; (n = reader.read(buffer)) > 0; ) {
                out.append(buffer, 0, n);
            }
            return out.toString();
        } catch (IOException e) {
            throw new InvalidEmailException("a text part could not be decoded: " + e.getMessage(), e);
        }
    }

    private static long size(SingleBody body) {
        try (InputStream in = body.getInputStream()) {
            return in.transferTo(java.io.OutputStream.nullOutputStream());
        } catch (IOException e) {
            throw new InvalidEmailException("an attachment could not be decoded: " + e.getMessage(), e);
        }
    }

    private static long size(Message nested) {
        try {
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            new org.apache.james.mime4j.message.DefaultMessageWriter().writeMessage(nested, out);
            return out.size();
        } catch (IOException e) {
            return 0;
        }
    }

    private static String header(Message message, String name) {
        Field field = message.getHeader().getField(name);
        if (field == null) {
            return null;
        }
        return field instanceof UnstructuredField u ? u.getValue() : field.getBody();
    }

    private static String stripBrackets(String id) {
        if (id == null) {
            return null;
        }
        List<String> ids = ParsedEmail.messageIds(id);
        return ids.isEmpty() ? id.strip() : ids.get(0);
    }
}
