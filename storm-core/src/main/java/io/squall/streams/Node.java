package io.squall.streams;

import io.squall.streams.operations.StateUpdater;
import io.squall.streams.windowing.Window;
import io.squall.topology.IRichSpout;

import java.util.List;

/**
 * A node of the graph a {@link StreamBuilder} records: one operation on a stream, with the nodes it reads. Built on
 * the user's thread and read once by {@link Planner}.
 */
final class Node {
    enum Kind {
        /** A spout: the source of a stream. */
        SPOUT,
        /** A stateless op ({@link Op}), run in its parent's bolt. */
        PROCESS,
        /** A window: starts a windowed bolt. */
        WINDOW,
        /** {@code repartition}: starts a bolt of another parallelism. */
        REPARTITION,
        /** An aggregation or join ({@link Aggregate}): starts a bolt whose inputs are grouped by key (or global). */
        AGGREGATE,
        /** {@code updateStateByKey}: starts a stateful bolt grouped by key. */
        STATE,
        /** {@code stateQuery}: runs in its state's bolt. */
        QUERY,
        /** {@code to}: a user's bolt. */
        SINK
    }

    final int id;
    final Kind kind;
    final List<Node> parents;
    final int parallelism;
    /** Whether its values are {@link Pair}s (a {@link PairStream}). */
    final boolean paired;
    /** Whether it is a window or reads one: its values come in windows, closed by punctuations. */
    final boolean windowed;
    IRichSpout spout;
    Op op;
    Window<?, ?> window;
    Aggregate aggregate;
    StateUpdater<?, ?> updater;
    Node state;
    Object userBolt;

    Node(int id, Kind kind, List<Node> parents, int parallelism, boolean paired) {
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be at least 1, but got " + parallelism);
        }
        this.id = id;
        this.kind = kind;
        this.parents = List.copyOf(parents);
        this.parallelism = parallelism;
        this.paired = paired;
        this.windowed = kind == Kind.WINDOW || parents.stream().anyMatch(p -> p.windowed);
    }
}
