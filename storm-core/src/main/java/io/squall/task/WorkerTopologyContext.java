package io.squall.task;

import io.squall.topology.StormTopology;

import java.util.Collections;
import java.util.List;
import java.util.Map;

/** The topology as seen from one worker: adds the worker's port and the tasks it runs. Immutable. */
public class WorkerTopologyContext extends GeneralTopologyContext {
    private final int workerPort;
    private final List<Integer> workerTasks;
    private final String codeDir;
    private final String pidDir;

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
