package io.squall.trident.planner;

import io.squall.trident.tuple.TridentTupleView;
import io.squall.tuple.Fields;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A join of streams within a batch: input {@code i} arrives partitioned by its join fields; at the end of the batch,
 * for each join value, the tuples of every stream with that value are crossed. A stream marked outer that has no
 * tuple with the value takes part as one tuple of nulls; a stream marked inner that has none drops the value.
 * {@code compact} emits the join values then each stream's other fields, else each stream's whole tuple.
 */
record JoinOp(List<Fields> joinFields, List<Fields> rest, List<Fields> all, List<Boolean> outer, boolean compact,
              Fields outFields) implements ProcSpec {
    @Override
    public Processor create() {
        return new Processor(outFields) {
            private final List<Map<List<Object>, List<TridentTupleView>>> sides = new ArrayList<>();
            private final List<Selector> keys = new ArrayList<>();
            private final List<Selector> others = new ArrayList<>();
            private final Set<List<Object>> order = new LinkedHashSet<>();

            {
                for (int i = 0; i < joinFields.size(); i++) {
                    sides.add(new HashMap<>());
                    keys.add(new Selector(joinFields.get(i)));
                    others.add(new Selector(compact ? rest.get(i) : all.get(i)));
                }
            }

            @Override
            void startBatch() {
                clear();
            }

            private void clear() {
                for (Map<List<Object>, List<TridentTupleView>> side : sides) {
                    side.clear();
                }
                order.clear();
            }

            @Override
            void execute(int input, TridentTupleView tuple) {
                List<Object> key = keys.get(input).values(tuple);
                sides.get(input).computeIfAbsent(key, k -> new ArrayList<>()).add(tuple);
                order.add(key);
            }

            @Override
            void finishBatch() {
                for (List<Object> key : order) {
                    List<List<List<Object>>> parts = new ArrayList<>(sides.size());
                    boolean dropped = false;
                    for (int i = 0; i < sides.size() && !dropped; i++) {
                        List<TridentTupleView> matches = sides.get(i).get(key);
                        if (matches == null) {
                            if (!outer.get(i)) {
                                dropped = true;
                            } else {
                                int n = compact ? rest.get(i).size() : all.get(i).size();
                                parts.add(List.of(Collections.nCopies(n, null)));
                            }
                            continue;
                        }
                        List<List<Object>> values = new ArrayList<>(matches.size());
                        for (TridentTupleView t : matches) {
                            values.add(others.get(i).values(t));
                        }
                        parts.add(values);
                    }
                    if (!dropped) {
                        cross(parts, 0, compact ? new ArrayList<>(key) : new ArrayList<>());
                    }
                }
                clear();
            }

            private void cross(List<List<List<Object>>> parts, int i, List<Object> prefix) {
                if (i == parts.size()) {
                    emit(prefix);
                    return;
                }
                for (List<Object> values : parts.get(i)) {
                    List<Object> next = new ArrayList<>(outFields.size());
                    next.addAll(prefix);
                    next.addAll(values);
                    cross(parts, i + 1, next);
                }
            }
        };
    }
}
