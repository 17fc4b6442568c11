package io.squall.runtime;

import io.squall.Config;
import io.squall.Constants;
import io.squall.config.ConfigKey;
import io.squall.config.ConfigKeys;
import io.squall.config.JsonTypes;
import io.squall.config.InvalidConfigException;
import io.squall.config.TopologySettings;
import io.squall.hooks.WorkerHooks;
import io.squall.metrics.TaggedRegistry;
import io.squall.metric.V1Metrics;
import io.squall.runtime.acker.SpoutRoots;
import io.squall.runtime.executor.AckerExecutor;
import io.squall.runtime.executor.BoltExecutor;
import io.squall.runtime.executor.CredentialsFeed;
import io.squall.runtime.executor.Executor;
import io.squall.runtime.executor.ExecutorContext;
import io.squall.runtime.tap.EventLogging;
import io.squall.runtime.tap.StreamTaps;
import io.squall.runtime.executor.SerializationCheck;
import io.squall.runtime.executor.SpoutExecutor;
import io.squall.runtime.agent.AgentRunner;
import io.squall.runtime.api.ComponentCounts;
import io.squall.runtime.api.ReportedError;
import io.squall.runtime.api.TopologyRuntime;
import io.squall.runtime.agent.DeterministicDriver;
import io.squall.runtime.queue.Backpressure;
import io.squall.runtime.queue.CongestionView;
import io.squall.runtime.windowing.StatefulWindowedBoltRunner;
import io.squall.runtime.windowing.WindowedBoltRunner;
import io.squall.runtime.queue.ReceiveQueue;
import io.squall.runtime.stats.ComponentStats;
import io.squall.runtime.stats.MetricsSettings;
import io.squall.serialization.KryoFactory;
import io.squall.serialization.OutboundEncoding;
import io.squall.task.TopologyContext;
import io.squall.task.WorkerTopologyContext;
import io.squall.utils.Clock;
import io.squall.topology.ComponentSpec;
import io.squall.topology.StatefulWindowedBoltExecutor;
import io.squall.topology.StormTopology;
import io.squall.topology.WindowedBoltExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The executors of one topology in one JVM, with what they share: the receive queue of every task, the
 * backpressure state, the error log, the counters and the activation flag.
 *
 * <pre>
 *   NEW --start--> RUNNING --shutdown--> STOPPED
 *                     |
 *                     +--fatal error--> FAILED (executors stopped)
 * </pre>
 *
 * Constructing a worker validates everything that can be validated before a thread starts (configuration
 * types, Kryo registrations, component deserialization), so a bad topology fails at submit.
 * Lifecycle methods are for the control plane and are synchronized; executors read only volatile state.
 */
public final class Worker implements TopologyRuntime {
    private static final Logger LOG = LoggerFactory.getLogger(Worker.class);
    private static final long JOIN_TIMEOUT_SECS = 10;

    /** The worker's lifecycle. */
    public enum State { NEW, RUNNING, STOPPED, FAILED }

    private final String topologyId;
    private final StormTopology topology;
    private final ClassLoader loader;
    private final TopologySettings settings;
    private final TaskLayout layout;
    private final WorkerTopologyContext context;
    private final Map<String, Map<String, Object>> componentConf = new HashMap<>();
    private final ReceiveQueue[] queueByTask;
    private final Backpressure backpressure;
    private final MetricsSettings metricsSettings;
    private final TaggedRegistry metrics = new TaggedRegistry();
    private final long startMillis;
    private final ErrorLog errors;
    private final Map<String, ComponentStats> stats = new TreeMap<>();
    private final List<Executor> executors = new ArrayList<>();
    /**
     * The executor data of each task here ({@code TopologyContext.setExecutorData}): one map per executor, shared by
     * its tasks. Filled in the constructor; each map is then touched only by its executor's thread.
     */
    private final Map<Integer, Map<String, Object>> executorDataByTask = new HashMap<>();
    private final List<AgentRunner> runners = new ArrayList<>();
    private final ExecutorContext executorContext = new Context();
    /** The topology's credentials, which executors give to their ICredentialsListener tasks. */
    private final CredentialsFeed credentials = new CredentialsFeed();
    /** The dashboard's taps on this worker's streams. */
    private final StreamTaps taps;
    /** The sampling of debugged components' tuples to the event loggers (Storm's event logging). */
    private final EventLogging eventLogging;
    private DeterministicDriver driver;
    private final List<ReceiveQueue> executorQueues = new ArrayList<>();
    private final Map<String, ReceiveQueue> outboundQueues = new TreeMap<>();
    /** Set before the executors start, read by each at its first send to another worker; null: the link encodes. */
    private volatile OutboundEncoding outboundEncoding;
    private final boolean[] localTask;
    private final int[] ackerTasks;
    /** Storm v1 metrics of the tasks and the metrics consumers; read on their own thread. */
    private final V1Metrics v1Metrics;
    /** The topology's worker hooks, started with the executors. */
    private WorkerHooks workerHooks;
    private final boolean localMode;
    private final Clock clock;
    private final Consumer<Throwable> onFailure;
    private volatile boolean active;
    private volatile State state = State.NEW;
    private volatile Throwable failure;

