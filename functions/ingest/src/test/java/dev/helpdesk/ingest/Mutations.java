package dev.helpdesk.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.helpdesk.json.Json;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import dev.helpdesk.ingest.Gen.Arb;

/**
 * Hostile payloads for the fuzz tests (issue 17): real samples from {@code events/} damaged step by step (truncated,
 * bytes flipped, NUL and invalid UTF-8 inserted, huge fields, deep nesting, JSON values of the wrong type), and random
 * JSON, built by the seeded {@link Gen}. Every value prints short (a label, never a megabyte), so a failing try names the sample and the steps that
 * rebuild its input.
 */
public final class Mutations {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** Spliced in place of a JSON node, then replaced by the raw text of the new value (deep nesting cannot be built as a tree and written). */
    private static final String MARK = "\u0001fuzz-mark\u0001";

    private Mutations() {
    }

    // ---------------------------------------------------------------------------------------------- values

    /** A string with a short printable label (the value itself may be a megabyte). */
    public record Text(String label, String value) {
        public static Text of(String value) {
            return new Text(preview(value), value);
        }

        @Override
        public String toString() {
            return label;
        }
    }

    /** What a huge field is made of: one character, or a token that repeats (some distinct each time). */
    public enum HugeKind {
        ASCII("x"), TWO_BYTE("ż"), THREE_BYTE("日"), EMOJI("😀"), NUL("\u0000"), SPACES(" "), NEWLINES("\n"),
        QUOTED_LINES("> quoted\n"), TAGS("<b>"), DIGITS("9"), DISTINCT_IDS(null), DISTINCT_WORDS(null);

        final String unit;

        HugeKind(String unit) {
            this.unit = unit;
        }
    }

    /** A field of {@code length} characters (100 KB to 1 MB from {@link #huge()}). */
    public record Huge(HugeKind kind, int length) {
        public String text() {
            StringBuilder out = new StringBuilder(length + 16);
            for (int i = 0; out.length() < length; i++) {
                switch (kind) {
                    case DISTINCT_IDS -> out.append('<').append(i).append("@fuzz.example> ");
                    case DISTINCT_WORDS -> out.append('w').append(i).append(' ');
                    default -> out.append(kind.unit);
                }
            }
            return out.toString();
        }

        @Override
        public String toString() {
            return "Huge(" + kind + "," + length + ")";
        }
    }

    public static Arb<Huge> huge() {
        return gen -> new Huge(gen.pick(List.of(HugeKind.values())), gen.between(100_000, 1_048_576));
    }

    /** Strings an attacker or a broken client would send where an adapter expects an id, a name, an address, a number. */
    public static Arb<Text> hostileText() {
        return Gen.frequency(
                Gen.w(4, Gen.of("", " ", "\t\r\n", "\u0000", "a\u0000b", "\u0007\u001b[31m", "\uD800", "\uDFFFx",
                        "😀", "\u202Eevil", "\uFEFF", "\u200B", "null", "true", "0", "-1", "NaN", "99999999999999999999",
                        "<<<>>>", "a@b", "@", "a@b@c", " Ann@Example.COM ", "ann@example.com", "+46701234567", "()", "+",
                        "(+46) 70-123 45 67", "0x10", "1e3", "٣", " 3 ", "%00", "%ZZ", "%", "=?utf-8?B?////?=",
                        "=?x-bogus?Q?=FF?=", "\r\n", "../../etc/passwd", "[#1234] Re: order", "[#999999999999]",
                        "On Mon, 1 Jan 2026, Ann <a@b.c> wrote:", "> quoted", "<script>alert(1)</script>", "{\"a\":1}",
                        "sha256=", "wamid.ID", "m_mid.1", "image", "text", "page", "instagram", "whatsapp_business_account",
                        "https://x.example/a/b.jpg?q=1", "/")
                        .map(Text::of)),
                Gen.w(2, Gen.strings(40).map(Text::of)),
                Gen.w(1, Gen.of(3000, 513, 2049).map(n -> new Text("\"9\"x" + n, "9".repeat(n)))),
                Gen.w(1, Gen.of(257, 1000).map(n -> new Text("\"é\"x" + n, "é".repeat(n)))),
                Gen.w(1, huge().map(h -> new Text(h.toString(), h.text()))));
    }

    static String preview(String value) {
        String head = value.length() <= 60 ? value : value.substring(0, 40);
        StringBuilder out = new StringBuilder("\"");
        head.chars().forEach(c -> out.append(c < 0x20 || c == 0x7f || Character.isSurrogate((char) c)
                ? String.format("\\u%04x", c) : String.valueOf((char) c)));
        out.append('"');
        return value.length() <= 60 ? out.toString() : out + "...(" + value.length() + " chars)";
    }

