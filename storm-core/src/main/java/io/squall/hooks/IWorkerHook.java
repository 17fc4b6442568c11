package io.squall.hooks;

import io.squall.task.WorkerTopologyContext;
import io.squall.task.WorkerUserContext;

import java.io.Serializable;
import java.util.Map;

/**
 * Runs in every worker of a topology ({@code TopologyBuilder.addWorkerHook}): {@link #start} before the
 * worker's tasks open, {@link #shutdown} after they stop. Serialized into the topology; each worker gets its
 * own copy. A hook that throws is logged; it does not stop the worker.
 */
public interface IWorkerHook extends Serializable {
    /**
     * Storm's older form of {@link #start(Map, WorkerUserContext)}, which calls it: a hook written for it keeps
     * working. Does nothing unless overridden.
     *
     * @deprecated override {@link #start(Map, WorkerUserContext)}, as in Storm
     */
    @Deprecated
    default void start(Map<String, Object> topoConf, WorkerTopologyContext context) {
    }

    /**
     * Called when the worker starts, before its tasks. Unless overridden, calls the older
     * {@link #start(Map, WorkerTopologyContext)}, as Storm's.
     */
    default void start(Map<String, Object> topoConf, WorkerUserContext context) {
        start(topoConf, (WorkerTopologyContext) context);
    }

    /** Called when the worker stops, after its tasks. */
    void shutdown();
}
