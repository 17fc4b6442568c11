package io.squall.streams.operations.mappers;

import io.squall.streams.tuple.Tuple3;
import io.squall.streams.tuple.Tuple4;
import io.squall.streams.tuple.Tuple5;
import io.squall.streams.tuple.Tuple6;
import io.squall.streams.tuple.Tuple7;
import io.squall.streams.tuple.Tuple8;
import io.squall.streams.tuple.Tuple9;
import io.squall.streams.tuple.Tuple10;

/** Typed tuples ({@code Tuple3} to {@code Tuple10}) from the values at the given indices of a spout's tuple. */
public final class TupleValueMappers {
    private TupleValueMappers() {
    }

    /** A mapper to {@code Tuple3} of the values at the given indices. */
    @SuppressWarnings("unchecked")
    public static <T1, T2, T3> TupleValueMapper<Tuple3<T1, T2, T3>> of(int index1, int index2, int index3) {
        int[] at = indices(index1, index2, index3);
        return t -> {
            Object[] v = values(t, at);
            return new Tuple3<>((T1) v[0], (T2) v[1], (T3) v[2]);
        };
    }

    /** A mapper to {@code Tuple4} of the values at the given indices. */
    @SuppressWarnings("unchecked")
    public static <T1, T2, T3, T4> TupleValueMapper<Tuple4<T1, T2, T3, T4>> of(int index1, int index2, int index3, int index4) {
        int[] at = indices(index1, index2, index3, index4);
        return t -> {
            Object[] v = values(t, at);
            return new Tuple4<>((T1) v[0], (T2) v[1], (T3) v[2], (T4) v[3]);
        };
    }

    /** A mapper to {@code Tuple5} of the values at the given indices. */
    @SuppressWarnings("unchecked")
    public static <T1, T2, T3, T4, T5> TupleValueMapper<Tuple5<T1, T2, T3, T4, T5>> of(int index1, int index2, int index3, int index4, int index5) {
        int[] at = indices(index1, index2, index3, index4, index5);
        return t -> {
            Object[] v = values(t, at);
            return new Tuple5<>((T1) v[0], (T2) v[1], (T3) v[2], (T4) v[3], (T5) v[4]);
        };
    }

    /** A mapper to {@code Tuple6} of the values at the given indices. */
    @SuppressWarnings("unchecked")
    public static <T1, T2, T3, T4, T5, T6> TupleValueMapper<Tuple6<T1, T2, T3, T4, T5, T6>> of(int index1, int index2, int index3, int index4, int index5, int index6) {
        int[] at = indices(index1, index2, index3, index4, index5, index6);
        return t -> {
            Object[] v = values(t, at);
            return new Tuple6<>((T1) v[0], (T2) v[1], (T3) v[2], (T4) v[3], (T5) v[4], (T6) v[5]);
        };
    }

    /** A mapper to {@code Tuple7} of the values at the given indices. */
    @SuppressWarnings("unchecked")
    public static <T1, T2, T3, T4, T5, T6, T7> TupleValueMapper<Tuple7<T1, T2, T3, T4, T5, T6, T7>> of(int index1, int index2, int index3, int index4, int index5, int index6, int index7) {
        int[] at = indices(index1, index2, index3, index4, index5, index6, index7);
        return t -> {
            Object[] v = values(t, at);
            return new Tuple7<>((T1) v[0], (T2) v[1], (T3) v[2], (T4) v[3], (T5) v[4], (T6) v[5], (T7) v[6]);
        };
    }

    /** A mapper to {@code Tuple8} of the values at the given indices. */
    @SuppressWarnings("unchecked")
    public static <T1, T2, T3, T4, T5, T6, T7, T8> TupleValueMapper<Tuple8<T1, T2, T3, T4, T5, T6, T7, T8>> of(int index1, int index2, int index3, int index4, int index5, int index6, int index7, int index8) {
        int[] at = indices(index1, index2, index3, index4, index5, index6, index7, index8);
        return t -> {
            Object[] v = values(t, at);
            return new Tuple8<>((T1) v[0], (T2) v[1], (T3) v[2], (T4) v[3], (T5) v[4], (T6) v[5], (T7) v[6], (T8) v[7]);
        };
    }

    /** A mapper to {@code Tuple9} of the values at the given indices. */
    @SuppressWarnings("unchecked")
    public static <T1, T2, T3, T4, T5, T6, T7, T8, T9> TupleValueMapper<Tuple9<T1, T2, T3, T4, T5, T6, T7, T8, T9>> of(int index1, int index2, int index3, int index4, int index5, int index6, int index7, int index8, int index9) {
        int[] at = indices(index1, index2, index3, index4, index5, index6, index7, index8, index9);
        return t -> {
            Object[] v = values(t, at);
            return new Tuple9<>((T1) v[0], (T2) v[1], (T3) v[2], (T4) v[3], (T5) v[4], (T6) v[5], (T7) v[6], (T8) v[7], (T9) v[8]);
        };
    }

    /** A mapper to {@code Tuple10} of the values at the given indices. */
    @SuppressWarnings("unchecked")
    public static <T1, T2, T3, T4, T5, T6, T7, T8, T9, T10> TupleValueMapper<Tuple10<T1, T2, T3, T4, T5, T6, T7, T8, T9, T10>> of(int index1, int index2, int index3, int index4, int index5, int index6, int index7, int index8, int index9, int index10) {
        int[] at = indices(index1, index2, index3, index4, index5, index6, index7, index8, index9, index10);
        return t -> {
            Object[] v = values(t, at);
            return new Tuple10<>((T1) v[0], (T2) v[1], (T3) v[2], (T4) v[3], (T5) v[4], (T6) v[5], (T7) v[6], (T8) v[7], (T9) v[8], (T10) v[9]);
        };
    }

    private static int[] indices(int... at) {
        for (int i : at) {
            Mappers.checkIndex(i);
        }
        return at;
    }

    private static Object[] values(io.squall.tuple.Tuple t, int[] at) {
        Object[] v = new Object[at.length];
        for (int i = 0; i < at.length; i++) {
            v[i] = Mappers.valueAt(t, at[i]);
        }
        return v;
    }
}
