package dev.helpdesk.local;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The local classifier's word lists, one resource per language ({@code lexicon/<lang>.tsv} beside this class):
 * lines of {@code kind <TAB> term <TAB> value}. A term is one or more words, folded as the text is (lower case,
 * no accents), so "déçu" and "decu" match alike; a word ending in {@code *} matches any word it begins (Polish and
 * German inflect too much to list every form). Kinds and their values:
 * <ul>
 * <li>{@code word} (valence, -3 very negative to +3 very positive), {@code promoter} (enthusiasm: love, recommend
 * you, best; a valence too), {@code thanks} (gratitude; a valence too);</li>
 * <li>{@code negator} (value {@code after} when it may also follow the word it negates, as German "nicht" does),
 * {@code intensifier} (a factor: 1.5 for "very", 0.5 for "a bit"), {@code contrast} ("but": what follows it
 * weighs more);</li>
 * <li>{@code urgent} (an urgency weight: 2 for "asap", 1 for "tomorrow"), {@code threat} (to leave or dispute:
 * Urgent on its own), {@code topic} (the topic label), {@code stop} (a common word, only to guess the language).</li>
 * </ul>
 */
final class Lexicon {
    enum Kind { WORD, PROMOTER, THANKS, NEGATOR, INTENSIFIER, CONTRAST, URGENT, THREAT, TOPIC, STOP }

    /** One entry: its words (folded; the last may end in '*'), as written in the file for explanations. */
    record Entry(String lang, Kind kind, List<String> words, String text, double weight, String value) {
        boolean matchesAt(List<String> tokens, int at) {
            if (at + words.size() > tokens.size()) {
                return false;
            }
            for (int i = 0; i < words.size(); i++) {
                String w = words.get(i);
                String t = tokens.get(at + i);
                boolean ok = w.endsWith("*") ? t.startsWith(w.substring(0, w.length() - 1)) : t.equals(w);
                if (!ok) {
                    return false;
                }
            }
            return true;
        }
    }

    static final List<String> LANGUAGES = List.of("en", "es", "fr", "de", "pl", "pt", "sv", "da", "lv");

    private final List<Entry> entries = new ArrayList<>();
    /** Entries by their first word; entries whose first word is a prefix are under its first three letters. */
    private final Map<String, List<Entry>> byFirstWord = new HashMap<>();
    private final Map<String, List<Entry>> byPrefix = new HashMap<>();
    private final Map<String, Set<String>> stopWords = new HashMap<>();

    static Lexicon load() {
        Lexicon lexicon = new Lexicon();
        for (String lang : LANGUAGES) {
            try (InputStream in = Lexicon.class.getResourceAsStream("lexicon/" + lang + ".tsv")) {
                if (in == null) {
                    throw new IllegalStateException("missing lexicon/" + lang + ".tsv");
                }
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
                int n = 0;
                for (String line; (line = reader.readLine()) != null; ) {
                    n++;
                    if (!line.isBlank() && !line.startsWith("#")) {
                        lexicon.add(lang, line, n);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return lexicon;
    }

    private void add(String lang, String line, int lineNumber) {
        String[] f = line.split("\t");
        if (f.length < 2) {
            throw new IllegalStateException("lexicon/" + lang + ".tsv line " + lineNumber + ": expected kind, term[, value]");
        }
        Kind kind = Kind.valueOf(f[0].strip().toUpperCase(Locale.ROOT));
        String value = f.length > 2 ? f[2].strip() : "";
        double weight = switch (kind) {
            case WORD, PROMOTER, THANKS, INTENSIFIER, URGENT -> Double.parseDouble(value);
            default -> 0;
        };
        if (kind == Kind.STOP) {
            stopWords.computeIfAbsent(lang, l -> new HashSet<>()).addAll(Arrays.asList(fold(f[1]).split(" ")));
            return;
        }
        List<String> words = Arrays.asList(fold(f[1].strip()).split(" +"));
        Entry entry = new Entry(lang, kind, List.copyOf(words), f[1].strip(), weight, value);
        entries.add(entry);
        String first = words.get(0);
        if (first.endsWith("*")) {
            byPrefix.computeIfAbsent(first.substring(0, Math.min(3, first.length() - 1)), k -> new ArrayList<>()).add(entry);
        } else {
            byFirstWord.computeIfAbsent(first, k -> new ArrayList<>()).add(entry);
        }
    }

    /** The entries of these languages that match at {@code at}, topics and the rest alike. */
    List<Entry> matchesAt(List<String> tokens, int at, Set<String> languages) {
        List<Entry> found = new ArrayList<>();
        String token = tokens.get(at);
        for (Entry e : byFirstWord.getOrDefault(token, List.of())) {
            if (languages.contains(e.lang()) && e.matchesAt(tokens, at)) {
                found.add(e);
            }
        }
        for (int n = 1; n <= Math.min(3, token.length()); n++) {
            for (Entry e : byPrefix.getOrDefault(token.substring(0, n), List.of())) {
                if (languages.contains(e.lang()) && e.matchesAt(tokens, at)) {
                    found.add(e);
                }
            }
        }
        return found;
    }

    /**
     * The languages whose common words the text uses most (several on a tie), or every language when it uses
     * fewer than two of any. Only these languages' entries are read, so "mal" is "bad" in Spanish but not in German
     * ("noch mal") and "tak" is thanks in Danish but "yes" in Polish.
     */
    Set<String> guessLanguages(List<String> tokens) {
        Map<String, Integer> hits = new HashMap<>();
        int best = 0;
        for (String lang : LANGUAGES) {
            Set<String> stops = stopWords.getOrDefault(lang, Set.of());
            int n = (int) tokens.stream().filter(stops::contains).count();
            hits.put(lang, n);
            best = Math.max(best, n);
        }
        if (best < 2) {
            return new HashSet<>(LANGUAGES); // too little to go on ("Thanks!", "a question about sizes")
        }
        Set<String> guessed = new HashSet<>();
        for (String lang : LANGUAGES) {
            if (hits.get(lang) == best) {
                guessed.add(lang);
            }
        }
        return guessed;
    }

    /** Whether {@code word} (folded) negates in one of these languages. */
    boolean isNegator(String word, Set<String> languages) {
        return byFirstWord.getOrDefault(word, List.of()).stream()
                .anyMatch(e -> e.kind() == Kind.NEGATOR && e.words().size() == 1 && languages.contains(e.lang()));
    }

    int size() {
        return entries.size();
    }

    /** Lower case without accents or ligatures: "Größe" → "grosse", "łódź" → "lodz", "Ærø" → "aero". */
    static String fold(String s) {
        String lower = s.toLowerCase(Locale.ROOT).replace("ß", "ss").replace("ł", "l").replace("ø", "o")
                .replace("æ", "ae").replace("œ", "oe").replace("đ", "d");
        return Normalizer.normalize(lower, Normalizer.Form.NFD).replaceAll("\\p{M}+", "");
    }
}
