package io.squall.trident.operation.builtin;

import io.squall.trident.operation.BaseAggregator;
import io.squall.trident.operation.TridentCollector;
import io.squall.trident.tuple.TridentTuple;

import java.util.ArrayList;
import java.util.Comparator;

/**
 * Keeps the tuple with the least or greatest value of a field (or the least or greatest tuple, when no field is
 * named) and emits that whole tuple; tuples whose value is null are skipped. Ties keep the first tuple seen.
 *
 * @param <T> the compared values
 */
abstract class TupleComparison<T> extends BaseAggregator<TupleComparison.State> {
    private static final long serialVersionUID = 1L;

    /** The tuple kept so far. */
    static final class State {
        TridentTuple kept;
        Object keptValue;
    }

    private final String inputFieldName;
    private final Comparator<T> comparator;

    TupleComparison(String inputFieldName, Comparator<T> comparator) {
        if (comparator == null) {
            throw new IllegalArgumentException(getClass().getSimpleName() + " needs a comparator");
        }
        this.inputFieldName = inputFieldName;
        this.comparator = comparator;
    }

    /** Whether a value that compares {@code comparison} to the kept one replaces it. */
    abstract boolean replaces(int comparison);

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
        if (state.kept == null || replaces(comparator.compare((T) value, (T) state.keptValue))) {
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
}
