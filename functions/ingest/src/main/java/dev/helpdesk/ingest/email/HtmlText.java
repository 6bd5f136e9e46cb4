package dev.helpdesk.ingest.email;

import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeVisitor;

/**
 * Reduces an HTML email body to readable text: block elements and {@code <br>} become line breaks, list items get
 * a dash, links keep their address, scripts and styles disappear. jsoup does the parsing (and entity decoding).
 */
public final class HtmlText {
    private static final Set<String> BLOCKS = Set.of("p", "div", "table", "tr", "ul", "ol", "h1", "h2", "h3", "h4",
            "h5", "h6", "blockquote", "pre", "section", "article", "header", "footer", "hr");

    private HtmlText() {
    }

    public static String toText(String html) {
        if (html == null || html.isBlank()) {
            return "";
        }
        Element body = Jsoup.parse(html).body();
        body.select("script, style, head, title").remove();
        StringBuilder out = new StringBuilder();
        body.traverse(new NodeVisitor() {
            @Override
            public void head(Node node, int depth) {
                if (node instanceof TextNode text) {
                    out.append(text.text());
                } else if (node instanceof Element e) {
                    String tag = e.normalName();
                    if (tag.equals("br")) {
                        out.append('\n');
                    } else if (tag.equals("li")) {
                        out.append("\n- ");
                    } else if (tag.equals("td") || tag.equals("th")) {
                        out.append(' ');
                    } else if (BLOCKS.contains(tag)) {
                        out.append('\n');
                    }
                }
            }

            @Override
            public void tail(Node node, int depth) {
                if (node instanceof Element e) {
                    String tag = e.normalName();
                    if (BLOCKS.contains(tag)) {
                        out.append('\n');
                    } else if (tag.equals("a") && e.hasAttr("href") && e.attr("href").startsWith("http")
                            && !e.text().contains(e.attr("href"))) {
                        out.append(" (").append(e.attr("href")).append(')');
                    }
                }
            }
        });
        return tidy(out.toString());
    }

    /** Trims each line, and collapses runs of blank lines to one. */
    static String tidy(String text) {
        StringBuilder out = new StringBuilder();
        int blanks = 0;
        for (String line : text.replace('\u00a0', ' ').split("\n", -1)) {
            String trimmed = line.strip().replaceAll("[ \\t]{2,}", " ");
            if (trimmed.isEmpty()) {
                blanks++;
                continue;
            }
            if (!out.isEmpty()) {
                out.append(blanks > 0 ? "\n\n" : "\n");
            }
            out.append(trimmed);
            blanks = 0;
        }
        return out.toString();
    }
}
