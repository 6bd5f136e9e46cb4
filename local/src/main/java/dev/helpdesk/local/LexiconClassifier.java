package dev.helpdesk.local;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The offline stand-in's sentiment model: a lexicon and a few rules, deterministic, in plain Java. Not a language
 * model: it reads words, not meaning, and exists so the local cloud labels a ticket the way a reader roughly
 * would ("I want a refund NOW, I am disputing the charge" is Urgent, not Neutral) without calling Bedrock.
 *
 * <p>The rules, in order of how the text is read:
 * <ol>
 * <li>the text is cut into words (case and accents folded; the original kept, for CAPITALS) and clauses
 * (punctuation and "but" end one);</li>
 * <li>each word or phrase found in the lexicon of the guessed language adds its valence: times the intensifier
 * just before it ("very", "muy", "sehr"), times 1.5 in CAPITALS, times 1 + 0.1 per "!" (three at most);
 * flipped and weakened (x -0.75) by a negator up to three words before it in its clause ("not happy", "ne ... pas
 * satisfait", "nie jestem zadowolony"), or just after it for negators that follow ("gefällt mir nicht");
 * before a "but" in its sentence it counts half, after it one and a half ("thanks, but it is broken");</li>
 * <li>urgency cues add up (in CAPITALS twice: "NOW"); a threat to leave or dispute (chargeback, lawyer, cancel
 * my account) is Urgent on its own.</li>
 * </ol>
 * The label: Urgent (a threat, or urgency 2 or more), else Negative (valence -1 or less), Promoter (valence 2.5 or
 * more with an enthusiastic word), Positive (valence 1 or more), Neutral. The score follows the label (spec R-SENT-1:
 * 0 very negative, 5 neutral, 10 very positive) and, inside the label's band, the valence.
 */
final class LexiconClassifier {
    static final double NEGATION = -0.75;
    static final int NEGATION_WINDOW = 3;
    static final double CAPITALS = 1.5;
    static final double QUESTION = 0.5;
    static final double URGENT_AT = 2.0;
    static final double NEGATIVE_AT = -1.0;
    static final double POSITIVE_AT = 1.0;
    static final double PROMOTER_AT = 2.5;

    /** A word: as written, folded, its clause and sentence, and whether that sentence ends in "?". */
    record Token(String original, String folded, int clause, int sentence, boolean question) {
        boolean capitals() {
            return original.length() >= 2 && original.codePoints().anyMatch(Character::isLetter)
                    && original.equals(original.toUpperCase(java.util.Locale.ROOT));
        }
    }

    /** The reading: label, score, the valence and urgency behind them, topics, and the cues that decided. */
    record Reading(String label, int score, double valence, double urgency, List<String> topics, List<String> cues,
                   Set<String> languages) {
    }

    /** Topics are listed in this order, as the cue-word stand-in listed them. */
    static final List<String> TOPIC_ORDER = List.of("refund", "returns", "delivery", "order tracking", "billing",
            "product question", "recommendations");
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{M}\\p{N}]+|[.!?;:,\\n]");
    private static final Pattern NOT_CONTRACTION = Pattern.compile("(?i)n['’]t\\b");

    private final Lexicon lexicon;

    LexiconClassifier(Lexicon lexicon) {
        this.lexicon = lexicon;
    }

    static List<Token> tokenize(String text) {
        // "don't" → "do not" before cutting, so English negation is a word like everyone else's.
        Matcher m = WORD.matcher(NOT_CONTRACTION.matcher(text).replaceAll(" not"));
        List<Token> tokens = new ArrayList<>();
        int clause = 0;
        int sentence = 0;
        int sentenceStart = 0;
        while (m.find()) {
            String t = m.group();
            if (t.length() == 1 && ".!?;:,\n".contains(t)) {
                clause++;
                if (!t.equals(",") && !t.equals(":")) {
                    if (t.equals("?")) {
                        for (int i = sentenceStart; i < tokens.size(); i++) {
                            Token q = tokens.get(i);
                            tokens.set(i, new Token(q.original(), q.folded(), q.clause(), q.sentence(), true));
                        }
                    }
                    sentence++;
                    sentenceStart = tokens.size();
                }
                continue;
            }
            tokens.add(new Token(t, Lexicon.fold(t), clause, sentence, false));
        }
        return tokens;
    }

    /** One matched valence word, kept until the sentence is read so "but" and postposed negators can change it. */
    private static final class Valence {
        final Lexicon.Entry entry;
        final int at;
        final Token token;
        double value;
        boolean negated;

        Valence(Lexicon.Entry entry, int at, Token token, double value) {
            this.entry = entry;
            this.at = at;
            this.token = token;
            this.value = value;
        }
    }

    Reading classify(String text) {
        List<Token> tokens = tokenize(text);
        List<String> words = tokens.stream().map(Token::folded).toList();
        Set<String> languages = lexicon.guessLanguages(words);
        long bangs = Math.min(3, text.chars().filter(c -> c == '!').count());
        double exclamation = 1 + 0.1 * bangs;

        List<String> cues = new ArrayList<>();
        Set<String> topics = new java.util.TreeSet<>(java.util.Comparator.comparingInt(TOPIC_ORDER::indexOf));
        // Topics are looked for at every word, whatever phrase the sentiment rules read there.
        for (int i = 0; i < tokens.size(); i++) {
            for (Lexicon.Entry e : lexicon.matchesAt(words, i, languages)) {
                if (e.kind() == Lexicon.Kind.TOPIC && topics.add(e.value())) {
                    cues.add(e.text() + " (topic " + e.value() + ")");
                }
            }
        }
        List<Valence> valences = new ArrayList<>();
        List<Integer> negators = new ArrayList<>();
        List<Integer> afterNegators = new ArrayList<>();
        List<Integer> contrasts = new ArrayList<>();
        List<String> threats = new ArrayList<>();
        double urgency = 0;
        double intensifier = 1;
        int intensifierAt = -10;

        for (int i = 0; i < tokens.size(); ) {
            List<Lexicon.Entry> found = lexicon.matchesAt(words, i, languages);
            // The longest phrase wins: "not recommend you enough" is praise, not a negated recommendation.
            int longest = found.stream().filter(e -> e.kind() != Lexicon.Kind.TOPIC).mapToInt(e -> e.words().size()).max().orElse(0);
            if (longest == 0) {
                i++;
                continue;
            }
            Token token = tokens.get(i);
            boolean caps = tokens.subList(i, i + longest).stream().allMatch(Token::capitals);
            Set<Lexicon.Kind> seen = new java.util.HashSet<>();
            for (Lexicon.Entry e : found) {
                // One entry of each kind per phrase: "thanks" is both "thanks" and "thank*", but counts once.
                if (e.words().size() != longest || !seen.add(e.kind())) {
                    continue;
                }
                switch (e.kind()) {
                    case NEGATOR -> (e.value().equals("after") ? afterNegators : negators).add(i);
                    case INTENSIFIER -> {
                        intensifier = e.weight() * (caps ? CAPITALS : 1);
                        intensifierAt = i;
                    }
                    case CONTRAST -> contrasts.add(i);
                    case URGENT -> {
                        if (!negatedBefore(tokens, negators, contrasts, i)) {
                            double u = e.weight() * (caps ? 2 : 1);
                            urgency += u;
                            cues.add(token.original() + (caps ? " (urgent, capitals)" : " (urgent)"));
                        }
                    }
                    case THREAT -> {
                        threats.add(e.text());
                        cues.add(e.text() + " (threat)");
                    }
                    case WORD, PROMOTER, THANKS -> {
                        // A question asks rather than judges: "can you recommend a good cream?" is not praise.
                        double v = e.weight() * exclamation * (caps ? CAPITALS : 1) * (token.question() ? QUESTION : 1);
                        if (i - intensifierAt <= 2 && tokens.get(intensifierAt).clause() == token.clause()) {
                            v *= intensifier;
                        }
                        Valence valence = new Valence(e, i, token, v);
                        // A phrase that carries its own negation ("toujours pas", "rien à voir") is not flipped by
                        // the "ne" before it: French, Spanish, Polish and Portuguese negate twice to mean once.
                        boolean ownNegation = e.words().size() > 1 && e.words().stream().anyMatch(w -> lexicon.isNegator(w, languages));
                        if (!ownNegation && (negatedBefore(tokens, negators, contrasts, i) || negatedBefore(tokens, afterNegators, contrasts, i))) {
                            valence.negated = true;
                            valence.value *= NEGATION;
                        }
                        valences.add(valence);
                    }
                    default -> {
                    }
                }
            }
            i += longest;
        }
        negatePostposed(tokens, afterNegators, valences);
        weighContrasts(tokens, contrasts, valences);

        double valence = 0;
        boolean enthusiastic = false;
        for (Valence v : valences) {
            valence += v.value;
            enthusiastic |= v.entry.kind() == Lexicon.Kind.PROMOTER && !v.negated;
            cues.add((v.negated ? "not " : "") + v.entry.text() + String.format(java.util.Locale.ROOT, " (%+.1f)", v.value));
        }
        if (bangs >= 2 && urgency > 0) {
            urgency += 0.5; // "!!" after an urgent word: they mean it
        }
        valence = Math.round(valence * 100) / 100.0;
        String label = !threats.isEmpty() || urgency >= URGENT_AT ? "Urgent"
                : valence <= NEGATIVE_AT ? "Negative"
                : valence >= PROMOTER_AT && enthusiastic ? "Promoter"
                : valence >= POSITIVE_AT ? "Positive"
                : "Neutral";
        List<String> topicList = topics.isEmpty() ? List.of("other") : List.copyOf(topics);
        return new Reading(label, score(label, valence), valence, urgency, topicList, cues, languages);
    }

    /** Within the label's band: the more negative (or positive) the words, the further from 5. */
    static int score(String label, double valence) {
        return switch (label) {
            case "Urgent" -> valence <= -3 ? 0 : 1;
            case "Negative" -> valence <= -4 ? 2 : 3;
            case "Neutral" -> valence < 0 ? 4 : valence > 0 ? 6 : 5;
            case "Positive" -> valence >= 2 ? 8 : 7;
            default -> valence >= 5 ? 10 : 9;
        };
    }

    /** A negator up to three words before {@code at}, in the same clause, with no "but" between them. */
    private static boolean negatedBefore(List<Token> tokens, List<Integer> negators, List<Integer> contrasts, int at) {
        for (int n : negators) {
            if (n < at && at - n <= NEGATION_WINDOW && tokens.get(n).clause() == tokens.get(at).clause()
                    && contrasts.stream().noneMatch(c -> c > n && c < at)) {
                return true;
            }
        }
        return false;
    }

    /**
     * A negator that may follow its word ("das gefällt mir nicht", "det fungerar inte") and has no valence word
     * after it in its clause negates the nearest one before it, up to three words back.
     */
    private static void negatePostposed(List<Token> tokens, List<Integer> afterNegators, List<Valence> valences) {
        for (int n : afterNegators) {
            int clause = tokens.get(n).clause();
            boolean wordAfter = valences.stream().anyMatch(v -> v.at > n && v.at - n <= NEGATION_WINDOW && v.token.clause() == clause);
            if (wordAfter) {
                continue;
            }
            valences.stream().filter(v -> v.at < n && n - v.at <= NEGATION_WINDOW && v.token.clause() == clause && !v.negated)
                    .reduce((a, b) -> b)
                    .ifPresent(v -> {
                        v.negated = true;
                        v.value *= NEGATION;
                    });
        }
    }

    /** In a sentence with "but", what comes before counts half and what comes after one and a half. */
    private static void weighContrasts(List<Token> tokens, List<Integer> contrasts, List<Valence> valences) {
        for (int c : contrasts) {
            int sentence = tokens.get(c).sentence();
            for (Valence v : valences) {
                if (v.token.sentence() == sentence) {
                    v.value *= v.at < c ? 0.5 : 1.5;
                }
            }
        }
    }
}
