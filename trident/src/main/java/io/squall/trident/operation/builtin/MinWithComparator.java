package io.squall.trident.operation.builtin;

import java.util.Comparator;

/**
 * Emits the tuple with the least value of a field by a comparator (or the least tuple, compared whole); the
 * output fields are the input's.
 *
 * @param <T> the compared values
 */
public class MinWithComparator<T> extends TupleComparison<T> {
    private static final long serialVersionUID = 1L;

    /** The least tuple, the comparator comparing whole tuples. */
    public MinWithComparator(Comparator<T> comparator) {
        this(null, comparator);
    }

    /** The tuple with the least value of {@code inputFieldName}. */
    public MinWithComparator(String inputFieldName, Comparator<T> comparator) {
        super(inputFieldName, comparator);
    }

    @Override
    boolean replaces(int comparison) {
        return comparison < 0;
    }
}
