package io.squall.streams.tuple;

import java.io.Serializable;
import java.util.Objects;

/**
 * A typed tuple of 4 values, as Storm's {@code Tuple4}; {@code TupleValueMappers.of} makes them from a spout's
 * tuples.
 */
public final class Tuple4<T1, T2, T3, T4> implements Serializable {
    private static final long serialVersionUID = 1L;
    /** Value 1. */
    public final T1 value1;
    /** Value 2. */
    public final T2 value2;
    /** Value 3. */
    public final T3 value3;
    /** Value 4. */
    public final T4 value4;

    /** A tuple of the given values. */
    public Tuple4(T1 value1, T2 value2, T3 value3, T4 value4) {
        this.value1 = value1;
        this.value2 = value2;
        this.value3 = value3;
        this.value4 = value4;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Tuple4<?, ?, ?, ?> t && Objects.equals(value1, t.value1) && Objects.equals(value2, t.value2) && Objects.equals(value3, t.value3) && Objects.equals(value4, t.value4);
    }

    @Override
    public int hashCode() {
        return Objects.hash(value1, value2, value3, value4);
    }

    @Override
    public String toString() {
        return "(" + value1 + ", " + value2 + ", " + value3 + ", " + value4 + ")";
    }
}
