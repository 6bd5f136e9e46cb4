package dev.helpdesk.ingest.email;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Separates what a customer just wrote from the quoted history under it, so agents read the new part; the full
 * text is kept beside it. Recognises the attribution lines of common mail clients in the languages our
 * customers write (English, Swedish, Danish, Polish, Latvian), Outlook's header block, and "&gt;" quoting.
 */
public final class QuotedReply {
    private static final List<Pattern> ATTRIBUTIONS = List.of(
            Pattern.compile("^On .{4,200} wrote:\\s*$", Pattern.CASE_INSENSITIVE),
            Pattern.compile("^(Den|Mandag|Tirsdag|Onsdag|Torsdag|Fredag|Lørdag|Søndag|M[åa]n|Tis|Ons|Tors|Fre|Lör|Sön).{0,200} skrev.{0,200}:\\s*$",
                    Pattern.CASE_INSENSITIVE),
            Pattern.compile("^.{0,200} skrev:\\s*$", Pattern.CASE_INSENSITIVE),
            Pattern.compile("^.{0,200} napisał(a|\\(a\\))?:\\s*$", Pattern.CASE_INSENSITIVE),
            Pattern.compile("^.{0,200} rakstīja:\\s*$", Pattern.CASE_INSENSITIVE),
            Pattern.compile("^-{2,}\\s*(Original Message|Ursprungligt meddelande|Oprindelig meddelelse|Oryginalna wiadomość)\\s*-{2,}\\s*$",
                    Pattern.CASE_INSENSITIVE),
            Pattern.compile("^(From|Från|Fra|Od|No): .+$"));

    private QuotedReply() {
    }

    /** The new part of {@code text}; the whole text when nothing new stands above the quote. */
    public static String newPart(String text) {
        if (text == null) {
            return "";
        }
        String[] lines = text.replace("\r\n", "\n").split("\n", -1);
        int cut = lines.length;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.startsWith(">") && restIsQuoteOrBlank(lines, i)) {
                cut = i;
                break;
            }
            if (ATTRIBUTIONS.stream().anyMatch(p -> p.matcher(line).matches()) && i > 0) {
                cut = i;
                break;
            }
        }
        String fresh = String.join("\n", java.util.Arrays.copyOfRange(lines, 0, cut)).strip();
        return fresh.isEmpty() ? text.strip() : fresh;
    }

    private static boolean restIsQuoteOrBlank(String[] lines, int from) {
        for (int i = from; i < lines.length; i++) {
            String line = lines[i].strip();
            if (!line.isEmpty() && !line.startsWith(">")) {
                return false;
            }
        }
        return true;
    }
}
