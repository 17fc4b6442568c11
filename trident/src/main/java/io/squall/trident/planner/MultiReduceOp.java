package io.squall.trident.planner;

import io.squall.trident.operation.GroupedMultiReducer;
import io.squall.trident.operation.MultiReducer;
import io.squall.trident.operation.TridentMultiReducerContext;
import io.squall.trident.tuple.TridentTupleView;
import io.squall.tuple.Fields;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code multiReduce}: the tuples of every input, projected to that input's fields, go through one
 * {@link MultiReducer} per batch, or (when {@code groupFields} is set) one {@link GroupedMultiReducer} state per
 * group of the batch, whose output follows the group's values ({@code groupNames} names them).
 */
record MultiReduceOp(List<Fields> inputFields, List<Fields> groupFields, Fields groupNames, Object reducer,
                     Fields outFields) implements ProcSpec {
    @Override
    public Processor create() {
        return new Processor(outFields) {
            private final UserCollector collector = new UserCollector(this);
            private final List<Selector> inputs = new ArrayList<>();
            private final List<Selector> groups = new ArrayList<>();
            private final Map<List<Object>, Object> states = new LinkedHashMap<>();
            private Object state;

            {
                for (int i = 0; i < inputFields.size(); i++) {
                    inputs.add(new Selector(inputFields.get(i)));
                    if (groupFields != null) {
                        groups.add(new Selector(groupFields.get(i)));
                    }
                }
            }

            @Override
            void prepare(ProcessorContext context) {
                super.prepare(context);
                TridentMultiReducerContext c = new TridentMultiReducerContext(inputFields, context.operationContext);
                if (reducer instanceof MultiReducer<?> r) {
                    r.prepare(context.conf, c);
                } else {
                    ((GroupedMultiReducer<?>) reducer).prepare(context.conf, c);
                }
            }

            @Override
            void startBatch() {
                states.clear();
                if (reducer instanceof MultiReducer<?> r) {
                    collector.prefix = List.of();
                    state = r.init(collector);
                }
            }

            @Override
            @SuppressWarnings({"unchecked", "rawtypes"})
            void execute(int input, TridentTupleView tuple) {
                TridentTupleView args = inputs.get(input).project(tuple);
                if (reducer instanceof MultiReducer r) {
                    collector.prefix = List.of();
                    r.execute(state, input, args, collector);
                    return;
                }
                GroupedMultiReducer g = (GroupedMultiReducer) reducer;
                List<Object> key = groups.get(input).values(tuple);
                TridentTupleView group = new TridentTupleView(groupNames, key);
                collector.prefix = key;
                Object s = states.get(key);
                if (s == null && !states.containsKey(key)) {
                    s = g.init(collector, group);
                    states.put(key, s);
                }
                g.execute(s, input, group, args, collector);
            }

            @Override
            @SuppressWarnings({"unchecked", "rawtypes"})
            void finishBatch() {
                if (reducer instanceof MultiReducer r) {
                    collector.prefix = List.of();
                    r.complete(state, collector);
                    state = null;
                    return;
                }
                GroupedMultiReducer g = (GroupedMultiReducer) reducer;
                for (Map.Entry<List<Object>, Object> e : states.entrySet()) {
                    collector.prefix = e.getKey();
                    g.complete(e.getValue(), new TridentTupleView(groupNames, e.getKey()), collector);
                }
                states.clear();
            }

            @Override
            void cleanup() {
                if (reducer instanceof MultiReducer<?> r) {
                    r.cleanup();
                } else {
                    ((GroupedMultiReducer<?>) reducer).cleanup();
                }
            }
        };
    }
}
