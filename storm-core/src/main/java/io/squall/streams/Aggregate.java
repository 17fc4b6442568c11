package io.squall.streams;

import io.squall.streams.operations.CombinerAggregator;
import io.squall.streams.operations.Reducer;
import io.squall.streams.operations.ValueJoiner;
import io.squall.tuple.Tuple;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the first node of an aggregating bolt does: aggregate all values ({@code aggregate}, {@code reduce},
 * {@code count}), aggregate per key ({@code aggregateByKey}, {@code reduceByKey}, {@code countByKey},
 * {@code groupByKey}), or join or co-group two streams by key. On a windowed stream it collects one window's
 * values and emits the results when the window closes; otherwise it emits the updated result for each value (joins
 * need a window).
 */
final class Aggregate implements Serializable {
    private static final long serialVersionUID = 1L;

    enum Kind { GLOBAL, BY_KEY, INNER, LEFT, RIGHT, FULL, COGROUP }

    private final Kind kind;
    private final CombinerAggregator<Object, Object, Object> aggregator;
    private final ValueJoiner<Object, Object, Object> joiner;

    @SuppressWarnings("unchecked")
    private Aggregate(Kind kind, CombinerAggregator<?, ?, ?> aggregator, ValueJoiner<?, ?, ?> joiner) {
        this.kind = kind;
        this.aggregator = (CombinerAggregator<Object, Object, Object>) aggregator;
        this.joiner = (ValueJoiner<Object, Object, Object>) joiner;
    }

    static Aggregate global(CombinerAggregator<?, ?, ?> aggregator) {
        return new Aggregate(Kind.GLOBAL, aggregator, null);
    }

    static Aggregate byKey(CombinerAggregator<?, ?, ?> aggregator) {
        return new Aggregate(Kind.BY_KEY, aggregator, null);
    }

    static Aggregate join(Kind kind, ValueJoiner<?, ?, ?> joiner) {
        return new Aggregate(kind, null, joiner);
    }

    boolean isJoin() {
        return kind != Kind.GLOBAL && kind != Kind.BY_KEY;
    }

    boolean isGlobal() {
        return kind == Kind.GLOBAL;
    }

    /** A reduction as an aggregator whose accumulator is the value so far ({@link #NOTHING} before the first). */
    static <T> CombinerAggregator<T, Object, T> reducing(Reducer<T> reducer) {
        return new CombinerAggregator<>() {
            private static final long serialVersionUID = 1L;

            @Override
            public Object init() {
                return NOTHING;
            }

            @SuppressWarnings("unchecked")
            @Override
            public Object apply(Object accumulator, T value) {
                return accumulator == NOTHING ? value : reducer.apply((T) accumulator, value);
            }

            @SuppressWarnings("unchecked")
            @Override
            public Object merge(Object accum1, Object accum2) {
                return accum1 == NOTHING ? accum2 : accum2 == NOTHING ? accum1 : reducer.apply((T) accum1, (T) accum2);
            }

            @SuppressWarnings("unchecked")
            @Override
            public T result(Object accum) {
                return (T) accum;
            }
        };
    }

    private static final Object NOTHING = new Object();

    /** Counts values (what {@code operations.aggregators.Count} does, without this package depending on it). */
    static <T> CombinerAggregator<T, Long, Long> counting() {
        return CombinerAggregator.of(0L, (count, value) -> count + 1, Long::sum);
    }

    /** Collects values into a list; each result is a copy, since a running result must not change after it left. */
    static <V> CombinerAggregator<V, ArrayList<V>, Iterable<V>> grouping() {
        return new CombinerAggregator<>() {
            private static final long serialVersionUID = 1L;

            @Override
            public ArrayList<V> init() {
                return new ArrayList<>();
            }

            @Override
            public ArrayList<V> apply(ArrayList<V> accumulator, V value) {
                accumulator.add(value);
                return accumulator;
            }

            @Override
            public ArrayList<V> merge(ArrayList<V> accum1, ArrayList<V> accum2) {
                ArrayList<V> all = new ArrayList<>(accum1);
                all.addAll(accum2);
                return all;
            }

            @Override
            public Iterable<V> result(ArrayList<V> accum) {
                return new ArrayList<>(accum);
            }
        };
    }

