package io.squall.task;

import io.squall.topology.StormTopology;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;

/**
 * The topology as seen from one worker: adds the worker's port and the tasks it runs, and what the worker's tasks and
 * hooks share (worker-level data, a thread pool). Its own fields are immutable; the contexts made from it (its
 * tasks', its hooks') share its resources.
 */
public class WorkerTopologyContext extends GeneralTopologyContext {
    /** Storm's name for the shared thread pool among a worker's default resources. */
    public static final String SHARED_EXECUTOR = "executor";
    private final int workerPort;
    private final List<Integer> workerTasks;
    private final String codeDir;
    private final String pidDir;
    private final WorkerResources resources;

    /** A context for the worker on {@code workerPort} running {@code workerTasks}, without a code directory. */
    public WorkerTopologyContext(StormTopology topology, Map<String, Object> topoConf,
                                 Map<Integer, String> taskToComponent, String stormId, int workerPort,
                                 List<Integer> workerTasks) {
        this(topology, topoConf, taskToComponent, stormId, workerPort, workerTasks, null, null);
    }

    /**
     * A context for the worker on {@code workerPort} running {@code workerTasks}.
     *
     * @param codeDir the directory the topology's {@code resources/} were extracted to, or null
     * @param pidDir  the directory where shell components' subprocesses leave their pid files, or null
     */
    public WorkerTopologyContext(StormTopology topology, Map<String, Object> topoConf,
                                 Map<Integer, String> taskToComponent, String stormId, int workerPort,
                                 List<Integer> workerTasks, String codeDir, String pidDir) {
        super(topology, topoConf, taskToComponent, stormId);
        this.workerPort = workerPort;
        this.workerTasks = Collections.unmodifiableList(workerTasks);
        this.codeDir = codeDir;
        this.pidDir = pidDir;
        this.resources = new WorkerResources(stormId + "-" + workerPort);
    }

    /** A context of the same worker as {@code worker}, sharing its resources (for its tasks and hooks). */
    protected WorkerTopologyContext(WorkerTopologyContext worker) {
        super(worker.getRawTopology(), worker.getTopologyConf(), worker.getTaskToComponent(), worker.getStormId());
        this.workerPort = worker.workerPort;
        this.workerTasks = worker.workerTasks;
        this.codeDir = worker.codeDir;
        this.pidDir = worker.pidDir;
        this.resources = worker.resources;
    }

    /**
     * The worker-level data a worker hook set under {@code name} ({@link WorkerUserContext#setResource}), or null:
     * what every task, task hook and worker hook of this worker sees alike.
     */
    public Object getResource(String name) {
        return resources.get(name);
    }

    /**
     * A thread pool shared by the worker's components, for work a task should not do on its executor's thread
     * (blocking calls): made on first use, with daemon threads; the worker shuts it down when it stops.
     */
    public ExecutorService getSharedExecutor() {
        return resources.executor();
    }

    /** Sets worker-level data; {@link WorkerUserContext} makes it public for worker hooks, as Storm does. */
    void putResource(String name, Object data) {
        resources.set(name, data);
    }

    /**
     * The directory holding the topology JAR's {@code resources/} (scripts of shell components), which is their
     * working directory; null when the worker was started without one (then they run in the worker's).
     */
    public String getCodeDir() {
        return codeDir;
    }

    /** The directory where shell components' subprocesses create their pid files; null when none was set up. */
    public String getPIDDir() {
        return pidDir;
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
