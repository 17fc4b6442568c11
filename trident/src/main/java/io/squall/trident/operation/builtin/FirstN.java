package io.squall.trident.operation.builtin;

import io.squall.trident.operation.BaseAggregator;
import io.squall.trident.operation.TridentCollector;
import io.squall.trident.tuple.TridentTuple;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Emits the first {@code n} tuples of a batch (or group) in arrival order, or, given a sort field, the
 * {@code n} with the greatest (or least) values of that field, best first. Emits the input fields.
 */
public class FirstN extends BaseAggregator<List<TridentTuple>> {
    private static final long serialVersionUID = 1L;

    private final int n;
    private final String sortField;
    private final boolean reverse;

    /** The first {@code n} tuples in arrival order. */
    public FirstN(int n) {
        this(n, null, false);
    }

    /**
     * The {@code n} tuples with the greatest values of {@code sortField} (with {@code reverse} true), or the least
     * (with {@code reverse} false).
     */
    public FirstN(int n, String sortField, boolean reverse) {
        if (n < 1) {
            throw new IllegalArgumentException("FirstN needs n >= 1, got " + n);
        }
        this.n = n;
        this.sortField = sortField;
        this.reverse = reverse;
    }

    @Override
    public List<TridentTuple> init(Object batchId, TridentCollector collector) {
        return new ArrayList<>();
    }

    @Override
    public void aggregate(List<TridentTuple> state, TridentTuple tuple, TridentCollector collector) {
        if (sortField != null || state.size() < n) {
            state.add(tuple);
        }
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public void complete(List<TridentTuple> state, TridentCollector collector) {
        if (sortField != null) {
            Comparator<TridentTuple> order = Comparator.comparing(t -> (Comparable) t.getValueByField(sortField));
            state.sort(reverse ? order.reversed() : order);
        }
        for (int i = 0; i < Math.min(n, state.size()); i++) {
            collector.emit(new ArrayList<>(state.get(i)));
        }
    }
}
