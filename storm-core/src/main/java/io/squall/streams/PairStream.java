package io.squall.streams;

import io.squall.streams.operations.BiFunction;
import io.squall.streams.operations.CombinerAggregator;
import io.squall.streams.operations.Consumer;
import io.squall.streams.operations.FlatMapFunction;
import io.squall.streams.operations.Function;
import io.squall.streams.operations.PairValueJoiner;
import io.squall.streams.operations.Predicate;
import io.squall.streams.operations.Reducer;
import io.squall.streams.operations.StateUpdater;
import io.squall.streams.operations.ValueJoiner;
import io.squall.streams.windowing.Window;

import java.util.List;
import java.util.Objects;

/**
 * A stream of key-value pairs, as Storm's {@code PairStream}. The operations by key group the stream by key over
 * its tasks (a fields grouping), so each key's values meet in one task.
 *
 * @param <K> the keys' type
 * @param <V> the values' type
 */
public class PairStream<K, V> extends Stream<Pair<K, V>> {
    PairStream(StreamBuilder builder, Node node) {
        super(builder, node);
    }

    /** The same keys with {@code function} of each value. */
    public <R> PairStream<K, R> mapValues(Function<? super V, ? extends R> function) {
        return new PairStream<>(builder, child(Node.Kind.PROCESS, Ops.mapValues(Objects.requireNonNull(function)), true));
    }

    /** A pair of the key and each value that {@code function} gives for the pair's value. */
    public <R> PairStream<K, R> flatMapValues(FlatMapFunction<? super V, ? extends R> function) {
        return new PairStream<>(builder,
                child(Node.Kind.PROCESS, Ops.flatMapValues(Objects.requireNonNull(function)), true));
    }

    /** The values of each key aggregated from an initial value, an accumulator and a combiner. */
    public <R> PairStream<K, R> aggregateByKey(R initialValue, BiFunction<? super R, ? super V, ? extends R> accumulator,
                                               BiFunction<? super R, ? super R, ? extends R> combiner) {
        return aggregateByKey(CombinerAggregator.of(initialValue, accumulator, combiner));
    }

    /**
     * The values of each key aggregated: per window on a windowed stream (a pair per key in the window), else the
     * key's updated aggregate after each value.
     */
    public <A, R> PairStream<K, R> aggregateByKey(CombinerAggregator<? super V, A, ? extends R> aggregator) {
        return byKey(Aggregate.byKey(Objects.requireNonNull(aggregator)));
    }

    /** The number of values of each key. */
    public PairStream<K, Long> countByKey() {
        return aggregateByKey(Aggregate.<V>counting());
    }

    /** The values of each key reduced by {@code reducer}. */
    public PairStream<K, V> reduceByKey(Reducer<V> reducer) {
        return byKey(Aggregate.byKey(Aggregate.reducing(Objects.requireNonNull(reducer))));
    }

    /** The values of each key, in arrival order. */
    public PairStream<K, Iterable<V>> groupByKey() {
        return byKey(Aggregate.byKey(Aggregate.<V>grouping()));
    }

    /** {@link #groupByKey()} per window of {@code window}. */
    public PairStream<K, Iterable<V>> groupByKeyAndWindow(Window<?, ?> window) {
        return window(window).groupByKey();
    }

    /** {@link #reduceByKey} per window of {@code window}. */
    public PairStream<K, V> reduceByKeyAndWindow(Reducer<V> reducer, Window<?, ?> window) {
        return window(window).reduceByKey(reducer);
    }

    private <R> PairStream<K, R> byKey(Aggregate aggregate) {
        Node n = builder.add(Node.Kind.AGGREGATE, List.of(node), node.parallelism, true);
        n.aggregate = aggregate;
        return new PairStream<>(builder, n);
    }

    @Override
    public PairStream<K, V> peek(Consumer<? super Pair<K, V>> action) {
        return new PairStream<>(builder, child(Node.Kind.PROCESS, Ops.peek(Objects.requireNonNull(action)), true));
    }

    @Override
    public PairStream<K, V> filter(Predicate<? super Pair<K, V>> predicate) {
        return new PairStream<>(builder, child(Node.Kind.PROCESS, Ops.filter(Objects.requireNonNull(predicate)), true));
    }

    @Override
    public PairStream<K, V> window(Window<?, ?> window) {
        return new PairStream<>(builder, windowNode(window));
    }

