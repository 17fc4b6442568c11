package io.squall.streams.tuple;

import java.io.Serializable;
import java.util.Objects;

/**
 * A typed tuple of 3 values, as Storm's {@code Tuple3}; {@code TupleValueMappers.of} makes them from a spout's
 * tuples.
 */
public final class Tuple3<T1, T2, T3> implements Serializable {
    private static final long serialVersionUID = 1L;
    /** Value 1. */
    public final T1 value1;
    /** Value 2. */
    public final T2 value2;
    /** Value 3. */
    public final T3 value3;

    /** A tuple of the given values. */
    public Tuple3(T1 value1, T2 value2, T3 value3) {
        this.value1 = value1;
        this.value2 = value2;
        this.value3 = value3;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Tuple3<?, ?, ?> t && Objects.equals(value1, t.value1) && Objects.equals(value2, t.value2) && Objects.equals(value3, t.value3);
    }

    @Override
    public int hashCode() {
        return Objects.hash(value1, value2, value3);
    }

    @Override
    public String toString() {
        return "(" + value1 + ", " + value2 + ", " + value3 + ")";
    }
}
