package io.squall.trident.planner;

import io.squall.trident.operation.Aggregator;
import io.squall.trident.operation.CombinerAggregator;
import io.squall.trident.operation.ReducerAggregator;
import io.squall.trident.operation.builtin.Count;
import io.squall.trident.tuple.TridentTupleView;
import io.squall.tuple.Fields;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code aggregate} and {@code partitionAggregate}, grouped or not: one aggregation per batch, or per group of
 * equal {@code groupFields} values; emits the group's values followed by the aggregation's. An ungrouped
 * combiner or reducer emits its value even for an empty batch (the combiner's zero, the reducer's init).
 */
record AggregateOp(Fields groupFields, Fields inputFields, Object aggregator, Fields outFields) implements ProcSpec {
    @Override
    public Processor create() {
        return new AggregateProcessor(this);
    }

    private static final class AggregateProcessor extends Processor {
        private final AggregateOp op;
        private final UserCollector collector = new UserCollector(this);
        /**
         * Each group's state, in a one-element array so that updating it costs one lookup. Keyed by the group's
         * value when it is one field (no list to build, hash and compare per tuple), else by the list of values.
         */
        private final Map<Object, Object[]> groups = new LinkedHashMap<>();
        private final boolean singleField;
        /**
         * The aggregator is the built-in {@link Count}: each group counts in a {@code long[1]} and boxes its count
         * once per batch, instead of boxing a new {@code Long} per tuple through {@code init} and {@code combine}
         * (the same result: Count's init is 1 and its combine a sum).
         */
        private final boolean counting;
        private final Selector group;
        private final Selector argFields;

        AggregateProcessor(AggregateOp op) {
            super(op.outFields);
            this.op = op;
            this.group = op.groupFields == null ? null : new Selector(op.groupFields);
            this.singleField = op.groupFields != null && op.groupFields.size() == 1;
            this.counting = op.aggregator.getClass() == Count.class;
            this.argFields = new Selector(op.inputFields);
        }

        @Override
        void prepare(ProcessorContext context) {
            super.prepare(context);
            if (op.aggregator instanceof Aggregator<?> a) {
                a.prepare(context.conf, context.operationContext);
            }
        }

        @Override
        void startBatch() {
            groups.clear();
            if (op.groupFields == null) {
                groups.put(List.of(), new Object[] {init(List.of())});
            }
        }

        @Override
        @SuppressWarnings({"unchecked", "rawtypes"})
        void execute(int input, TridentTupleView tuple) {
            Object key = group == null ? List.of() : singleField ? wrapNull(group.first(tuple)) : group.values(tuple);
            Object[] cell = groups.get(key);
            if (cell == null) {
                cell = new Object[] {init(keyValues(key))};
                groups.put(key, cell);
            }
            if (counting) {
                ((long[]) cell[0])[0]++;
                return;
            }
            TridentTupleView args = argFields.project(tuple);
            if (op.aggregator instanceof CombinerAggregator c) {
                cell[0] = c.combine(cell[0], c.init(args));
            } else if (op.aggregator instanceof Aggregator a) {
                collector.prefix = keyValues(key);
                a.aggregate(cell[0], args, collector);
            } else {
                cell[0] = ((ReducerAggregator) op.aggregator).reduce(cell[0], args);
            }
        }

        /** Counting keeps only the group's value out of a tuple; any other aggregator gets the tuple itself. */
        @Override
        boolean keepsInput() {
            return !counting;
        }

        private static final Object NULL = new Object();

        private static Object wrapNull(Object v) {
            return v == null ? NULL : v;
        }

        /** The group's values, from a map key. */
        @SuppressWarnings("unchecked")
        private List<Object> keyValues(Object key) {
            if (!singleField) {
                return (List<Object>) key;
            }
            return Collections.singletonList(key == NULL ? null : key);
        }

        @SuppressWarnings("rawtypes")
        private Object init(List<Object> key) {
            if (counting) {
                return new long[1];
            }
            if (op.aggregator instanceof Aggregator a) {
                collector.prefix = key;
                return a.init(ctx.tx, collector);
            }
            if (op.aggregator instanceof CombinerAggregator c) {
                return c.zero();
            }
            return ((ReducerAggregator) op.aggregator).init();
        }

        @Override
        @SuppressWarnings({"unchecked", "rawtypes"})
        void finishBatch() {
            for (Map.Entry<Object, Object[]> e : groups.entrySet()) {
                List<Object> key = keyValues(e.getKey());
                if (op.aggregator instanceof Aggregator a) {
                    collector.prefix = key;
                    a.complete(e.getValue()[0], collector);
                } else {
                    List<Object> out = new ArrayList<>(key.size() + 1);
                    out.addAll(key);
                    Object v = e.getValue()[0];
                    out.add(counting ? (Object) ((long[]) v)[0] : v);
                    emit(out);
                }
            }
            groups.clear();
        }

        @Override
        void cleanup() {
            if (op.aggregator instanceof Aggregator<?> a) {
                a.cleanup();
            }
        }
    }
}
