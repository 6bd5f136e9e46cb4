package dev.helpdesk.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A tiny seeded generator for the fuzz tests (issue 17), in place of a property-testing library: {@link Gen} is the
 * source of randomness of one try (a {@link SplittableRandom} made from the try's seed), and {@link Gen.Arb} describes
 * how to build a value from it. The same seed always builds the same value, so a failing try is rerun from its seed.
 */
public final class Gen {
    private final SplittableRandom random;

    public Gen(long seed) {
        this.random = new SplittableRandom(seed);
    }

    /** An int in {@code [min, max]}. */
    public int between(int min, int max) {
        return random.nextInt(min, max + 1);
    }

    /** A long in {@code [min, max]} ({@code max - 1} at most when {@code max} is {@link Long#MAX_VALUE}). */
    public long between(long min, long max) {
        return random.nextLong(min, max == Long.MAX_VALUE ? max : max + 1);
    }

    public boolean bool() {
        return random.nextBoolean();
    }

    public double unit() {
        return random.nextDouble();
    }

    public byte[] bytes(int length) {
        byte[] out = new byte[length];
        random.nextBytes(out);
        return out;
    }

    public <T> T pick(List<T> choices) {
        return choices.get(random.nextInt(choices.size()));
    }

    /**
     * A string of up to {@code maxLength} chars of every kind: ASCII, control characters, any BMP char (lone
     * surrogates included), and whole supplementary code points.
     */
    public String string(int maxLength) {
        int length = between(0, maxLength);
        StringBuilder out = new StringBuilder(length + 1);
        while (out.length() < length) {
            switch (random.nextInt(5)) {
                case 0, 1 -> out.append((char) between(0x20, 0x7e));
                case 2 -> out.append((char) between(0, 0x1f));
                case 3 -> out.append((char) between(0x80, 0xffff));
                default -> out.appendCodePoint(between(0x10000, 0x10ffff));
            }
        }
        return out.toString();
    }

    /** How to build a value from a {@link Gen}. */
    @FunctionalInterface
    public interface Arb<T> {
        T sample(Gen gen);

        default <U> Arb<U> map(Function<? super T, ? extends U> f) {
            return gen -> f.apply(sample(gen));
        }

        /** A value that passes {@code keep} (retried; the filters used keep most values). */
        default Arb<T> filter(Predicate<? super T> keep) {
            return gen -> {
                for (int i = 0; i < 10_000; i++) {
                    T value = sample(gen);
                    if (keep.test(value)) {
                        return value;
                    }
                }
                throw new IllegalStateException("a filter rejected 10,000 values in a row");
            };
        }

        default Arb<List<T>> list(int minSize, int maxSize) {
            return gen -> {
                int size = gen.between(minSize, maxSize);
                List<T> out = new ArrayList<>(size);
                for (int i = 0; i < size; i++) {
                    out.add(sample(gen));
                }
                return out;
            };
        }

        default Arb<List<T>> list(int maxSize) {
            return list(0, maxSize);
        }

        default Arb<T> injectNull(double probability) {
            return gen -> gen.unit() < probability ? null : sample(gen);
        }

        default <U, R> Arb<R> with(Arb<U> other, BiFunction<? super T, ? super U, ? extends R> f) {
            return gen -> {
                T a = sample(gen);
                return f.apply(a, other.sample(gen));
            };
        }
    }

    /** One of the choices, each as likely. */
    @SafeVarargs
    public static <T> Arb<T> of(T... choices) {
        List<T> list = List.of(choices);
        return gen -> gen.pick(list);
    }

    public static <T> Arb<T> of(List<T> choices) {
        List<T> list = List.copyOf(choices);
        return gen -> gen.pick(list);
    }

    public static <T> Arb<T> just(T value) {
        return gen -> value;
    }

    public static Arb<Integer> ints(int min, int max) {
        return gen -> gen.between(min, max);
    }

    public static Arb<Boolean> bools() {
        return Gen::bool;
    }

    public static Arb<String> strings(int maxLength) {
        return gen -> gen.string(maxLength);
    }

    /** A value from {@code arb} chosen with weight {@code weight} in {@link #frequency}. */
    public record Weighted<T>(int weight, Arb<? extends T> arb) {
    }

    public static <T> Weighted<T> w(int weight, Arb<? extends T> arb) {
        return new Weighted<>(weight, arb);
    }

    /** A value from one of the arbs, chosen in proportion to the weights. */
    @SafeVarargs
    public static <T> Arb<T> frequency(Weighted<T>... choices) {
        List<Weighted<T>> list = List.of(choices);
        int total = list.stream().mapToInt(Weighted::weight).sum();
        return gen -> {
            int pick = gen.between(0, total - 1);
            for (Weighted<T> choice : list) {
                pick -= choice.weight();
                if (pick < 0) {
                    return choice.arb().sample(gen);
                }
            }
            throw new IllegalStateException("unreachable");
        };
    }

    /** A lazily resolved arb, for recursive definitions. */
    public static <T> Arb<T> lazy(java.util.function.Supplier<Arb<T>> arb) {
        return gen -> arb.get().sample(gen);
    }
    /** Values of several arbs, drawn in order, combined by {@code as}. */
    public static <A, B> Combine2<A, B> combine(Arb<A> a, Arb<B> b) {
        return new Combine2<>(a, b);
    }

    public static <A, B, C> Combine3<A, B, C> combine(Arb<A> a, Arb<B> b, Arb<C> c) {
        return new Combine3<>(a, b, c);
    }

    public static <A, B, C, D> Combine4<A, B, C, D> combine(Arb<A> a, Arb<B> b, Arb<C> c, Arb<D> d) {
        return new Combine4<>(a, b, c, d);
    }

    public static <A, B, C, D, E> Combine5<A, B, C, D, E> combine(Arb<A> a, Arb<B> b, Arb<C> c, Arb<D> d, Arb<E> e) {
        return new Combine5<>(a, b, c, d, e);
    }

    public record Combine2<A, B>(Arb<A> a, Arb<B> b) {
        public <R> Arb<R> as(BiFunction<? super A, ? super B, ? extends R> f) {
            return a.with(b, f);
        }
    }

    public interface F3<A, B, C, R> {
        R apply(A a, B b, C c);
    }

    public interface F4<A, B, C, D, R> {
        R apply(A a, B b, C c, D d);
    }

    public record Combine4<A, B, C, D>(Arb<A> a, Arb<B> b, Arb<C> c, Arb<D> d) {
        public <R> Arb<R> as(F4<? super A, ? super B, ? super C, ? super D, ? extends R> f) {
            return gen -> {
                A x1 = a.sample(gen);
                B x2 = b.sample(gen);
                C x3 = c.sample(gen);
                return f.apply(x1, x2, x3, d.sample(gen));
            };
        }
    }

    public interface F5<A, B, C, D, E, R> {
        R apply(A a, B b, C c, D d, E e);
    }

    public record Combine3<A, B, C>(Arb<A> a, Arb<B> b, Arb<C> c) {
        public <R> Arb<R> as(F3<? super A, ? super B, ? super C, ? extends R> f) {
            return gen -> {
                A x = a.sample(gen);
                B y = b.sample(gen);
                return f.apply(x, y, c.sample(gen));
            };
        }
    }

    public record Combine5<A, B, C, D, E>(Arb<A> a, Arb<B> b, Arb<C> c, Arb<D> d, Arb<E> e) {
        public <R> Arb<R> as(F5<? super A, ? super B, ? super C, ? super D, ? super E, ? extends R> f) {
            return gen -> {
                A x1 = a.sample(gen);
                B x2 = b.sample(gen);
                C x3 = c.sample(gen);
                D x4 = d.sample(gen);
                return f.apply(x1, x2, x3, x4, e.sample(gen));
            };
        }
    }
}