    /**
     * A worker running every task of a topology.
     *
     * @param conf      the topology's configuration (validated here)
     * @param loader    the class loader of the topology's code
     * @param localMode whether tuples never leave this JVM, which turns on the serialization check
     * @param clock     the time source of every timer, timeout, tick, window and latency
     * @param onFailure called once, from an executor thread, when a fatal error stops the worker
     */
    public Worker(String topologyId, StormTopology topology, Map<String, Object> conf, ClassLoader loader,
                  boolean localMode, Clock clock, Consumer<Throwable> onFailure) {
        this(topologyId, topology, conf, loader, localMode, clock, onFailure, Placement.ALL_LOCAL);
    }

    /**
     * Where a worker's tasks run when the topology is spread over several workers.
     *
     * @param port              the worker's port, 0 in local mode
     * @param remoteTasks       every task another worker runs, to the name of that worker; the rest run here
     * @param executorOverrides executors per component where a rebalance changed them
     * @param codeDir           where the topology's {@code resources/} were extracted (shell components' working
     *                          directory), or null; their pid files go to its sibling {@code pids}
     * @param locations         the supervisor the worker runs under and where every task runs, as its tasks' contexts
     *                          tell it; null: this worker's tasks on the local supervisor, the others unknown
     */
    public record Placement(int port, Map<Integer, String> remoteTasks, Map<String, Integer> executorOverrides,
                            Path codeDir, WorkerTopologyContext.Locations locations) {
        /** Every task in this worker. */
        public static final Placement ALL_LOCAL = new Placement(0, Map.of(), Map.of());

        /** A placement without a code directory. */
        public Placement(int port, Map<Integer, String> remoteTasks, Map<String, Integer> executorOverrides) {
            this(port, remoteTasks, executorOverrides, null);
        }

        /** A placement whose worker runs on the local supervisor and knows only where its own tasks are. */
        public Placement(int port, Map<Integer, String> remoteTasks, Map<String, Integer> executorOverrides,
                         Path codeDir) {
            this(port, remoteTasks, executorOverrides, codeDir, null);
        }
    }

