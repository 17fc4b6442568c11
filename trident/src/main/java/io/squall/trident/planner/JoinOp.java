package io.squall.trident.planner;

import io.squall.trident.tuple.TridentTupleView;
import io.squall.tuple.Fields;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An inner join of two streams within a batch: input 0 and input 1 arrive partitioned by their join fields; at the
 * end of the batch every pair with equal join values is emitted as the join values, then input 0's other fields,
 * then input 1's.
 */
record JoinOp(Fields joinFields0, Fields joinFields1, Fields rest0, Fields rest1, Fields outFields)
        implements ProcSpec {
    @Override
    public Processor create() {
        return new Processor(outFields) {
            private final Map<List<Object>, List<TridentTupleView>> left = new HashMap<>();
            private final List<TridentTupleView> right = new ArrayList<>();
            private final Selector key0 = new Selector(joinFields0);
            private final Selector key1 = new Selector(joinFields1);
            private final Selector other0 = new Selector(rest0);
            private final Selector other1 = new Selector(rest1);

            @Override
            void startBatch() {
                left.clear();
                right.clear();
            }

            @Override
            void execute(int input, TridentTupleView tuple) {
                if (input == 0) {
                    left.computeIfAbsent(key0.values(tuple), k -> new ArrayList<>()).add(tuple);
                } else {
                    right.add(tuple);
                }
            }

            @Override
            void finishBatch() {
                for (TridentTupleView r : right) {
                    List<Object> key = key1.values(r);
                    List<TridentTupleView> matches = left.get(key);
                    if (matches == null) {
                        continue;
                    }
                    List<Object> rightRest = other1.values(r);
                    for (TridentTupleView l : matches) {
                        List<Object> out = new ArrayList<>(outFields.size());
                        out.addAll(key);
                        out.addAll(other0.values(l));
                        out.addAll(rightRest);
                        emit(out);
                    }
                }
                left.clear();
                right.clear();
            }
        };
    }
}
