package io.squall.grouping;

import io.squall.task.WorkerTopologyContext;
import io.squall.topology.GlobalStreamId;

import java.io.Serializable;
import java.util.List;

/**
 * A user-defined grouping. One instance per emitting task, called only from that task's executor
 * thread.
 */
public interface CustomStreamGrouping extends Serializable {
    /**
     * Called once before the first tuple.
     *
     * @param context     the topology as seen from the emitter's worker
     * @param stream      the stream being grouped
     * @param targetTasks the subscribing component's task ids, ascending
     */
    void prepare(WorkerTopologyContext context, GlobalStreamId stream, List<Integer> targetTasks);

    /**
     * The tasks a tuple goes to; each must be one of the target tasks.
     *
     * @param taskId the emitting task
     * @param values the tuple's values
     */
    List<Integer> chooseTasks(int taskId, List<Object> values);
}
