package io.squall.task;

import io.squall.topology.StormTopology;

import java.util.Collections;
import java.util.List;
import java.util.Map;

/** The topology as seen from one worker: adds the worker's port and the tasks it runs. Immutable. */
public class WorkerTopologyContext extends GeneralTopologyContext {
    private final int workerPort;
    private final List<Integer> workerTasks;

    /** A context for the worker on {@code workerPort} running {@code workerTasks}. */
    public WorkerTopologyContext(StormTopology topology, Map<String, Object> topoConf,
                                 Map<Integer, String> taskToComponent, String stormId, int workerPort,
                                 List<Integer> workerTasks) {
        super(topology, topoConf, taskToComponent, stormId);
        this.workerPort = workerPort;
        this.workerTasks = Collections.unmodifiableList(workerTasks);
    }

    /** The worker's port (0 in local mode without a transport). */
    public Integer getThisWorkerPort() {
        return workerPort;
    }

    /** The task ids this worker runs. */
    public List<Integer> getThisWorkerTasks() {
        return workerTasks;
    }
}
