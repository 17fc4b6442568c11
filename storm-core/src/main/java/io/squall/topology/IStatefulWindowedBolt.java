package io.squall.topology;

import io.squall.state.State;

/**
 * A windowed bolt with checkpointed state, as Storm's {@code IStatefulWindowedBolt}: register it with
 * {@code TopologyBuilder.setBolt}. The runtime hands it its state in {@code initState} and checkpoints the
 * state with the topology's checkpoints, so what {@code execute(TupleWindow)} puts in the state is updated
 * exactly once across failures. With {@link #isPersistent()} the windows' tuples are checkpointed too: after
 * a failure the windows resume with exactly the tuples they held, and each tuple is acked once the checkpoint
 * that holds it commits.
 *
 * @param <T> the state's type
 */
public interface IStatefulWindowedBolt<T extends State> extends IStatefulComponent<T>, IWindowedBolt {
    /**
     * Whether the windows' tuples are kept in the state's checkpoints as well as in memory; the default is
     * false: only the bolt's state is checkpointed, and a window's tuples are acked when they leave it and its
     * checkpoint commits.
     */
    default boolean isPersistent() {
        return false;
    }

    /** The most tuples a persistent bolt's windows keep in memory. */
    default long maxEventsInMemory() {
        return 1_000_000L;
    }
}