    // ---------------------------------------------------------------------------------------------- mutants

    /** One way to damage a payload. */
    public interface Step {
        byte[] apply(byte[] in);
    }

    /** A named seed with the steps that damage it, in order. Prints as the seed's name and the steps. */
    public record Mutant(String seed, byte[] original, List<Step> steps) {
        public byte[] bytes() {
            byte[] out = original;
            for (Step step : steps) {
                out = step.apply(out);
            }
            return out;
        }

        @Override
        public String toString() {
            return seed + " " + steps;
        }
    }

    /** Mutants of the seeds with byte-level steps only (any format: form bodies, raw MIME, JSON). */
    public static Arb<Mutant> bytes(Map<String, byte[]> seeds) {
        return mutants(seeds, byteStep());
    }

    /**
     * Mutants of JSON seeds: JSON steps (a node replaced by a wrong type, removed, wrapped), and byte-level steps less
     * often, since most of those leave no JSON and stop at the first check.
     */
    public static Arb<Mutant> json(Map<String, byte[]> seeds) {
        return mutants(seeds, Gen.frequency(Gen.w(1, byteStep()), Gen.w(5, jsonStep())));
    }

    public static Arb<Mutant> mutants(Map<String, byte[]> seeds, Arb<Step> steps) {
        // Seeds in name order, so that a run's seed reproduces its samples whatever order the map keeps.
        Arb<String> names = Gen.of(seeds.keySet().stream().sorted().toList());
        Arb<List<Step>> lists = steps.list(4);
        return gen -> {
            String name = names.sample(gen);
            return new Mutant(name, seeds.get(name), lists.sample(gen));
        };
    }

    /** Random JSON objects whose keys are mostly ones the adapter reads, with hostile leaves; then damaged. */
    public static Arb<Mutant> randomJson(List<String> keys) {
        Arb<JsonNode> objects = jsonObject(keys, 3);
        Arb<List<Step>> damage = jsonStep().list(2);
        return gen -> {
            String text = objects.sample(gen).toString();
            return new Mutant("random " + (text.length() <= 300 ? text : preview(text)),
                    text.getBytes(StandardCharsets.UTF_8), damage.sample(gen));
        };
    }

    static Arb<JsonNode> jsonValue(List<String> keys, int depth) {
        Arb<JsonNode> leaf = Gen.frequency(
                Gen.w(4, hostileText().map(t -> TextNode.valueOf(t.value()))),
                Gen.w(1, Gen.<JsonNode>of(NODES.numberNode(0), NODES.numberNode(-1), NODES.numberNode(1.5),
                        NODES.numberNode(new java.math.BigInteger("123456789012345678901234567890")), NODES.booleanNode(true),
                        NODES.booleanNode(false), NODES.nullNode())));
        if (depth == 0) {
            return leaf;
        }
        Arb<List<JsonNode>> elements = Gen.lazy(() -> jsonValue(keys, depth - 1)).list(4);
        return Gen.frequency(Gen.w(4, leaf),
                Gen.w(2, Gen.lazy(() -> jsonObject(keys, depth - 1))),
                Gen.w(1, elements.map(list -> {
                    ArrayNode array = NODES.arrayNode();
                    list.forEach(array::add);
                    return array;
                })));
    }

    static Arb<JsonNode> jsonObject(List<String> keys, int depth) {
        Arb<String> key = Gen.frequency(Gen.w(6, Gen.of(keys)), Gen.w(1, Gen.strings(8)));
        Arb<JsonNode> value = Gen.lazy(() -> jsonValue(keys, depth));
        return gen -> {
            ObjectNode object = NODES.objectNode();
            int size = gen.between(0, 6);
            for (int i = 0; i < size; i++) {
                String k = key.sample(gen);
                object.set(k, value.sample(gen));
            }
            return object;
        };
    }

    // ---------------------------------------------------------------------------------------------- byte steps

    /** Where in the input a step acts: in ten-thousandths of its length. */
    private static Arb<Integer> at() {
        return Gen.ints(0, 10_000);
    }

    private static int index(int at, int length) {
        return (int) ((long) at * length / 10_000);
    }

    public static Arb<Step> byteStep() {
        return Gen.frequency(
                Gen.w(2, at().map(Truncate::new)),
                Gen.w(2, at().with(Gen.ints(1, 255), FlipBits::new)),
                Gen.w(3, at().with(snippet(), Insert::new)),
                Gen.w(1, at().with(Gen.ints(1, 64), Delete::new)),
                Gen.w(1, gen -> new Repeat(gen.between(0, 10_000), gen.between(1, 64), gen.between(2, 2000))),
                Gen.w(1, at().with(huge(), InsertHuge::new)));
    }

