package dev.helpdesk.ingest.email;

import dev.helpdesk.ingest.Mutations;
import dev.helpdesk.ingest.Mutations.Mutant;
import dev.helpdesk.ingest.Mutations.Text;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import dev.helpdesk.ingest.Gen;
import dev.helpdesk.ingest.Gen.Arb;

/**
 * Raw mail for the fuzz tests (issue 17): the samples in {@code events/email/} damaged, generated MIME trees (charsets
 * real, bogus and illegal; encodings right and broken; RFC 2047 and 2231 names; attached messages; hostile headers), and
 * deep nesting of multiparts or attached messages with the media type spelled every way a MIME parser still reads it.
 * Each prints as a short description of how it was built.
 */
public final class Mails {
    private Mails() {
    }

    public static Map<String, byte[]> samples() {
        Map<String, byte[]> samples = new LinkedHashMap<>();
        for (String name : List.of("ses-alternative-quoted-printable.eml", "ses-mixed-attachments-base64.eml", "ses-reply-windows-1257.eml")) {
            try {
                samples.put(name, Files.readAllBytes(Path.of("../../events/email").resolve(name)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return samples;
    }

    /** Every kind of raw mail, unharmed or damaged by up to four byte-level steps. */
    public static Arb<Mutant> mails() {
        Arb<Mutant> generated = Gen.combine(
                Gen.frequency(Gen.w(5, mail(2)), Gen.w(1, deep())), Mutations.byteStep().list(3))
                .as((mail, steps) -> new Mutant(mail.label(), mail.value().getBytes(StandardCharsets.ISO_8859_1), steps));
        return Gen.frequency(Gen.w(2, Mutations.bytes(samples())), Gen.w(3, generated));
    }

    /** Mail too large for one message: one text or HTML part of 100 KB to 1 MB, in a charset and transfer encoding. */
    public static Arb<Mutant> large() {
        return Gen.combine(headers(), Gen.of("text/plain", "text/html"),
                        Gen.of("utf-8", "utf-16", "windows-1257", "iso-8859-1"),
                        Gen.of("8bit", "base64", "quoted-printable"), Mutations.huge())
                .as((headers, type, charset, encoding, huge) -> {
                    String body = type.equals("text/html") ? "<p>" + huge.text() + "</p>" : huge.text();
                    String mail = headers.value() + "Content-Type: " + type + "; charset=" + charset
                            + "\r\nContent-Transfer-Encoding: " + encoding + "\r\n\r\n" + encode(body, charset, encoding);
                    return new Mutant("large " + headers.label() + " " + type + ";" + charset + ";" + encoding + ":" + huge,
                            mail.getBytes(StandardCharsets.ISO_8859_1), List.of());
                });
    }

    // Mails are built as ISO-8859-1 strings: one char per byte, so any bytes (UTF-8 of any text, NUL, 0xFF) fit.

    /** A whole mail: headers, then a body tree {@code depth} levels deep at most. */
    static Arb<Text> mail(int depth) {
        return Gen.combine(headers(), part(depth)).as((headers, body) ->
                new Text(headers.label() + " " + body.label(), headers.value() + body.value()));
    }

    static Arb<Text> headers() {
        // Huge values have a branch of their own: refused for their length (64 KB a field), they would crowd out the rest.
        Arb<Text> hostile = Mutations.hostileText().filter(t -> t.value().length() < 10_000);
        Arb<Text> huge = Mutations.huge().map(h -> new Text(h.toString(), latin1(h.text())));
        Arb<Text> from = Gen.frequency(
                Gen.w(12, Gen.of("From: Ann Example <ann@example.com>\r\n", "From: ann@example.com\r\n",
                        "From: =?utf-8?B?xbvDs8WCdyBHxJnFm2w=?= <zolw@example.pl>\r\n",
                        "From: \"=?windows-1257?Q?J=E2nis?=\" <janis@example.lv>\r\n", "From: <<<>>>\r\n", "From: \r\n", "",
                        "From: undisclosed-recipients:;\r\n", "From: \"a\" <a@b.c>, \"c\" <c@d.e>\r\n",
                        "From: <" + "x".repeat(300) + "@example.com>\r\n", "From: Ann <ann@exa mple.com>\r\n",
                        "From: =?x-bogus?B?////?= <a@b.c>\r\n", "From: Ann (comment <x@y.z>) <ann@example.com>\r\n",
                        "From: \"unterminated <ann@example.com>\r\n", "From: ann@[127.0.0.1]\r\n", "From: @\r\n",
                        "FROM:ann@example.com\r\n", "From: ann@example.com\r\nFrom: bob@example.com\r\n").map(Text::of)),
                Gen.w(3, hostile.map(t -> new Text("From: " + t.label(), "From: " + latin1(t.value()) + "\r\n"))),
                Gen.w(1, nearTheLimit().map(t -> new Text("From: " + t.label(), "From: " + t.value() + "\r\n"))),
                Gen.w(1, huge.map(t -> new Text("From: " + t.label(), "From: " + t.value() + "\r\n"))));
        Arb<Text> subject = Gen.frequency(
                Gen.w(8, Gen.of("Subject: Where is my order?\r\n", "Subject: Re: [#1234] Refund\r\n", "",
                        "Subject: =?utf-8?Q?Zam=C3=B3wienie?= [#999999999999]\r\n", "Subject: =?iso-8859-1?B?!!!?=\r\n",
                        "Subject: =?utf-8?B?" + Base64.getEncoder().encodeToString("ż".repeat(500).getBytes(StandardCharsets.UTF_8)) + "?=\r\n",
                        "Subject: folded\r\n\tover\r\n two lines\r\n").map(Text::of)),
                Gen.w(3, hostile.map(t -> new Text("Subject: " + t.label(), "Subject: " + latin1(t.value()) + "\r\n"))),
                Gen.w(1, huge.map(t -> new Text("Subject: " + t.label(), "Subject: " + t.value() + "\r\n"))));
        Arb<Text> threading = Gen.frequency(
                Gen.w(16, Gen.of("Message-ID: <m1@example.com>\r\n", "",
                        "Message-ID: <m2@example.com>\r\nIn-Reply-To: <m1@example.com>\r\nReferences: <m0@example.com> <m1@example.com>\r\n",
                        "Message-ID: <>\r\nIn-Reply-To: garbage\r\n", "Message-ID: <" + "9".repeat(3000) + "@example.com>\r\n",
                        "Message-ID: <a\u0001b@example.com>\r\nReferences: <x\u0000y@z> <ok@z>\r\n").map(Text::of)),
                Gen.w(1, huge.map(t -> new Text("References: " + t.label(), "References: " + t.value() + "\r\n"))),
                Gen.w(1, nearTheLimit().map(t -> new Text("References: " + t.label(), "References: " + t.value() + "\r\n"))));
        return Gen.combine(from, subject, threading).as((f, s, t) ->
                new Text(f.label() + s.label() + t.label(), f.value() + s.value() + t.value() + "MIME-Version: 1.0\r\n"));
    }

    /**
     * A header value just under the 64 KB a field may have (the structured-field parsers are quadratic in its length):
     * words, mailboxes, quotes, Message-IDs, on one line or folded.
     */
    static Arb<Text> nearTheLimit() {
        return Gen.combine(Gen.of("w", "a@b.c, ", "\"", "<r@x> ", "g:;", "=?utf-8?Q?w?= "),
                        Gen.ints(30_000, 64_000), Gen.of("", "\r\n "))
                .as((unit, length, fold) -> {
                    StringBuilder out = new StringBuilder();
                    for (int i = 0; out.length() + unit.length() + 12 + fold.length() < length; i++) {
                        out.append(unit.replace("w", "w" + i).replace("r@", "r" + i + "@")).append(' ').append(i % 50 == 49 ? fold : "");
                    }
                    return new Text(Text.of(unit).label() + " to " + out.length() + (fold.isEmpty() ? "" : " folded"), out.toString());
                });
    }

    /** A body part (its Content-* headers, a blank line, its content); containers only while depth lasts. */
    static Arb<Text> part(int depth) {
        if (depth == 0) {
            return leaf();
        }
        Arb<Text> multipart = Gen.combine(
                Gen.of("mixed", "alternative", "related", "digest", "x-bogus"),
                Gen.of("b1", "=_Part_0_12345", "", "\"quoted boundary\"", "x".repeat(200), "b1; boundary=b2", "--"),
                Gen.lazy(() -> part(depth - 1)).list(4),
                Gen.of(true, true, true, false))
                .as((subtype, boundary, children, closed) -> {
                    String b = boundary.startsWith("\"") ? boundary.substring(1, boundary.length() - 1) : boundary;
                    StringBuilder out = new StringBuilder("Content-Type: multipart/" + subtype + "; boundary=" + boundary
                            + "\r\n\r\npreamble\r\n");
                    for (Text child : children) {
                        out.append("--").append(b).append("\r\n").append(child.value()).append("\r\n");
                    }
                    if (closed) {
                        out.append("--").append(b).append("--\r\nepilogue\r\n");
                    }
                    return new Text(subtype + "(" + Mutations.Text.of(boundary).label() + (closed ? "" : ",unclosed") + ")"
                            + children.stream().map(Text::label).collect(Collectors.joining(", ", "[", "]")),
                            out.toString());
                });
        Arb<Text> attached = Gen.lazy(() -> mail(depth - 1)).map(inner -> new Text("rfc822{" + inner.label() + "}",
                "Content-Type: message/rfc822\r\n\r\n" + inner.value()));
        return Gen.frequency(Gen.w(3, leaf()), Gen.w(2, multipart), Gen.w(1, attached));
    }

    static Arb<Text> leaf() {
        Arb<String> type = Gen.of("text/plain", "text/plain", "text/html", "text/html", "application/pdf", "image/png",
                "text/calendar", "application/octet-stream", "text", "", "foo/bar/baz", "TEXT/PLAIN", "message/delivery-status",
                "multipart/mixed");
        Arb<String> charset = Gen.of("utf-8", "UTF-8", "iso-8859-1", "windows-1257", "utf-16", "utf-16le", "utf-32",
                "x-no-such-charset", "@@", "utf 8", "", "\"utf-8\"", "unicode-1-1-utf-7", "x-user-defined", "iso-2022-jp",
                "gb18030", "ibm037", "us-ascii");
        Arb<String> encoding = Gen.of("7bit", "8bit", "binary", "base64", "quoted-printable", "x-uuencode", "bogus",
                "BASE64 ", "", "broken-base64", "broken-quoted-printable");
        Arb<String> disposition = Gen.of("", "", "inline", "attachment", "attachment; filename=\"faktura.pdf\"",
                "attachment; filename*=utf-8''%E2%82%AC.pdf", "attachment; filename*=bogus''x", "attachment; filename*=utf-8''%E0%A4%A",
                "attachment; filename*0*=utf-8''a; filename*1=b", "attachment; filename=\"=?utf-8?B?////?=\"",
                "attachment; filename=" + "x".repeat(3000), "attachment; filename=", "inline; filename=\"\"",
                "attachment; filename=\"a\u0000b.pdf\"");
        Arb<Text> content = Gen.frequency(
                Gen.w(3, Gen.of("Hello,\r\nmy parcel has not arrived.\r\n\r\nOn Mon, 1 Jan 2026, Support <s@b.c> wrote:\r\n> old\r\n",
                        "Zażółć gęślą jaźń. Jūsu paka ir ceļā. Åsa Öberg.", "<p>Hi <b>there</b><br><a href=\"https://x.example\">link</a></p>",
                        "line\rwith\rbare\rCRs", "=== not qp ===", "--b1\r\nlooks like a boundary\r\n--b1--").map(Text::of)),
                Gen.w(2, Mutations.hostileText()),
                Gen.w(1, Markup.html().map(h -> new Text("html:" + h.label(), h.value()))),
                Gen.w(1, Mutations.huge().map(h -> new Text(h.toString(), h.text()))));
        return Gen.combine(type, charset, encoding, disposition, content).as((t, cs, enc, disp, body) -> {
            StringBuilder out = new StringBuilder("Content-Type: " + t + (cs.isEmpty() ? "" : "; charset=" + cs) + "\r\n");
            String cte = enc.startsWith("broken-") ? enc.substring("broken-".length()) : enc;
            if (!cte.isEmpty()) {
                out.append("Content-Transfer-Encoding: ").append(cte).append("\r\n");
            }
            if (!disp.isEmpty()) {
                out.append("Content-Disposition: ").append(latin1(disp)).append("\r\n");
            }
            out.append("\r\n").append(encode(body.value(), cs, enc));
            return new Text(t + ";" + cs + ";" + enc + (disp.isEmpty() ? "" : ";" + Text.of(disp).label()) + ":" + body.label(),
                    out.toString());
        });
    }

    /** Deep nesting: {@code depth} multiparts or attached messages, each spelled one way; 128 are allowed. */
    static Arb<Text> deep() {
        Arb<Integer> depth = Gen.frequency(Gen.w(3, Gen.ints(1, 40)),
                Gen.w(2, Gen.ints(120, 140)), Gen.w(1, Gen.ints(1000, 5000)),
                Gen.w(1, Gen.ints(10_000, 20_000)));
        Arb<String> multipart = Gen.of("multipart/mixed", "MULTIPART/MIXED", "multipart(c)/mixed", "multipart /mixed",
                "multipart\r\n /mixed", "multi(c)part/mixed", "\"multipart\"/mixed", "multipart/\"mixed\"");
        Arb<String> message = Gen.of("message/rfc822", "MESSAGE/RFC822", "message(c)/rfc822", "message /rfc822",
                "message\r\n /rfc822", "mess(c)age/rfc822");
        Arb<Text> multiparts = Gen.combine(depth, multipart).as((n, spelled) -> {
            StringBuilder mail = new StringBuilder("From: Deep Diver <deep@example.com>\r\nSubject: deep\r\nMIME-Version: 1.0\r\n");
            for (int i = 0; i < n; i++) {
                mail.append("Content-Type: ").append(spelled).append("; boundary=\"b").append(i).append("\"\r\n\r\n--b").append(i).append("\r\n");
            }
            mail.append("Content-Type: text/plain\r\n\r\nhello from the bottom\r\n");
            for (int i = n - 1; i >= 0; i--) {
                mail.append("--b").append(i).append("--\r\n");
            }
            return new Text("Deep(" + n + " x " + Text.of(spelled).label() + ")", mail.toString());
        });
        Arb<Text> messages = Gen.combine(depth, message).as((n, spelled) -> {
            StringBuilder mail = new StringBuilder();
            for (int i = 0; i < n; i++) {
                mail.append("From: level").append(i).append("@example.com\r\nContent-Type: ").append(spelled).append("\r\n\r\n");
            }
            mail.append("From: bottom@example.com\r\nContent-Type: text/plain\r\n\r\nhello from the bottom\r\n");
            return new Text("DeepMessages(" + n + " x " + Text.of(spelled).label() + ")", mail.toString());
        });
        return Gen.frequency(Gen.w(1, multiparts), Gen.w(1, messages));
    }

    /** Content in the declared charset (UTF-8 when the JDK has no such charset) and transfer encoding, or broken on purpose. */
    static String encode(String text, String charset, String encoding) {
        Charset cs;
        try {
            cs = Charset.forName(charset.replace("\"", ""));
        } catch (RuntimeException unknown) {
            cs = StandardCharsets.UTF_8;
        }
        byte[] bytes = text.getBytes(cs.canEncode() ? cs : StandardCharsets.UTF_8);
        return switch (encoding.strip().toLowerCase(java.util.Locale.ROOT)) {
            case "base64" -> Base64.getMimeEncoder().encodeToString(bytes) + "\r\n";
            case "broken-base64" -> Base64.getMimeEncoder().encodeToString(bytes).replace('A', '!') + "=\r\n===\r\n";
            case "quoted-printable" -> quotedPrintable(bytes);
            case "broken-quoted-printable" -> quotedPrintable(bytes) + "=ZZ=\r=4\r\n";
            default -> new String(bytes, StandardCharsets.ISO_8859_1);
        };
    }

    static String quotedPrintable(byte[] bytes) {
        StringBuilder out = new StringBuilder();
        int line = 0;
        for (byte b : bytes) {
            int c = b & 0xff;
            String piece = (c >= 33 && c <= 126 && c != '=') || c == ' ' ? String.valueOf((char) c) : String.format("=%02X", c);
            if (line + piece.length() > 75) {
                out.append("=\r\n");
                line = 0;
            }
            out.append(piece);
            line += piece.length();
        }
        return out.append("\r\n").toString();
    }

    /** Text as the UTF-8 bytes a mail would carry, one char per byte. */
    static String latin1(String text) {
        return new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    }
}
