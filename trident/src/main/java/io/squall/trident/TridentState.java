package io.squall.trident;

import io.squall.trident.planner.Graph;
import io.squall.trident.state.StateFactory;

/** A state a stream updates; query it with {@link Stream#stateQuery}, or follow its new values. */
public class TridentState {
    private final TridentTopology topology;
    private final Graph.Node node;
    final StateFactory factory;

    TridentState(TridentTopology topology, Graph.Node node, StateFactory factory) {
        this.topology = topology;
        this.node = node;
        this.factory = factory;
    }

    /** The stream of what each batch's update produced (for a persistent aggregation: each group's new value). */
    public Stream newValuesStream() {
        return new Stream(topology, node);
    }

    /** Runs the tasks that update the state in {@code parallelism} tasks. */
    public TridentState parallelismHint(int parallelism) {
        topology.graph().parallelism(node, parallelism);
        return this;
    }

    /** The factory that makes the state. */
    public StateFactory getFactory() {
        return factory;
    }
}