    /** Bytes that break parsers: NUL, invalid UTF-8, line ends, JSON, form and MIME punctuation. */
    public record Snippet(String label, byte[] bytes) {
        @Override
        public String toString() {
            return label;
        }
    }

    public static Arb<Snippet> snippet() {
        List<Snippet> fixed = new ArrayList<>();
        for (String s : List.of("\u0000", "\r", "\n", "\r\n\r\n", "\"", "\\", "{", "}", "[", "]", ",", ":", "\\u0000", "\\ud800",
                "\\uZZZZ", "%", "%ZZ", "%00", "%FF", "%C3%28", "&", "=", "&=&", "\r\n--", "--", "=?utf-8?B?", "?=", "<", ">",
                "\uFEFF", "\r\nContent-Type: multipart/mixed; boundary=\"fz\"\r\n\r\n--fz\r\n",
                "\r\nContent-Transfer-Encoding: base64\r\n", "\r\nContent-Type: text/plain; charset=\"x-bogus\"\r\n",
                "\r\nContent-Type: message/rfc822\r\n\r\n", " charset=utf-7", "=\r\n", "=F", "1e999", "-", "null")) {
            fixed.add(new Snippet(Text.of(s).label(), s.getBytes(StandardCharsets.UTF_8)));
        }
        for (String hex : List.of("ff", "fe", "c0af", "c328", "a0a1", "eda080", "f8888080", "e282", "80", "f4908080", "c0")) {
            fixed.add(new Snippet("0x" + hex, HexFormat.of().parseHex(hex)));
        }
        return Gen.frequency(Gen.w(4, Gen.of(fixed)),
                Gen.w(1, gen -> {
                    byte[] b = gen.bytes(gen.between(1, 8));
                    return new Snippet("0x" + HexFormat.of().formatHex(b), b);
                }));
    }

    record Truncate(int at) implements Step {
        public byte[] apply(byte[] in) {
            return Arrays.copyOf(in, index(at, in.length));
        }
    }

    public record FlipBits(int at, int mask) implements Step {
        public byte[] apply(byte[] in) {
            if (in.length == 0) {
                return in;
            }
            byte[] out = in.clone();
            int i = Math.min(index(at, in.length), in.length - 1);
            out[i] = (byte) (out[i] ^ mask);
            return out;
        }
    }

    record Insert(int at, Snippet snippet) implements Step {
        public byte[] apply(byte[] in) {
            return splice(in, index(at, in.length), 0, snippet.bytes());
        }
    }

    record Delete(int at, int length) implements Step {
        public byte[] apply(byte[] in) {
            int from = index(at, in.length);
            return splice(in, from, Math.min(length, in.length - from), new byte[0]);
        }
    }

    /** A slice of the input repeated in place: a field, a part or an element many times over. */
    record Repeat(int at, int length, int times) implements Step {
        public byte[] apply(byte[] in) {
            int from = index(at, in.length);
            byte[] slice = Arrays.copyOfRange(in, from, Math.min(in.length, from + length));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (int i = 0; i < times; i++) {
                out.writeBytes(slice);
            }
            return splice(in, from, slice.length, out.toByteArray());
        }
    }

    record InsertHuge(int at, Huge huge) implements Step {
        public byte[] apply(byte[] in) {
            return splice(in, index(at, in.length), 0, huge.text().getBytes(StandardCharsets.UTF_8));
        }
    }

    static byte[] splice(byte[] in, int from, int remove, byte[] insert) {
        byte[] out = new byte[in.length - remove + insert.length];
        System.arraycopy(in, 0, out, 0, from);
        System.arraycopy(insert, 0, out, from, insert.length);
        System.arraycopy(in, from + remove, out, from + insert.length, in.length - from - remove);
        return out;
    }

    // ---------------------------------------------------------------------------------------------- JSON steps

    /** A JSON value as raw text, so that nesting deeper than Jackson writes can be spliced in. */
    public record Value(String label, String json) {
        @Override
        public String toString() {
            return label;
        }
    }

