package dev.helpdesk.ingest.email;

import dev.helpdesk.ingest.Mutations;
import dev.helpdesk.ingest.Mutations.Text;
import dev.helpdesk.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import dev.helpdesk.ingest.Gen;
import dev.helpdesk.ingest.Gen.Arb;

/**
 * Text bodies for the fuzz tests of {@link HtmlText} and {@link QuotedReply}: the HTML and text of the real samples,
 * damaged; tag soup; deep nesting and floods of formatting elements (the costly cases of an HTML tree builder); reply
 * texts made of quote and attribution lines in the customers' languages, with hostile and very long lines.
 */
public final class Markup {
    private Markup() {
    }

    private static Map<String, byte[]> htmlSamples;
    private static Map<String, byte[]> textSamples;

    /** The HTML bodies of the samples (Postmark's HtmlBody, the MIME samples' text/html parts). */
    static synchronized Map<String, byte[]> htmlSamples() {
        if (htmlSamples == null) {
            htmlSamples = readHtmlSamples();
        }
        return htmlSamples;
    }

    /** The text bodies of the samples. */
    static synchronized Map<String, byte[]> textSamples() {
        if (textSamples == null) {
            textSamples = readTextSamples();
        }
        return textSamples;
    }

    private static Map<String, byte[]> readHtmlSamples() {
        Map<String, byte[]> samples = new LinkedHashMap<>();
        samples.put("postmark HtmlBody", Json.read(postmark()).path("HtmlBody").asText().getBytes(StandardCharsets.UTF_8));
        Mails.samples().forEach((name, raw) -> {
            ParsedEmail mail = MimeEmails.parse(raw, "sample");
            if (mail.html() != null) {
                samples.put(name + " html", mail.html().getBytes(StandardCharsets.UTF_8));
            }
        });
        return samples;
    }

    private static Map<String, byte[]> readTextSamples() {
        Map<String, byte[]> samples = new LinkedHashMap<>();
        samples.put("postmark TextBody", Json.read(postmark()).path("TextBody").asText().getBytes(StandardCharsets.UTF_8));
        Mails.samples().forEach((name, raw) -> {
            ParsedEmail mail = MimeEmails.parse(raw, "sample");
            if (mail.text() != null) {
                samples.put(name + " text", mail.text().getBytes(StandardCharsets.UTF_8));
            }
        });
        return samples;
    }

