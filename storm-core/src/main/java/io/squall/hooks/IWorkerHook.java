package io.squall.hooks;

import io.squall.task.WorkerUserContext;

import java.io.Serializable;
import java.util.Map;

/**
 * Runs in every worker of a topology ({@code TopologyBuilder.addWorkerHook}): {@link #start} before the
 * worker's tasks open, {@link #shutdown} after they stop. Serialized into the topology; each worker gets its
 * own copy. A hook that throws is logged; it does not stop the worker.
 */
public interface IWorkerHook extends Serializable {
    /** Called when the worker starts, before its tasks. */
    void start(Map<String, Object> topoConf, WorkerUserContext context);

    /** Called when the worker stops, after its tasks. */
    void shutdown();
}