    public static Arb<Value> wrongValue() {
        return Gen.frequency(
                Gen.w(2, Gen.of("0", "-1", "1.5", "1e400", "-0", "123456789012345678901234567890", "true", "false",
                        "null", "{}", "[]", "[{}]", "[null]", "\"\"", "\" \"").map(j -> new Value(j, j))),
                Gen.w(4, hostileText().map(t -> new Value(t.label(), Json.write(t.value())))),
                Gen.w(1, Gen.bools().with(Gen.frequency(
                                Gen.w(3, Gen.ints(2, 200)), Gen.w(2, Gen.ints(900, 1100)), Gen.w(1, Gen.ints(1100, 20_000))),
                        (array, depth) -> new Value((array ? "Deep[" : "Deep{") + depth + ")", deep(array, depth)))),
                Gen.w(1, jsonValue(List.of("id", "text", "type", "mid", "Name", "Value"), 2)
                        .map(node -> new Value(preview(node.toString()), node.toString()))));
    }

    static String deep(boolean array, int depth) {
        StringBuilder out = new StringBuilder(depth * 6 + 8);
        out.append((array ? "[" : "{\"a\":").repeat(depth)).append("\"bottom\"").append((array ? "]" : "}").repeat(depth));
        return out.toString();
    }

    public static Arb<Step> jsonStep() {
        Arb<Integer> node = Gen.ints(0, 500);
        return Gen.frequency(
                Gen.w(5, node.with(wrongValue(), SetNode::new)),
                Gen.w(1, node.map(RemoveNode::new)),
                Gen.w(1, node.with(Gen.bools(), WrapNode::new)));
    }

    /** A JSON step acts on the node with this pre-order number (0 is the root; others modulo the count of the rest). */
    abstract static class JsonStep implements Step {
        final int node;

        JsonStep(int node) {
            this.node = node;
        }

        @Override
        public byte[] apply(byte[] in) {
            JsonNode root;
            try {
                root = Json.MAPPER.readTree(in);
            } catch (Exception notJson) {
                return in; // an earlier step broke it: bytes steps go on, JSON steps have nothing to act on
            }
            if (root == null || root.isMissingNode()) {
                return in;
            }
            List<JsonNode[]> all = new ArrayList<>(); // {parent, node}, with the key or index kept beside
            List<Object> where = new ArrayList<>();
            collect(null, null, root, all, where);
            int i = node == 0 || all.size() == 1 ? 0 : 1 + (node - 1) % (all.size() - 1); // the root only as #0
            JsonNode parent = all.get(i)[0];
            Object key = where.get(i);
            String replacement = replacement(all.get(i)[1]);
            String text;
            if (parent == null) {
                text = replacement == null ? "" : replacement;
            } else {
                if (replacement == null) {
                    if (parent instanceof ObjectNode o) {
                        o.remove((String) key);
                    } else {
                        ((ArrayNode) parent).remove((Integer) key);
                    }
                } else if (parent instanceof ObjectNode o) {
                    o.put((String) key, MARK);
                } else {
                    ((ArrayNode) parent).set((Integer) key, TextNode.valueOf(MARK));
                }
                text = root.toString();
                if (replacement != null) {
                    text = text.replace(Json.write(MARK), replacement);
                }
            }
            return text.getBytes(StandardCharsets.UTF_8);
        }

        /** The new node's raw JSON, or null to remove it. */
        abstract String replacement(JsonNode old);

        private static void collect(JsonNode parent, Object key, JsonNode node, List<JsonNode[]> all, List<Object> where) {
            all.add(new JsonNode[] {parent, node});
            where.add(key);
            if (node.isObject()) {
                for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> field = it.next();
                    collect(node, field.getKey(), field.getValue(), all, where);
                }
            } else if (node.isArray()) {
                for (int i = 0; i < node.size(); i++) {
                    collect(node, i, node.get(i), all, where);
                }
            }
        }
    }

    static final class SetNode extends JsonStep {
        final Value value;

        SetNode(int node, Value value) {
            super(node);
            this.value = value;
        }

        String replacement(JsonNode old) {
            return value.json();
        }

        @Override
        public String toString() {
            return "Set(#" + node + "=" + value + ")";
        }
    }

    static final class RemoveNode extends JsonStep {
        RemoveNode(int node) {
            super(node);
        }

        String replacement(JsonNode old) {
            return null;
        }

        @Override
        public String toString() {
            return "Remove(#" + node + ")";
        }
    }

    /** The node put inside an array ({@code x} → {@code [x]}) or an object ({@code x} → {@code {"x":x}}): a wrong shape. */
    static final class WrapNode extends JsonStep {
        final boolean inArray;

        WrapNode(int node, boolean inArray) {
            super(node);
            this.inArray = inArray;
        }

        String replacement(JsonNode old) {
            return inArray ? "[" + old + "]" : "{\"x\":" + old + "}";
        }

        @Override
        public String toString() {
            return (inArray ? "WrapInArray(#" : "WrapInObject(#") + node + ")";
        }
    }
}
