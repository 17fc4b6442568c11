package io.squall.trident.operation.builtin;

import io.squall.trident.operation.BaseAggregator;
import io.squall.trident.operation.TridentCollector;
import io.squall.trident.tuple.TridentTuple;

import java.util.ArrayList;

/**
 * Keeps the tuple with the least or greatest value of a field (or the least or greatest tuple, compared whole, when
 * no field is named) and emits that whole tuple: every input field of the operation, as Storm's builtins do. Tuples
 * whose value is null are skipped; a partition with no other tuple emits nothing. Of tuples that compare equal the
 * last one seen is kept, as in Storm.
 *
 * <p>Used by one task thread at a time, like every aggregator.
 *
 * @param <T> the compared values
 */
public abstract class ComparisonAggregator<T> extends BaseAggregator<ComparisonAggregator.State> {
    private static final long serialVersionUID = 1L;

    /** The tuple kept so far in one batch (or group of a batch). */
    public static final class State {
        TridentTuple kept;
        Object keptValue;
    }

    private final String inputFieldName;

    /** @param inputFieldName the field compared, or null to compare whole tuples */
    protected ComparisonAggregator(String inputFieldName) {
        this.inputFieldName = inputFieldName;
    }

    /**
     * Which of two non-null values wins: {@code value1} is the one kept so far, {@code value2} the new one. Return
     * {@code value2} to keep the new tuple.
     */
    protected abstract T compare(T value1, T value2);

    @Override
    public State init(Object batchId, TridentCollector collector) {
        return new State();
    }

    @Override
    @SuppressWarnings("unchecked")
    public void aggregate(State state, TridentTuple tuple, TridentCollector collector) {
        Object value = inputFieldName == null ? tuple : tuple.getValueByField(inputFieldName);
        if (value == null) {
            return;
        }
        if (state.kept == null || compare((T) state.keptValue, (T) value) == value) {
            state.kept = tuple;
            state.keptValue = value;
        }
    }

    @Override
    public void complete(State state, TridentCollector collector) {
        if (state.kept != null) {
            collector.emit(new ArrayList<>(state.kept.getValues()));
        }
    }

    /** The name of the compared field, or null when whole tuples are compared. */
    protected String inputFieldName() {
        return inputFieldName;
    }

    /** The value as a {@code Comparable}, or a clear error naming the field and the class found. */
    @SuppressWarnings("unchecked")
    static Comparable<Object> comparable(String aggregator, String field, Object value) {
        if (!(value instanceof Comparable)) {
            throw new IllegalArgumentException(aggregator + " compares field '" + field + "' whose values must be "
                    + "Comparable; got a " + value.getClass().getName() + ". Use " + aggregator
                    + "WithComparator or minBy/maxBy with a Comparator for such values.");
        }
        return (Comparable<Object>) value;
    }
}
