package io.squall.trident.operation;

import io.squall.task.TopologyContext;

/** What an operation knows about where it runs: its partition among the tasks of its part of the stream. */
public final class TridentOperationContext {
    private final TopologyContext context;

    /** Wraps the context of the task that runs the operation. */
    public TridentOperationContext(TopologyContext context) {
        this.context = context;
    }

    /** How many partitions (tasks) this part of the stream has. */
    public int numPartitions() {
        return context.getThisComponentTasks().size();
    }

    /** This task's partition index, from 0. */
    public int getPartitionIndex() {
        return context.getThisTaskIndex();
    }

    /** The task's topology context. */
    public TopologyContext getTopologyContext() {
        return context;
    }
}