    /**
     * A worker running the tasks of a topology that {@code placement} puts here. Messages for the other
     * tasks are published to one outbound queue per destination worker ({@link #outboundQueues()}), which
     * the transport drains.
     */
    public Worker(String topologyId, StormTopology topology, Map<String, Object> conf, ClassLoader loader,
                  boolean localMode, Clock clock, Consumer<Throwable> onFailure, Placement placement) {
        this.topologyId = topologyId;
        this.topology = topology;
        this.loader = loader;
        TopologyCheck.Checked checked = TopologyCheck.check(topology, conf, loader);
        this.settings = checked.settings();
        this.metricsSettings = checked.metricsSettings();
        this.backpressure = new Backpressure(clock::nanoTime);
        this.localMode = localMode;
        this.clock = clock;
        this.startMillis = clock.currentTimeMillis();
        this.errors = new ErrorLog(clock);
        this.onFailure = onFailure;
        this.layout = new TaskLayout(topology, settings.ackerExecutors(), placement.executorOverrides());
        this.ackerTasks = layout.ackerTasks();
        if (settings.ackingEnabled() && layout.taskToComponent().size() >= SpoutRoots.MAX_TASKS) {
            throw new InvalidConfigException("Topology " + settings.name() + " has " + layout.taskToComponent().size()
                    + " tasks; with acking at most " + (SpoutRoots.MAX_TASKS - 1)
                    + " are possible (a tree's root names its spout task). Use fewer tasks or set topology.acker.executors to 0.");
        }
        List<Integer> localTasks = new ArrayList<>(layout.taskToComponent().keySet());
        localTasks.removeAll(placement.remoteTasks().keySet());
        this.context = new WorkerTopologyContext(topology, Collections.unmodifiableMap(new LinkedHashMap<>(conf)),
                layout.taskToComponent(), topologyId, placement.port(), localTasks,
                placement.codeDir() == null ? null : placement.codeDir().toString(),
                placement.codeDir() == null ? null : placement.codeDir().resolveSibling("pids").toString(),
                placement.locations() != null ? placement.locations()
                        : WorkerTopologyContext.Locations.local(placement.port(), localTasks));
        this.v1Metrics = new V1Metrics(context, conf, loader, clock);
        Map<String, TopologySettings> componentSettings = checked.componentSettings();
        for (ComponentSpec c : topology.getComponents().values()) {
            componentConf.put(c.getId(), checked.componentConf().get(c.getId()));
            stats.put(c.getId(), new ComponentStats(c.getId(), clock));
        }
        componentConf.put(Constants.ACKER_COMPONENT_ID, new HashMap<>(conf));
        this.taps = new StreamTaps(clock, declaredStreams(topology));
        this.eventLogging = new EventLogging(taps, context.getTopologyConf(), () -> newTopologyContext(
                context.getThisWorkerTasks().isEmpty() ? 0 : context.getThisWorkerTasks().get(0)), loader);
        this.queueByTask = new ReceiveQueue[layout.maxTaskId() + 1];
        this.localTask = new boolean[layout.maxTaskId() + 1];
        List<TaskLayout.ExecutorTasks> localExecutors = new ArrayList<>();
        for (TaskLayout.ExecutorTasks et : layout.executors()) {
            if (placement.remoteTasks().containsKey(et.tasks()[0])) {
                continue;
            }
            TopologySettings s = componentSettings.getOrDefault(et.componentId(), settings);
            ReceiveQueue q = new ReceiveQueue(et.name(), s.receiveBufferSize(), s.backpressureHighWatermark(),
                    s.backpressureLowWatermark(), backpressure);
            localExecutors.add(et);
            executorQueues.add(q);
            Map<String, Object> executorData = new HashMap<>();
            for (int t : et.tasks()) {
                queueByTask[t] = q;
                localTask[t] = true;
                executorDataByTask.put(t, executorData);
            }
        }
        for (Map.Entry<Integer, String> remote : placement.remoteTasks().entrySet()) {
            queueByTask[remote.getKey()] = outboundQueues.computeIfAbsent(remote.getValue(), name -> new ReceiveQueue(
                    "to-" + name, settings.receiveBufferSize(), settings.backpressureHighWatermark(),
                    settings.backpressureLowWatermark(), backpressure));
        }
        for (int i = 0; i < localExecutors.size(); i++) {
            TaskLayout.ExecutorTasks et = localExecutors.get(i);
            ReceiveQueue q = executorQueues.get(i);
            if (et.componentId().equals(Constants.ACKER_COMPONENT_ID)) {
                executors.add(new AckerExecutor(et.name(), et.componentId(), et.tasks(), executorContext, settings, q));
                continue;
            }
            ComponentSpec spec = topology.getComponent(et.componentId());
            TopologySettings s = componentSettings.get(et.componentId());
            ComponentStats st = stats.get(et.componentId());
            executors.add(spec.getKind() == ComponentSpec.Kind.SPOUT
                    ? new SpoutExecutor(et.name(), et.componentId(), et.tasks(), executorContext, s, q, st)
                    : new BoltExecutor(et.name(), et.componentId(), et.tasks(), executorContext, s, q, st));
        }
    }

    /** Starts every executor on its own thread; spouts emit only once the worker is active. */
    public synchronized void start(boolean activate) {
        checkNew();
        active = activate;
        state = State.RUNNING;
        v1Metrics.start();
        workerHooks = WorkerHooks.start(context, loader);
        for (Executor e : executors) {
            AgentRunner r = new AgentRunner(e, e.idleStrategy(), this::fatal);
            runners.add(r);
            r.start("executor-");
        }
        long here = executors.stream().filter(e -> !e.componentId().equals(Constants.ACKER_COMPONENT_ID)).count();
        LOG.info("Started topology {}: {} of its {} executors ({} tasks) in this worker, ackers not counted",
                topologyId, here, layout.componentExecutors(), layout.componentTasks());
    }

