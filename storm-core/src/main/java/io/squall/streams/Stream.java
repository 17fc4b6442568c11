package io.squall.streams;

import io.squall.streams.operations.BiFunction;
import io.squall.streams.operations.CombinerAggregator;
import io.squall.streams.operations.Consumer;
import io.squall.streams.operations.FlatMapFunction;
import io.squall.streams.operations.Function;
import io.squall.streams.operations.PairFlatMapFunction;
import io.squall.streams.operations.PairFunction;
import io.squall.streams.operations.Predicate;
import io.squall.streams.operations.PrintConsumer;
import io.squall.streams.operations.Reducer;
import io.squall.streams.windowing.Window;
import io.squall.topology.IBasicBolt;
import io.squall.topology.IRichBolt;

import java.util.List;
import java.util.Objects;

/**
 * A stream of values, as Storm's {@code Stream}: each operation returns a new stream (or ends one) and runs at the
 * stream's parallelism, in the bolt of the operation before it unless it needs another grouping. On a windowed
 * stream ({@link #window}) aggregations and joins give one result per window; otherwise they give the updated
 * result for each value.
 *
 * @param <T> the values' type
 */
public class Stream<T> {
    final StreamBuilder builder;
    final Node node;

    Stream(StreamBuilder builder, Node node) {
        this.builder = builder;
        this.node = node;
    }

    Node child(Node.Kind kind, Op op, boolean paired) {
        Node n = builder.add(kind, List.of(node), node.parallelism, paired);
        n.op = op;
        return n;
    }

    /** The values that match {@code predicate}. */
    public Stream<T> filter(Predicate<? super T> predicate) {
        return new Stream<>(builder, child(Node.Kind.PROCESS, Ops.filter(Objects.requireNonNull(predicate)), false));
    }

    /** {@code function} of each value. */
    public <R> Stream<R> map(Function<? super T, ? extends R> function) {
        return new Stream<>(builder, child(Node.Kind.PROCESS, Ops.map(Objects.requireNonNull(function)), false));
    }

    /** A key-value pair of each value. */
    public <K, V> PairStream<K, V> mapToPair(PairFunction<? super T, ? extends K, ? extends V> function) {
        return new PairStream<>(builder, child(Node.Kind.PROCESS, Ops.map(Objects.requireNonNull(function)), true));
    }

    /** Every value that {@code function} gives for each value, in order. */
    public <R> Stream<R> flatMap(FlatMapFunction<? super T, ? extends R> function) {
        return new Stream<>(builder, child(Node.Kind.PROCESS, Ops.flatMap(Objects.requireNonNull(function)), false));
    }

    /** Every key-value pair that {@code function} gives for each value. */
    public <K, V> PairStream<K, V> flatMapToPair(PairFlatMapFunction<? super T, ? extends K, ? extends V> function) {
        return new PairStream<>(builder,
                child(Node.Kind.PROCESS, Ops.flatMap(Objects.requireNonNull(function)), true));
    }

    /**
     * The values in windows: tumbling or sliding, by count or by duration (processing time). Each task of the
     * stream keeps its own windows; the operations that follow run on each window's values, and aggregations and
     * joins after it give one result per window.
     */
    public Stream<T> window(Window<?, ?> window) {
        return new Stream<>(builder, windowNode(window));
    }

    Node windowNode(Window<?, ?> window) {
        Objects.requireNonNull(window, "window");
        Planner.checkWindow(window);
        Node n = builder.add(Node.Kind.WINDOW, List.of(node), node.parallelism, node.paired);
        n.window = window;
        return n;
    }

    /** Runs {@code action} on each value; ends the stream. */
    public void forEach(Consumer<? super T> action) {
        child(Node.Kind.PROCESS, Ops.forEach(Objects.requireNonNull(action)), false);
    }

    /** The same values, running {@code action} on each as it passes. */
    public Stream<T> peek(Consumer<? super T> action) {
        return new Stream<>(builder, child(Node.Kind.PROCESS, Ops.peek(Objects.requireNonNull(action)), node.paired));
    }

    /**
     * The aggregate of all values, over all partitions, in one task: per window on a windowed stream, else the
     * updated aggregate after each value.
     */
    public <A, R> Stream<R> aggregate(CombinerAggregator<? super T, A, ? extends R> aggregator) {
        return new Stream<>(builder, globalAggregate(Aggregate.global(Objects.requireNonNull(aggregator))));
    }

