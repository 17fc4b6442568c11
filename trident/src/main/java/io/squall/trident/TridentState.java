package io.squall.trident;

import io.squall.trident.plan.PlanNode;
import io.squall.trident.plan.TridentPlan;
import io.squall.trident.state.StateFactory;
import io.squall.trident.state.StateSpec;

/**
 * A state a stream updates, or a static one ({@code TridentTopology.newStaticState}) that is only queried; query it
 * with {@link Stream#stateQuery}, or follow its new values.
 */
public class TridentState {
    private final TridentTopology topology;
    private final PlanNode node;
    final StateFactory factory;

    TridentState(TridentTopology topology, PlanNode node, StateFactory factory) {
        this.topology = topology;
        this.node = node;
        this.factory = factory;
    }

    /**
     * The stream of what each batch's update produced (for a persistent aggregation: each group's new value).
     *
     * @throws IllegalStateException for a static state, which no stream updates
     */
    public Stream newValuesStream() {
        if (node == null) {
            throw new IllegalStateException("A static state (newStaticState) is not updated by a stream, so it has "
                    + "no new values to stream");
        }
        return new Stream(topology, node);
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

    /** Accepted for code written against Storm's resource-aware scheduler; changes nothing. */
    public TridentState setCPULoad(Number load) {
        return this;
    }

    /** Accepted for code written against Storm's resource-aware scheduler; changes nothing. */
    public TridentState setMemoryLoad(Number onHeap) {
        return this;
    }

    /** Accepted for code written against Storm's resource-aware scheduler; changes nothing. */
    public TridentState setMemoryLoad(Number onHeap, Number offHeap) {
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
