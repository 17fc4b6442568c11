package io.squall.trident.operation.impl;

import io.squall.trident.operation.Aggregator;
import io.squall.trident.operation.CombinerAggregator;
import io.squall.trident.operation.ReducerAggregator;
import io.squall.trident.operation.TridentCollector;
import io.squall.trident.operation.TridentOperationContext;
import io.squall.trident.tuple.TridentTuple;
import io.squall.trident.tuple.TridentTupleView;
import io.squall.tuple.Fields;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Several aggregations over the same tuples at once ({@code chainedAgg()}): each gets its own input fields; at
 * the end each one's emitted tuples are crossed, so aggregations that emit one tuple each give one tuple with all
 * their fields side by side.
 */
public final class ChainedAggregatorImpl implements Aggregator<Object[]> {
    private static final long serialVersionUID = 1L;

    private final List<Object> aggregators;
    private final List<Fields> inputFields;
    private final List<Fields> outputFields;

    /**
     * @param aggregators  each an {@code Aggregator}, {@code CombinerAggregator} or {@code ReducerAggregator}
     * @param inputFields  each one's input fields
     * @param outputFields each one's output fields
     */
    public ChainedAggregatorImpl(List<Object> aggregators, List<Fields> inputFields, List<Fields> outputFields) {
        this.aggregators = List.copyOf(aggregators);
        this.inputFields = List.copyOf(inputFields);
        this.outputFields = List.copyOf(outputFields);
    }

    @Override
    public void prepare(Map<String, Object> conf, TridentOperationContext context) {
        for (Object a : aggregators) {
            if (a instanceof Aggregator<?> agg) {
                agg.prepare(conf, context);
            }
        }
    }

    @Override
    public void cleanup() {
        for (Object a : aggregators) {
            if (a instanceof Aggregator<?> agg) {
                agg.cleanup();
            }
        }
    }

    /** The state: each aggregation's state, then each one's emitted tuples. */
    @Override
    @SuppressWarnings("rawtypes")
    public Object[] init(Object batchId, TridentCollector collector) {
        int n = aggregators.size();
        Object[] state = new Object[2 * n];
        for (int i = 0; i < n; i++) {
            List<List<Object>> emitted = new ArrayList<>();
            state[n + i] = emitted;
            Object a = aggregators.get(i);
            if (a instanceof Aggregator agg) {
                state[i] = agg.init(batchId, capture(i, emitted, collector));
            } else if (a instanceof CombinerAggregator c) {
                state[i] = c.zero();
            } else {
                state[i] = ((ReducerAggregator) a).init();
            }
        }
        return state;
    }

    @Override
    @SuppressWarnings({"rawtypes", "unchecked"})
    public void aggregate(Object[] state, TridentTuple tuple, TridentCollector collector) {
        int n = aggregators.size();
        for (int i = 0; i < n; i++) {
            Fields in = inputFields.get(i);
            TridentTupleView args = new TridentTupleView(in, tuple.getFields().select(in, tuple.getValues()));
            Object a = aggregators.get(i);
            if (a instanceof Aggregator agg) {
                agg.aggregate(state[i], args, capture(i, (List<List<Object>>) state[n + i], collector));
            } else if (a instanceof CombinerAggregator c) {
                state[i] = c.combine(state[i], c.init(args));
            } else {
                state[i] = ((ReducerAggregator) a).reduce(state[i], args);
            }
        }
    }

    @Override
    @SuppressWarnings({"rawtypes", "unchecked"})
    public void complete(Object[] state, TridentCollector collector) {
        int n = aggregators.size();
        List<List<List<Object>>> parts = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            List<List<Object>> emitted = (List<List<Object>>) state[n + i];
            Object a = aggregators.get(i);
            if (a instanceof Aggregator agg) {
                agg.complete(state[i], capture(i, emitted, collector));
            } else {
                List<Object> one = new ArrayList<>(1);
                one.add(state[i]);
                emitted.add(one);
            }
            parts.add(emitted);
        }
        cross(parts, 0, new ArrayList<>(), collector);
    }

    private static void cross(List<List<List<Object>>> parts, int i, List<Object> prefix, TridentCollector out) {
        if (i == parts.size()) {
            out.emit(prefix);
            return;
        }
        for (List<Object> values : parts.get(i)) {
            List<Object> next = new ArrayList<>(prefix);
            next.addAll(values);
            cross(parts, i + 1, next, out);
        }
    }

    private TridentCollector capture(int index, List<List<Object>> into, TridentCollector outer) {
        Fields out = outputFields.get(index);
        return new TridentCollector() {
            @Override
            public void emit(List<Object> values) {
                if (values.size() != out.size()) {
                    throw new IllegalArgumentException("Chained aggregator " + aggregators.get(index).getClass()
                            .getName() + " emitted " + values + " for its output fields " + out);
                }
                into.add(new ArrayList<>(values));
            }

            @Override
            public void reportError(Throwable t) {
                outer.reportError(t);
            }
        };
    }
}
