package io.squall.trident;

import io.squall.topology.ResourceDeclarer;
import io.squall.topology.SharedMemory;
import io.squall.trident.plan.PlanNode;
import io.squall.trident.plan.TridentPlan;
import io.squall.trident.state.StateFactory;
import io.squall.trident.state.StateSpec;

/**
 * A state a stream updates, or a static one ({@code TridentTopology.newStaticState}) that is only queried; query it
 * with {@link Stream#stateQuery}, or follow its new values.
 */
public class TridentState implements ResourceDeclarer<TridentState> {
    private final TridentTopology topology;
    private final PlanNode node;
    final StateFactory factory;
    private final String name;

    TridentState(TridentTopology topology, PlanNode node, StateFactory factory) {
        this(topology, node, factory, null);
    }

    TridentState(TridentTopology topology, PlanNode node, StateFactory factory, String name) {
        this.topology = topology;
        this.node = node;
        this.factory = factory;
        this.name = name;
    }

    /**
     * The stream of what each batch's update produced (for a persistent aggregation: each group's new value); it
     * has the name of the stream that updates the state.
     *
     * @throws IllegalStateException for a static state, which no stream updates
     */
    public Stream newValuesStream() {
        if (node == null) {
            throw new IllegalStateException("A static state (newStaticState) is not updated by a stream, so it has "
                    + "no new values to stream");
        }
        return new Stream(topology, node, name);
    }

    /**
     * Runs the tasks that update the state in {@code parallelism} tasks.
     *
     * @throws IllegalStateException for a static state, which is queried in the querying stream's tasks
     */
    public TridentState parallelismHint(int parallelism) {
        if (node == null) {
            throw new IllegalStateException("A static state (newStaticState) has no tasks of its own: it is made in "
                    + "each task that queries it; set the querying stream's parallelism instead");
        }
        topology.graph().parallelism(node, parallelism);
        return this;
    }

    /**
     * Requests {@code load} percent of a core for the state's update, recorded on its bolt as
     * {@link Stream#setCPULoad} says (no scheduling effect in Squall). A static state has no tasks of its own, so
     * there it records nothing.
     */
    @Override
    public TridentState setCPULoad(Number load) {
        if (node != null) {
            topology.graph().resources(node).setCPULoad(load);
        }
        return this;
    }

    /** Requests on-heap memory in MB for the state's update; recorded like {@link #setCPULoad}. */
    @Override
    public TridentState setMemoryLoad(Number onHeap) {
        if (node != null) {
            topology.graph().resources(node).setMemoryLoad(onHeap);
        }
        return this;
    }

    /** Requests on-heap and off-heap memory in MB for the state's update; recorded like {@link #setCPULoad}. */
    @Override
    public TridentState setMemoryLoad(Number onHeap, Number offHeap) {
        if (node != null) {
            topology.graph().resources(node).setMemoryLoad(onHeap, offHeap);
        }
        return this;
    }

    /** Requests shared memory for the state's update; recorded like {@link #setCPULoad}. */
    @Override
    public TridentState addSharedMemory(SharedMemory request) {
        if (node != null) {
            topology.graph().resources(node).addSharedMemory(request);
        }
        return this;
    }

    /** Gives the state the number of partitions {@code spec} requires, if it requires one. */
    static TridentState applySpec(TridentState state, StateSpec spec) {
        if (spec.requiredNumPartitions != null) {
            state.parallelismHint(spec.requiredNumPartitions);
        }
        return state;
    }

    /** The factory that makes the state. */
    public StateFactory getFactory() {
        return factory;
    }
}
