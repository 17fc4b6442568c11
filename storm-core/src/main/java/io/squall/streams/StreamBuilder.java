package io.squall.streams;

import io.squall.streams.operations.Function;
import io.squall.streams.operations.IdentityFunction;
import io.squall.streams.operations.mappers.PairValueMapper;
import io.squall.streams.operations.mappers.TupleValueMapper;
import io.squall.topology.IRichSpout;
import io.squall.topology.StormTopology;
import io.squall.tuple.Tuple;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Builds a topology from streams, as Storm's {@code StreamBuilder}: {@link #newStream} turns a spout into a
 * {@link Stream}, the stream's operations describe the computation, and {@link #build()} compiles it into a
 * {@link StormTopology} of spouts and bolts to submit like any other. Not thread-safe; use it from one thread.
 */
public class StreamBuilder {
    private final List<Node> nodes = new ArrayList<>();

    /** A new builder with no streams. */
    public StreamBuilder() {
    }

    /** A stream of the spout's tuples (its default stream), with one spout task. */
    public Stream<Tuple> newStream(IRichSpout spout) {
        return newStream(spout, 1);
    }

    /** A stream of the spout's tuples (its default stream), with {@code parallelism} spout tasks. */
    public Stream<Tuple> newStream(IRichSpout spout, int parallelism) {
        return new Stream<>(this, source(spout, new IdentityFunction<Tuple>(), parallelism, false));
    }

    /** A stream of the values {@code valueMapper} takes from each of the spout's tuples, with one spout task. */
    public <T> Stream<T> newStream(IRichSpout spout, TupleValueMapper<T> valueMapper) {
        return newStream(spout, valueMapper, 1);
    }

    /** A stream of the values {@code valueMapper} takes from each of the spout's tuples. */
    public <T> Stream<T> newStream(IRichSpout spout, TupleValueMapper<T> valueMapper, int parallelism) {
        return new Stream<>(this, source(spout, valueMapper, parallelism, false));
    }

    /** A stream of the key-value pairs {@code pairValueMapper} takes from each of the spout's tuples. */
    public <K, V> PairStream<K, V> newStream(IRichSpout spout, PairValueMapper<K, V> pairValueMapper) {
        return newStream(spout, pairValueMapper, 1);
    }

    /** A stream of the key-value pairs {@code pairValueMapper} takes from each of the spout's tuples. */
    public <K, V> PairStream<K, V> newStream(IRichSpout spout, PairValueMapper<K, V> pairValueMapper, int parallelism) {
        return new PairStream<>(this, source(spout, pairValueMapper, parallelism, true));
    }

    /**
     * The topology: one spout per {@code newStream}, and bolts for the operations.
     *
     * @throws IllegalStateException if no stream was created
     */
    public StormTopology build() {
        return new Planner().plan(nodes);
    }

    private Node source(IRichSpout spout, Function<Tuple, ?> mapper, int parallelism, boolean paired) {
        Objects.requireNonNull(spout, "spout");
        Objects.requireNonNull(mapper, "value mapper");
        Node s = add(Node.Kind.SPOUT, List.of(), parallelism, false);
        s.spout = spout;
        Node m = add(Node.Kind.PROCESS, List.of(s), parallelism, paired);
        m.op = Ops.map(mapper);
        return m;
    }

    Node add(Node.Kind kind, List<Node> parents, int parallelism, boolean paired) {
        Node n = new Node(nodes.size() + 1, kind, parents, parallelism, paired);
        nodes.add(n);
        return n;
    }

    /** Checks that {@code other} was built by this builder, naming the operation otherwise. */
    void checkOwn(Stream<?> other, String operation) {
        Objects.requireNonNull(other, operation + ": the other stream");
        if (other.builder != this) {
            throw new IllegalArgumentException(operation + ": the other stream comes from another StreamBuilder; "
                    + "streams combined in one topology must come from the same builder");
        }
    }
}
