package io.squall.task;

import io.squall.topology.NodeInfo;
import io.squall.topology.StormTopology;

import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The topology as seen from one worker: adds the worker's port and the tasks it runs, where every task runs, and what
 * the worker's tasks and hooks share (worker-level data, a thread pool). Its own fields are immutable but for the
 * two references to where tasks run, which a cluster worker sets anew when its assignment moves a task group; the
 * contexts made from it (its tasks', its hooks') share its resources and those references.
 */
public class WorkerTopologyContext extends GeneralTopologyContext {
    /** Storm's name for the shared thread pool among a worker's default resources. */
    public static final String SHARED_EXECUTOR = "executor";
    /**
     * The supervisor id of a worker that runs outside a cluster (local mode, tests), as the local cluster names its
     * one supervisor.
     */
    public static final String LOCAL_ASSIGNMENT_ID = "local";
    /** The host of {@link #LOCAL_ASSIGNMENT_ID}. */
    public static final String LOCAL_HOST = "localhost";
    private final int workerPort;
    private final List<Integer> workerTasks;
    private final String codeDir;
    private final String pidDir;
    private final WorkerResources resources;
    private final String assignmentId;
    private final AtomicReference<Map<Integer, NodeInfo>> taskToNodePort;
    private final AtomicReference<Map<String, String>> nodeToHost;

    /**
     * Where a worker runs and where each task of its topology runs, in Storm's terms.
     *
     * @param assignmentId   the id of the supervisor the worker runs under
     * @param taskToNodePort each task whose worker is known, to that worker's supervisor and port
     * @param nodeToHost     each supervisor of {@code taskToNodePort}, to its host name
     */
    public record Locations(String assignmentId, Map<Integer, NodeInfo> taskToNodePort,
                            Map<String, String> nodeToHost) {
        /** Copies the maps. */
        public Locations {
            taskToNodePort = Map.copyOf(taskToNodePort);
            nodeToHost = Map.copyOf(nodeToHost);
        }

        /** Every one of {@code tasks} in one worker on {@code port} of the local supervisor. */
        public static Locations local(int port, Collection<Integer> tasks) {
            NodeInfo here = new NodeInfo(LOCAL_ASSIGNMENT_ID, Set.of((long) port));
            Map<Integer, NodeInfo> where = new HashMap<>();
            tasks.forEach(t -> where.put(t, here));
            return new Locations(LOCAL_ASSIGNMENT_ID, where, Map.of(LOCAL_ASSIGNMENT_ID, LOCAL_HOST));
        }
    }

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
        this(topology, topoConf, taskToComponent, stormId, workerPort, workerTasks, codeDir, pidDir,
                Locations.local(workerPort, workerTasks));
    }

    /**
     * A context for the worker on {@code workerPort} running {@code workerTasks}, with {@code locations} saying which
     * supervisor it runs under and where each task of the topology runs. The constructors without it place this
     * worker's tasks on the local supervisor ({@link Locations#local}) and know no other worker's.
     */
    public WorkerTopologyContext(StormTopology topology, Map<String, Object> topoConf,
                                 Map<Integer, String> taskToComponent, String stormId, int workerPort,
                                 List<Integer> workerTasks, String codeDir, String pidDir, Locations locations) {
        super(topology, topoConf, taskToComponent, stormId);
        this.assignmentId = locations.assignmentId();
        this.taskToNodePort = new AtomicReference<>(locations.taskToNodePort());
        this.nodeToHost = new AtomicReference<>(locations.nodeToHost());
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
        this.assignmentId = worker.assignmentId;
        this.taskToNodePort = worker.taskToNodePort;
        this.nodeToHost = worker.nodeToHost;
    }

    /**
     * The id of the supervisor this worker runs under ({@link #LOCAL_ASSIGNMENT_ID} outside a cluster): Storm's
     * assignment id, the node of this worker's tasks in {@link #getTaskToNodePort()}.
     */
    public String getAssignmentId() {
        return assignmentId;
    }

    /**
     * Each task whose worker this worker knows, to that worker's supervisor and port: in a cluster every task of the
     * assignment, in local mode every task (on the local supervisor, each worker's port). The reference is set anew,
     * with an immutable map, when the assignment moves a task group to another worker; read it each time.
     */
    public AtomicReference<Map<Integer, NodeInfo>> getTaskToNodePort() {
        return taskToNodePort;
    }

    /** Each supervisor of {@link #getTaskToNodePort()}, to its host name; set anew with it. */
    public AtomicReference<Map<String, String>> getNodeToHost() {
        return nodeToHost;
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