    private static String postmark() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("../../events/email/postmark-inbound.json"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static final List<String> TAGS = List.of("<b>", "</b>", "<i>", "</i>", "<a href=\"https://x.example/a\">", "</a>",
            "<a href=http>", "<p>", "</p>", "<div>", "</div>", "<li>", "<ul>", "</ul>", "<br>", "<br/>", "<hr>", "<table><tr><td>",
            "</td><th>", "</table>", "<script>alert(1)", "</script>", "<style>p{}", "</style>", "<title>t</title>", "<head>", "<!--",
            "-->", "<![CDATA[", "]]>", "&amp;", "&nbsp;", "&#0;", "&#xD800;", "&#99999999999;", "&bogus;", "\u0000", "<", ">", "</",
            "<svg><math>", "<template>", "<select><option>", "<textarea>", "<plaintext>", "<frameset>", "<body>", "<html>",
            "<blockquote>", "<pre>", "text", " ", "\n", "Zażółć", "<img src=x onerror=alert(1)>", "<a>", "<h1>", "<form>", "<table>",
            "<noscript>", "<iframe>", "<xmp>", "<p/>", "<b id=1 id=2>");

    /** HTML: damaged samples, tag soup, deep nesting, formatting floods. */
    public static Arb<Text> html() {
        Arb<Text> samples = Mutations.bytes(htmlSamples())
                .map(m -> new Text(m.toString(), new String(m.bytes(), StandardCharsets.UTF_8)));
        Arb<Text> soup = Gen.frequency(Gen.w(5, Gen.of(TAGS)),
                        Gen.w(1, Mutations.hostileText().map(Text::value)))
                .list(200)
                .map(tokens -> new Text("soup" + preview(tokens), String.join("", tokens)));
        Arb<Integer> many = Gen.frequency(Gen.w(3, Gen.ints(1, 1000)),
                Gen.w(1, Gen.ints(10_000, 100_000)));
        Arb<Text> nested = Gen.combine(Gen.of("<div>", "<b><i>", "<table>", "<ul><li>", "<blockquote>",
                        "<a href=\"https://x.example\">", "<span>", "<p>", "<td>", "<select>"), many)
                .as((open, n) -> new Text("nested(" + open + " x " + n + ")", open.repeat(n) + "bottom"));
        Arb<Text> formatting = Gen.combine(many, Gen.ints(1, 2000))
                .as((n, paragraphs) -> {
                    StringBuilder out = new StringBuilder();
                    for (int i = 0; i < n; i++) {
                        out.append("<b id=").append(i).append('>');
                    }
                    out.append("<p>x".repeat(paragraphs));
                    return new Text("formatting(" + n + " distinct <b>, " + paragraphs + " <p>)", out.toString());
                });
        Arb<Text> huge = Mutations.huge().map(h -> new Text(h.toString(), h.text()));
        return Gen.frequency(Gen.w(3, samples), Gen.w(3, soup), Gen.w(1, nested), Gen.w(1, formatting),
                Gen.w(1, huge));
    }

    private static final List<String> LINES = List.of("> quoted", ">", "", " ", "\t", "Thanks, that worked.",
            "On Mon, 1 Jan 2026 at 10:00, Support <s@brand.example> wrote:", "On Mon wrote:", "on x wrote:   ",
            "Den 3 mars 2026 skrev Support <s@brand.example>:", "Mandag den 2. marts 2026 skrev Support:", "Support skrev:",
            "Jan Kowalski napisał(a):", "Jan napisała:", "Support rakstīja:", "-----Original Message-----",
            "-- Ursprungligt meddelande --", "---Oprindelig meddelelse---", "-- Oryginalna wiadomość --", "From: Support",
            "Från: x", "Fra: x", "Od: x", "No: x", "From:", ">> nested > quote", "   > indented quote", "\u0000", "\uD800",
            "Den skrev skrev skrev skrev skrev skrev", "\r", "\u2028", "\u0085");

    /** Reply texts: lines of the kinds above and hostile ones, very long lines, and megabytes of quotes. */
    public static Arb<Text> replies() {
        Arb<Text> samples = Mutations.bytes(textSamples())
                .map(m -> new Text(m.toString(), new String(m.bytes(), StandardCharsets.UTF_8)));
        Arb<String> line = Gen.frequency(Gen.w(6, Gen.of(LINES)),
                Gen.w(2, Mutations.hostileText().map(Text::value)),
                Gen.w(1, Gen.combine(Gen.of("On ", "Den ", "", "> ", "From: "),
                        Gen.ints(190, 1200), Gen.of(" wrote:", " skrev:", " napisał:", " rakstīja:", ""))
                        .as((head, n, tail) -> head + "x".repeat(n) + tail)),
                Gen.w(1, Gen.ints(190, 1200).map(n -> "Den " + " skrev".repeat(n / 6) + " " + " ".repeat(n) + "y")));
        Arb<Text> lines = Gen.combine(line.list(60), Gen.of("\n", "\r\n", "\r"))
                .as((list, end) -> new Text("lines" + preview(list) + " by " + Text.of(end).label(), String.join(end, list)));
        Arb<Text> floods = Gen.combine(Gen.of("> q\n", "\n", "On x wrote:\n", "a\n", "Den skrev:\n", " \r\n"),
                        Gen.ints(10_000, 250_000), Gen.of("", "the end", "> last"))
                .as((unit, n, tail) -> new Text("flood(" + Text.of(unit).label() + " x " + n + " + " + Text.of(tail).label() + ")",
                        unit.repeat(n) + tail));
        Arb<Text> huge = Mutations.huge().map(h -> new Text(h.toString(), h.text()));
        return Gen.frequency(Gen.w(3, samples), Gen.w(4, lines), Gen.w(1, floods), Gen.w(1, huge));
    }

    private static String preview(List<String> tokens) {
        String joined = tokens.stream().map(t -> Text.of(t).label()).collect(Collectors.joining(",", "[", "]"));
        return joined.length() <= 400 ? joined : joined.substring(0, 380) + "...(" + tokens.size() + " tokens)]";
    }
}
