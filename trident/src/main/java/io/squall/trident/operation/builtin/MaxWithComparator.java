package io.squall.trident.operation.builtin;

import java.util.Comparator;

/**
 * Emits the tuple with the greatest value of a field by a comparator, or the greatest tuple when no field is named:
 * all of its input fields, as Storm's {@code MaxWithComparator} does. Of equal values the last tuple seen is kept.
 *
 * @param <T> the compared values
 */
public class MaxWithComparator<T> extends ComparisonAggregator<T> {
    private static final long serialVersionUID = 1L;

    private final Comparator<T> comparator;

    /** The greatest tuple, the comparator comparing whole tuples. */
    public MaxWithComparator(Comparator<T> comparator) {
        this(null, comparator);
    }

    /** The tuple with the greatest value of {@code inputFieldName}. */
    public MaxWithComparator(String inputFieldName, Comparator<T> comparator) {
        super(inputFieldName);
        if (comparator == null) {
            throw new IllegalArgumentException("MaxWithComparator needs a comparator");
        }
        this.comparator = comparator;
    }

    @Override
    protected T compare(T value1, T value2) {
        return comparator.compare(value1, value2) > 0 ? value1 : value2;
    }
}