    /**
     * Starts every executor under a deterministic driver instead of threads: they run only when the driver
     * steps them, on the calling thread. The worker must have been built on the driver's clock. An executor's
     * fatal error propagates out of the driver's step instead of stopping the worker from another thread.
     */
    public synchronized void start(boolean activate, DeterministicDriver driver) throws Exception {
        checkNew();
        if (driver.clock() != clock) {
            throw new IllegalArgumentException("Worker of " + topologyId + " runs on " + clock
                    + ", not on the driver's clock " + driver.clock());
        }
        this.driver = driver;
        active = activate;
        state = State.RUNNING;
        workerHooks = WorkerHooks.start(context, loader);
        for (Executor e : executors) {
            driver.add(e);
        }
        LOG.info("Started topology {} with {} executors over {} tasks", topologyId, executors.size(),
                layout.taskToComponent().size());
    }

    private void checkNew() {
        if (state != State.NEW) {
            throw new IllegalStateException("Worker of " + topologyId + " is " + state + ", not NEW");
        }
    }

    /** Lets spouts emit. */
    @Override
    public void activate() {
        active = true;
    }

    /** Stops spouts from emitting; tuples in flight are still processed and acked. */
    @Override
    public void deactivate() {
        active = false;
    }

    /** Whether spouts may emit. */
    @Override
    public boolean isActive() {
        return active;
    }

