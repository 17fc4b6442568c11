package io.squall.task;

/** The worker as a worker hook sees it: the topology, this worker's port and tasks. */
public class WorkerUserContext extends WorkerTopologyContext {
    /** The context of the worker {@code worker} describes. */
    public WorkerUserContext(WorkerTopologyContext worker) {
        super(worker.getRawTopology(), worker.getTopologyConf(), worker.getTaskToComponent(), worker.getStormId(),
                worker.getThisWorkerPort(), worker.getThisWorkerTasks());
    }
}
