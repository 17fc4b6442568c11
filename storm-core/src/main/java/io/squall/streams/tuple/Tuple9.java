package io.squall.streams.tuple;

import java.io.Serializable;
import java.util.Objects;

/**
 * A typed tuple of 9 values, as Storm's {@code Tuple9}; {@code TupleValueMappers.of} makes them from a spout's
 * tuples.
 */
public final class Tuple9<T1, T2, T3, T4, T5, T6, T7, T8, T9> implements Serializable {
    private static final long serialVersionUID = 1L;
    /** Value 1. */
    public final T1 value1;
    /** Value 2. */
    public final T2 value2;
    /** Value 3. */
    public final T3 value3;
    /** Value 4. */
    public final T4 value4;
    /** Value 5. */
    public final T5 value5;
    /** Value 6. */
    public final T6 value6;
    /** Value 7. */
    public final T7 value7;
    /** Value 8. */
    public final T8 value8;
    /** Value 9. */
    public final T9 value9;

    /** A tuple of the given values. */
    public Tuple9(T1 value1, T2 value2, T3 value3, T4 value4, T5 value5, T6 value6, T7 value7, T8 value8, T9 value9) {
        this.value1 = value1;
        this.value2 = value2;
        this.value3 = value3;
        this.value4 = value4;
        this.value5 = value5;
        this.value6 = value6;
        this.value7 = value7;
        this.value8 = value8;
        this.value9 = value9;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Tuple9<?, ?, ?, ?, ?, ?, ?, ?, ?> t && Objects.equals(value1, t.value1) && Objects.equals(value2, t.value2) && Objects.equals(value3, t.value3) && Objects.equals(value4, t.value4) && Objects.equals(value5, t.value5) && Objects.equals(value6, t.value6) && Objects.equals(value7, t.value7) && Objects.equals(value8, t.value8) && Objects.equals(value9, t.value9);
    }

    @Override
    public int hashCode() {
        return Objects.hash(value1, value2, value3, value4, value5, value6, value7, value8, value9);
    }

    @Override
    public String toString() {
        return "(" + value1 + ", " + value2 + ", " + value3 + ", " + value4 + ", " + value5 + ", " + value6 + ", " + value7 + ", " + value8 + ", " + value9 + ")";
    }
}
