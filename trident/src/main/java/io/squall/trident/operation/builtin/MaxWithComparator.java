package io.squall.trident.operation.builtin;

import java.util.Comparator;

/**
 * Emits the tuple with the greatest value of a field by a comparator (or the greatest tuple, compared whole); the
 * output fields are the input's.
 *
 * @param <T> the compared values
 */
public class MaxWithComparator<T> extends TupleComparison<T> {
    private static final long serialVersionUID = 1L;

    /** The greatest tuple, the comparator comparing whole tuples. */
    public MaxWithComparator(Comparator<T> comparator) {
        this(null, comparator);
    }

    /** The tuple with the greatest value of {@code inputFieldName}. */
    public MaxWithComparator(String inputFieldName, Comparator<T> comparator) {
        super(inputFieldName, comparator);
    }

    @Override
    boolean replaces(int comparison) {
        return comparison > 0;
    }
}