    /** Where results go, with the input tuples each one derives from. */
    interface Results {
        void emit(Object value, List<Tuple> anchors);
    }

    Run newRun() {
        return new Run();
    }

    /**
     * One task's aggregation. Owned by the bolt's executor thread. In a window it keeps each key's input tuples, so
     * that its results are anchored to them and they are acked only once the results are out.
     */
    final class Run {
        private static final Object ALL = new Object();
        private final Map<Object, Object> accumulators = new LinkedHashMap<>();
        private final List<Map<Object, List<Object>>> sides = List.of(new LinkedHashMap<>(), new LinkedHashMap<>());
        private final Map<Object, List<Tuple>> anchors = new LinkedHashMap<>();

        /** A value outside any window: aggregates it and returns the updated result to pass on. */
        Object running(Object value) {
            if (isJoin()) {
                throw new IllegalStateException("a join runs only on a windowed stream");
            }
            Object key = kind == Kind.GLOBAL ? ALL : ((Pair<?, ?>) value).value1;
            Object v = kind == Kind.GLOBAL ? value : ((Pair<?, ?>) value).value2;
            Object result = aggregator.result(accumulate(key, v));
            return kind == Kind.GLOBAL ? result : Pair.of(key, result);
        }

        private Object accumulate(Object key, Object v) {
            Object acc = accumulators.get(key);
            acc = aggregator.apply(acc == null && !accumulators.containsKey(key) ? aggregator.init() : acc, v);
            accumulators.put(key, acc);
            return acc;
        }

        /** A value of the current window, from input {@code side} (0, or 1 for the other stream of a join). */
        void add(int side, Object value, Tuple anchor) {
            Object key = kind == Kind.GLOBAL ? ALL : ((Pair<?, ?>) value).value1;
            Object v = kind == Kind.GLOBAL ? value : ((Pair<?, ?>) value).value2;
            if (isJoin()) {
                sides.get(side).computeIfAbsent(key, k -> new ArrayList<>()).add(v);
            } else {
                accumulate(key, v);
            }
            anchors.computeIfAbsent(key, k -> new ArrayList<>()).add(anchor);
        }

        /** The window closed: emits its results and returns every tuple it held, for the caller to ack. */
        List<Tuple> flush(Results out) {
            List<Tuple> held = new ArrayList<>();
            for (Map.Entry<Object, List<Tuple>> e : anchors.entrySet()) {
                Object key = e.getKey();
                List<Tuple> from = e.getValue();
                if (isJoin()) {
                    join(key, from, out);
                } else {
                    Object result = aggregator.result(accumulators.get(key));
                    out.emit(kind == Kind.GLOBAL ? result : Pair.of(key, result), from);
                }
                held.addAll(from);
            }
            accumulators.clear();
            sides.get(0).clear();
            sides.get(1).clear();
            anchors.clear();
            return held;
        }

        private void join(Object key, List<Tuple> from, Results out) {
            List<Object> left = sides.get(0).get(key);
            List<Object> right = sides.get(1).get(key);
            if (kind == Kind.COGROUP) {
                out.emit(Pair.of(key, Pair.of(left == null ? List.of() : Collections.unmodifiableList(left),
                        right == null ? List.of() : Collections.unmodifiableList(right))), from);
                return;
            }
            boolean keepLeft = kind == Kind.LEFT || kind == Kind.FULL;
            boolean keepRight = kind == Kind.RIGHT || kind == Kind.FULL;
            if (left != null && right != null) {
                for (Object l : left) {
                    for (Object r : right) {
                        out.emit(Pair.of(key, joiner.apply(l, r)), from);
                    }
                }
            } else if (left != null && keepLeft) {
                for (Object l : left) {
                    out.emit(Pair.of(key, joiner.apply(l, null)), from);
                }
            } else if (right != null && keepRight) {
                for (Object r : right) {
                    out.emit(Pair.of(key, joiner.apply(null, r)), from);
                }
            }
        }
    }
}
