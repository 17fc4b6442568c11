package io.squall.streams;

import java.io.Serializable;
import java.util.Objects;

/**
 * A pair of values: the elements of a {@link PairStream} (key and value) and the default result of its joins.
 *
 * @param <T1> the first value's type
 * @param <T2> the second value's type
 */
public final class Pair<T1, T2> implements Serializable {
    private static final long serialVersionUID = 1L;
    /** The first value (the key, in a {@link PairStream}). */
    public final T1 value1;
    /** The second value. */
    public final T2 value2;

    /** A pair of the two values. */
    public Pair(T1 first, T2 second) {
        this.value1 = first;
        this.value2 = second;
    }

    /** A pair of the two values. */
    public static <T1, T2> Pair<T1, T2> of(T1 first, T2 second) {
        return new Pair<>(first, second);
    }

    /** The first value. */
    public T1 getFirst() {
        return value1;
    }

    /** The second value. */
    public T2 getSecond() {
        return value2;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Pair<?, ?> p && Objects.equals(value1, p.value1) && Objects.equals(value2, p.value2);
    }

    @Override
    public int hashCode() {
        return Objects.hash(value1, value2);
    }

    @Override
    public String toString() {
        return "(" + value1 + ", " + value2 + ")";
    }
}
