package io.squall.trident.planner;

import io.squall.trident.operation.CombinerAggregator;
import io.squall.trident.operation.ReducerAggregator;
import io.squall.trident.state.CombinerValueUpdater;
import io.squall.trident.state.ReducerValueUpdater;
import io.squall.trident.state.State;
import io.squall.trident.state.StateFactory;
import io.squall.trident.state.ValueUpdater;
import io.squall.trident.state.map.MapState;
import io.squall.trident.tuple.TridentTuple;
import io.squall.trident.tuple.TridentTupleView;
import io.squall.tuple.Fields;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code persistentAggregate}: aggregates the batch per group (one key for an ungrouped stream), then, in the
 * commit phase, folds each group's result into its value in a {@link MapState}; emits the group followed by its
 * new value (the state's new-values stream).
 */
record PersistentAggregateOp(StateFactory factory, Fields groupFields, Fields inputFields, Object aggregator,
                             Fields outFields) implements ProcSpec {
    @Override
    public StateFactory updatedState() {
        return factory;
    }

    @Override
    public Processor create() {
        return new Processor(outFields) {
            private final Map<List<Object>, Object> partial = new LinkedHashMap<>();
            private final Selector group = new Selector(groupFields);
            private final Selector argFields = new Selector(inputFields);
            private MapState<Object> state;

            @Override
            @SuppressWarnings("unchecked")
            void prepare(ProcessorContext context) {
                super.prepare(context);
                State s = States.make(factory, context);
                if (!(s instanceof MapState<?>)) {
                    States.close(s);
                    throw new IllegalStateException("persistentAggregate needs a MapState, but "
                            + factory.getClass().getName() + " made a " + s.getClass().getName());
                }
                state = (MapState<Object>) s;
            }

            @Override
            void startBatch() {
                partial.clear();
            }

            @Override
            @SuppressWarnings({"unchecked", "rawtypes"})
            void execute(int input, TridentTupleView tuple) {
                List<Object> key = group.values(tuple);
                TridentTupleView args = argFields.project(tuple);
                if (aggregator instanceof CombinerAggregator c) {
                    Object v = c.init(args);
                    Object[] cell = (Object[]) partial.get(key);
                    if (cell == null) {
                        partial.put(key, new Object[] {v});
                    } else {
                        cell[0] = c.combine(cell[0], v);
                    }
                } else {
                    ((List<TridentTuple>) partial.computeIfAbsent(key, k -> new ArrayList<>())).add(args);
                }
            }

            @Override
            @SuppressWarnings({"unchecked", "rawtypes"})
            void finishBatch() {
                Long txid = ctx.tx.getTransactionId();
                state.beginCommit(txid);
                List<List<Object>> keys = new ArrayList<>(partial.keySet());
                List<ValueUpdater> updaters = new ArrayList<>(keys.size());
                for (List<Object> key : keys) {
                    Object p = partial.get(key);
                    // Storm's updater classes, which a user's map state may look into (getArg) as with Storm.
                    if (aggregator instanceof CombinerAggregator c) {
                        updaters.add(new CombinerValueUpdater(c, ((Object[]) p)[0]));
                    } else {
                        updaters.add(new ReducerValueUpdater((ReducerAggregator) aggregator, (List<TridentTuple>) p));
                    }
                }
                List<Object> newVals = keys.isEmpty() ? List.of() : state.multiUpdate(keys, updaters);
                state.commit(txid);
                for (int i = 0; i < keys.size(); i++) {
                    List<Object> out = new ArrayList<>(keys.get(i));
                    out.add(newVals.get(i));
                    emit(out);
                }
                partial.clear();
            }

            @Override
            void cleanup() {
                States.close(state);
            }
        };
    }
}