    /** {@link #aggregate(CombinerAggregator)} from an initial value, an accumulator and a combiner. */
    public <R> Stream<R> aggregate(R initialValue, BiFunction<? super R, ? super T, ? extends R> accumulator,
                                   BiFunction<? super R, ? super R, ? extends R> combiner) {
        return aggregate(CombinerAggregator.of(initialValue, accumulator, combiner));
    }

    /** The number of values, as {@link #aggregate(CombinerAggregator)} counts them. */
    public Stream<Long> count() {
        return aggregate(Aggregate.<T>counting());
    }

    /** The values reduced by {@code reducer}, as {@link #aggregate(CombinerAggregator)} aggregates them. */
    public Stream<T> reduce(Reducer<T> reducer) {
        return new Stream<>(builder, globalAggregate(Aggregate.global(Aggregate.reducing(Objects.requireNonNull(reducer)))));
    }

    private Node globalAggregate(Aggregate aggregate) {
        Node n = builder.add(Node.Kind.AGGREGATE, List.of(node), 1, false);
        n.aggregate = aggregate;
        return n;
    }

    /** The same values, shuffled over {@code parallelism} tasks for the operations that follow. */
    public Stream<T> repartition(int parallelism) {
        return new Stream<>(builder, repartitionNode(parallelism));
    }

    Node repartitionNode(int parallelism) {
        return builder.add(Node.Kind.REPARTITION, List.of(node), parallelism, node.paired);
    }

    /**
     * One stream per predicate: each value goes to the stream of the first predicate it matches, or nowhere.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public Stream<T>[] branch(Predicate<? super T>... predicates) {
        Node[] nodes = branchNodes(predicates);
        Stream<T>[] out = new Stream[nodes.length];
        for (int i = 0; i < nodes.length; i++) {
            out[i] = new Stream<>(builder, nodes[i]);
        }
        return out;
    }

    Node[] branchNodes(Predicate<?>[] predicates) {
        if (predicates == null || predicates.length == 0) {
            throw new IllegalArgumentException("branch needs at least one predicate");
        }
        Node[] nodes = new Node[predicates.length];
        for (int i = 0; i < predicates.length; i++) {
            Objects.requireNonNull(predicates[i], "branch predicate " + i);
            nodes[i] = child(Node.Kind.PROCESS, Ops.branch(predicates, i), node.paired);
        }
        return nodes;
    }

    /** Prints each value on standard output; ends the stream. */
    public void print() {
        forEach(new PrintConsumer<>());
    }

    /**
     * Sends the values to {@code bolt} (one task), for example a bolt that writes them out: a pair as fields
     * ("key", "value"), any other value as ("value"). The guarantees are the bolt's.
     */
    public void to(IRichBolt bolt) {
        to(bolt, 1);
    }

    /** {@link #to(IRichBolt)} with {@code parallelism} tasks. */
    public void to(IRichBolt bolt, int parallelism) {
        sink(bolt, parallelism);
    }

    /** {@link #to(IRichBolt)} for a basic bolt. */
    public void to(IBasicBolt bolt) {
        to(bolt, 1);
    }

    /** {@link #to(IRichBolt)} for a basic bolt, with {@code parallelism} tasks. */
    public void to(IBasicBolt bolt, int parallelism) {
        sink(bolt, parallelism);
    }

    private void sink(Object bolt, int parallelism) {
        Node n = builder.add(Node.Kind.SINK, List.of(node), parallelism, node.paired);
        n.userBolt = Objects.requireNonNull(bolt, "bolt");
    }

    /**
     * Looks each value up as a key in {@code streamState} (from {@code updateStateByKey}): a (key, state) pair for
     * each key that has a state, from the task that holds it.
     */
    public <V> PairStream<T, V> stateQuery(StreamState<T, V> streamState) {
        Objects.requireNonNull(streamState, "stream state");
        builder.checkOwn(streamState.toPairStream(), "stateQuery");
        Node n = builder.add(Node.Kind.QUERY, List.of(node), streamState.node.parallelism, true);
        n.state = streamState.node;
        return new PairStream<>(builder, n);
    }
}