    @Override
    public PairStream<K, V> repartition(int parallelism) {
        return new PairStream<>(builder, repartitionNode(parallelism));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    @Override
    public PairStream<K, V>[] branch(Predicate<? super Pair<K, V>>... predicates) {
        Node[] nodes = branchNodes(predicates);
        PairStream<K, V>[] out = new PairStream[nodes.length];
        for (int i = 0; i < nodes.length; i++) {
            out[i] = new PairStream<>(builder, nodes[i]);
        }
        return out;
    }

    /** Inner join with {@code otherStream} by key, per window: a (key, (value, other value)) for each match. */
    public <V1> PairStream<K, Pair<V, V1>> join(PairStream<K, V1> otherStream) {
        return join(otherStream, new PairValueJoiner<>());
    }

    /** Inner join with {@code otherStream} by key, per window, joining the two values with {@code valueJoiner}. */
    public <R, V1> PairStream<K, R> join(PairStream<K, V1> otherStream,
                                         ValueJoiner<? super V, ? super V1, ? extends R> valueJoiner) {
        return joined(otherStream, Aggregate.Kind.INNER, valueJoiner, "join");
    }

    /** Left outer join: also each value of this stream whose key has none in the other (joined with null). */
    public <V1> PairStream<K, Pair<V, V1>> leftOuterJoin(PairStream<K, V1> otherStream) {
        return leftOuterJoin(otherStream, new PairValueJoiner<>());
    }

    /** {@link #leftOuterJoin(PairStream)} with {@code valueJoiner}. */
    public <R, V1> PairStream<K, R> leftOuterJoin(PairStream<K, V1> otherStream,
                                                  ValueJoiner<? super V, ? super V1, ? extends R> valueJoiner) {
        return joined(otherStream, Aggregate.Kind.LEFT, valueJoiner, "leftOuterJoin");
    }

    /** Right outer join: also each value of the other stream whose key has none here (joined with null). */
    public <V1> PairStream<K, Pair<V, V1>> rightOuterJoin(PairStream<K, V1> otherStream) {
        return rightOuterJoin(otherStream, new PairValueJoiner<>());
    }

    /** {@link #rightOuterJoin(PairStream)} with {@code valueJoiner}. */
    public <R, V1> PairStream<K, R> rightOuterJoin(PairStream<K, V1> otherStream,
                                                   ValueJoiner<? super V, ? super V1, ? extends R> valueJoiner) {
        return joined(otherStream, Aggregate.Kind.RIGHT, valueJoiner, "rightOuterJoin");
    }

    /** Full outer join: the unmatched values of both sides too, each joined with null. */
    public <V1> PairStream<K, Pair<V, V1>> fullOuterJoin(PairStream<K, V1> otherStream) {
        return fullOuterJoin(otherStream, new PairValueJoiner<>());
    }

    /** {@link #fullOuterJoin(PairStream)} with {@code valueJoiner}. */
    public <R, V1> PairStream<K, R> fullOuterJoin(PairStream<K, V1> otherStream,
                                                  ValueJoiner<? super V, ? super V1, ? extends R> valueJoiner) {
        return joined(otherStream, Aggregate.Kind.FULL, valueJoiner, "fullOuterJoin");
    }

    /**
     * Per window, each key of either stream with all its values from each: (k1, ([v1], [x1, x2])), (k2, ([v2],
     * [])).
     */
    public <V1> PairStream<K, Pair<Iterable<V>, Iterable<V1>>> coGroupByKey(PairStream<K, V1> otherStream) {
        return joined(otherStream, Aggregate.Kind.COGROUP, null, "coGroupByKey");
    }

    private <R> PairStream<K, R> joined(PairStream<K, ?> other, Aggregate.Kind kind, ValueJoiner<?, ?, ?> joiner,
                                        String operation) {
        builder.checkOwn(other, operation);
        if (other.node == node) {
            throw new IllegalArgumentException(operation + ": a stream cannot be joined with itself");
        }
        if (!node.windowed && !other.node.windowed) {
            throw new IllegalArgumentException(operation + " joins the values of a window: call window(...) on "
                    + "either stream first, for example stream.window(TumblingWindows.of(Duration.seconds(10)))."
                    + operation + "(other)");
        }
        if (kind != Aggregate.Kind.COGROUP) {
            Objects.requireNonNull(joiner, operation + ": value joiner");
        }
        Node n = builder.add(Node.Kind.AGGREGATE, List.of(node, other.node), node.parallelism, true);
        n.aggregate = Aggregate.join(kind, joiner);
        return new PairStream<>(builder, n);
    }

    /**
     * Keeps a state per key, updated with each value by {@code stateUpdateFn} from {@code initialValue}, in a
     * stateful bolt ({@code topology.state.provider} chooses where, checkpointed as for any stateful bolt).
     */
    public <R> StreamState<K, R> updateStateByKey(R initialValue,
                                                  BiFunction<? super R, ? super V, ? extends R> stateUpdateFn) {
        return updateStateByKey(StateUpdater.of(initialValue, stateUpdateFn));
    }

    /** {@link #updateStateByKey(Object, BiFunction)} with a {@link StateUpdater}. */
    public <R> StreamState<K, R> updateStateByKey(StateUpdater<? super V, ? extends R> stateUpdater) {
        Node n = builder.add(Node.Kind.STATE, List.of(node), node.parallelism, true);
        n.updater = Objects.requireNonNull(stateUpdater, "state updater");
        return new StreamState<>(new PairStream<>(builder, n));
    }
}