    /** Stops every executor and waits for their threads, which close their spouts and clean up their bolts. */
    @Override
    public synchronized void shutdown() {
        if (state == State.STOPPED) {
            return;
        }
        active = false;
        if (driver != null) {
            driver.remove(executors);
        }
        for (AgentRunner r : runners) {
            r.stop();
        }
        for (AgentRunner r : runners) {
            try {
                if (!r.join(JOIN_TIMEOUT_SECS, TimeUnit.SECONDS)) {
                    LOG.warn("Executor {} of {} did not stop within {}s", r.agent().name(), topologyId,
                            JOIN_TIMEOUT_SECS);
                }
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        v1Metrics.close();
        eventLogging.close();
        if (workerHooks != null) {
            workerHooks.shutdown();
        }
        // The pool of getSharedExecutor (made on first use; daemon threads), after the hooks: their shutdown may use it.
        context.getSharedExecutor().shutdownNow();
        if (state != State.FAILED) {
            state = State.STOPPED;
        }
        LOG.info("Stopped topology {}", topologyId);
    }

    /**
     * An executor hit an error it cannot recover from: records it, stops the topology from another
     * thread (an executor cannot join itself) and tells the owner. Executor thread.
     */
    public void fatal(String executorName, Throwable error) {
        synchronized (this) {
            if (failure != null || state != State.RUNNING) {
                LOG.error("Executor {} of {} failed while stopping", executorName, topologyId, error);
                return;
            }
            failure = error;
            state = State.FAILED;
        }
        LOG.error("Executor {} of topology {} failed; stopping the topology", executorName, topologyId, error);
        String component = executorName.contains("[") ? executorName.substring(0, executorName.indexOf('[')) : executorName;
        errors.reportAlways(component, -1, error);
        if (driver != null) {
            onFailure.accept(error); // Driven: the error propagates out of the driver's step; no thread to stop.
            return;
        }
        Thread stopper = new Thread(() -> {
            shutdown();
            onFailure.accept(error);
        }, "stop-" + topologyId);
        stopper.setDaemon(true);
        stopper.start();
    }

    /** The error that stopped the worker, or null. */
    @Override
    public Throwable failure() {
        return failure;
    }

    /** The worker's state. */
    public State state() {
        return state;
    }

    /** The topology's id. */
    @Override
    public String topologyId() {
        return topologyId;
    }

    /** The receive queue of every task id; executors index it directly. */
    public ReceiveQueue[] queueByTask() {
        return queueByTask;
    }

    /**
     * The queue of messages for each other worker, by that worker's name; the transport is its consumer.
     * Empty when every task is local.
     */
    public Map<String, ReceiveQueue> outboundQueues() {
        return Collections.unmodifiableMap(outboundQueues);
    }

    /**
     * Has the executors encode what they send to other workers on their own threads, in the transport's format, from
     * when they start: the transport then only copies bytes. Before {@link #start(boolean)}; without it, the
     * transport encodes the objects it drains.
     */
    public void encodeOutboundWith(OutboundEncoding encoding) {
        checkNew();
        this.outboundEncoding = encoding;
    }

    /** Whether {@code task} runs in this worker. Any thread. */
    public boolean isLocalTask(int task) {
        return task >= 0 && task < localTask.length && localTask[task];
    }

    /**
     * Whether a queue of this worker's own executors is congested (not counting congestion that other
     * workers caused by being slow to take our messages). Any thread; a snapshot.
     */
    public boolean executorsCongested() {
        for (ReceiveQueue q : executorQueues) {
            if (q.isCongested()) {
                return true;
            }
        }
        return false;
    }

    /** The worker's congestion state. */
    public Backpressure backpressure() {
        return backpressure;
    }

    /** The errors reported by tasks. */
    public ErrorLog errors() {
        return errors;
    }

    @Override
    public Map<String, ComponentCounts> componentCounts() {
        Map<String, ComponentCounts> out = new TreeMap<>();
        stats.forEach((id, s) -> out.put(id, s.snapshot()));
        return Collections.unmodifiableMap(out);
    }

    @Override
    public List<ReportedError> errors(String componentId) {
        return errors.errors(componentId);
    }

    /** The counters of each user component. */
    public Map<String, ComponentStats> stats() {
        return Collections.unmodifiableMap(stats);
    }

    /** The topology as this worker sees it. */
    public WorkerTopologyContext context() {
        return context;
    }

    /** The output streams of each user component, as a tap may name them. */
    public static Map<String, Set<String>> declaredStreams(StormTopology topology) {
        Map<String, Set<String>> out = new TreeMap<>();
        topology.getComponents().values().forEach(c -> out.put(c.getId(), new TreeSet<>(c.getOutputs().keySet())));
        return out;
    }

    /** The taps on this worker's streams, opened and closed by the dashboard or the metrics reporter. */
    public StreamTaps taps() {
        return taps;
    }

    /** The worker's event logging: what is debugged, set by the local cluster or the metrics reporter. */
    public EventLogging eventLogging() {
        return eventLogging;
    }

    /** The metrics configuration. */
    public MetricsSettings metricsSettings() {
        return metricsSettings;
    }

    /** The worker's metric registry: the built-in metrics and those tasks register through their context. */
    public TaggedRegistry metrics() {
        return metrics;
    }

    /** When the worker was created, in epoch milliseconds. */
    public long startMillis() {
        return startMillis;
    }

    /** The topology the worker runs. */
    @Override
    public StormTopology topology() {
        return topology;
    }

    /** The topology-level settings. */
    public TopologySettings settings() {
        return settings;
    }

    /** The task layout. */
    public TaskLayout layout() {
        return layout;
    }

    /** The executors, for tests and metrics. */
    public List<Executor> executors() {
        return Collections.unmodifiableList(executors);
    }

    /** Now, by the worker's clock. */
    public long nanoTime() {
        return clock.nanoTime();
    }

    /** The worker's clock. */
    public Clock clock() {
        return clock;
    }

    /**
     * The task that tracks a tree: an acker task, or with {@code topology.acker.in.spout} the spout task that
     * emitted it (see {@link SpoutRoots}).
     */
    public int ackerTask(long root) {
        if (ackerTasks.length == 0) {
            return SpoutRoots.spoutTask(root);
        }
        // Roots are numbered in sequence with the spout task in the low bits: mix them so that consecutive trees
        // spread over the ackers whatever their count.
        long mixed = root * 0x9E3779B97F4A7C15L;
        return ackerTasks[(int) Long.remainderUnsigned(mixed ^ (mixed >>> 32), ackerTasks.length)];
    }

    /**
     * A fresh copy of a component object for one task. A windowed bolt comes back as the kernel's runner of its
     * windows, which the executor drives by time as well as by tuples.
     */
    public Object newComponentInstance(String componentId) {
        Object instance = topology.getComponent(componentId).newInstance(loader);
        return instance instanceof WindowedBoltExecutor w ? new WindowedBoltRunner(w.getBolt())
                : instance instanceof StatefulWindowedBoltExecutor<?> s ? new StatefulWindowedBoltRunner(s.getBolt())
                : instance;
    }

    /** The context of one task, sharing its executor data with the other tasks of its executor. */
    public TopologyContext newTopologyContext(int taskId) {
        Map<String, Object> executorData = executorDataByTask.get(taskId);
        return new TopologyContext(context, taskId, executorData != null ? executorData : new HashMap<>(), metrics,
                v1Metrics.registry(), loader, clock);
    }

    /**
     * The configuration a component's tasks see: the topology's, overridden by the component's, with the default
     * of every {@code topology.*} key it does not set, as Storm gives its components (their code reads
     * {@code topology.message.timeout.secs} and the like without a fallback), and numbers typed as Storm's JSON
     * round trip types them ({@link JsonTypes}: whole numbers are {@code Long}s). A copy.
     */
    public Map<String, Object> componentConf(String componentId) {
        Map<String, Object> conf = new HashMap<>(componentConf.get(componentId));
        conf.putIfAbsent(Config.TOPOLOGY_NAME, topologyId);
        for (ConfigKey key : ConfigKeys.all().values()) {
            if (key.defaultValue() != null && key.name().startsWith("topology.")) {
                conf.putIfAbsent(key.name(), key.defaultValue());
            }
        }
        return JsonTypes.of(conf);
    }

    /**
     * A serialization check for one executor, or null when tuples really are serialized (cluster mode) or
     * the check is off.
     */
    public SerializationCheck newSerializationCheck() {
        if (!localMode || !settings.serializationCheck()) {
            return null;
        }
        return new SerializationCheck(KryoFactory.create(settings, context.getTopologyConf(), loader),
                settings.serializationCheckStops());
    }

    /** The threads running the executors, empty before {@link #start(boolean)}; for waiting until they settle. */
    public synchronized List<AgentRunner> runners() {
        return List.copyOf(runners);
    }

    /** The executors' view of this worker. */
    public ExecutorContext executorContext() {
        return executorContext;
    }

    /**
     * Sets the topology's credentials: before {@link #start}, those its tasks are given before they open; after, the
     * executors give the new ones to their tasks at their next round. Any thread.
     *
     * @throws IllegalArgumentException for a null key or value
     */
    public void setCredentials(Map<String, String> credentials) {
        this.credentials.set(credentials);
    }

    /** What executors may use of the worker: nothing else of it reaches them. */
    private final class Context implements ExecutorContext {
        @Override
        public Clock clock() {
            return clock;
        }

        @Override
        public CredentialsFeed credentials() {
            return credentials;
        }

        @Override
        public ReceiveQueue[] queueByTask() {
            return queueByTask;
        }

        @Override
        public int ackerTask(long root) {
            return Worker.this.ackerTask(root);
        }

        @Override
        public CongestionView congestion() {
            return backpressure;
        }

        @Override
        public boolean isActive() {
            return active;
        }

        @Override
        public String componentOf(int taskId) {
            return context.getComponentId(taskId);
        }

        @Override
        public void reportError(String componentId, int taskId, Throwable error) {
            errors.report(componentId, taskId, error);
        }

        @Override
        public void fatal(String executorName, Throwable error) {
            Worker.this.fatal(executorName, error);
        }

        @Override
        public Object newComponentInstance(String componentId) {
            return Worker.this.newComponentInstance(componentId);
        }

        @Override
        public Map<String, Object> componentConf(String componentId) {
            return Worker.this.componentConf(componentId);
        }

        @Override
        public TopologyContext newTopologyContext(int taskId) {
            return Worker.this.newTopologyContext(taskId);
        }

        @Override
        public SerializationCheck newSerializationCheck() {
            return Worker.this.newSerializationCheck();
        }

        @Override
        public MetricsSettings metricsSettings() {
            return metricsSettings;
        }

        @Override
        public StreamTaps taps() {
            return taps;
        }

        @Override
        public OutboundEncoding outboundEncoding() {
            return outboundEncoding;
        }

        @Override
        public boolean isOutbound(ReceiveQueue queue) {
            return outboundQueues.containsValue(queue);
        }
    }
}
