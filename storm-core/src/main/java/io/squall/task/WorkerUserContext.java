package io.squall.task;

/**
 * The worker as a worker hook sees it: the topology, this worker's port and tasks, and the worker-level data it may
 * set for the worker's tasks.
 */
public class WorkerUserContext extends WorkerTopologyContext {
    /** The context of the worker {@code worker} describes, sharing its resources. */
    public WorkerUserContext(WorkerTopologyContext worker) {
        super(worker);
    }

    /**
     * Sets worker-level data under {@code name} (null removes it): every task, task hook and worker hook of this
     * worker reads it with {@link WorkerTopologyContext#getResource}. A hook's {@code start} runs before the worker's
     * spouts open and bolts prepare, so they see what it set.
     */
    public void setResource(String name, Object data) {
        putResource(name, data);
    }
}
