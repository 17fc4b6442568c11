package io.squall.daemon.local;

import io.squall.config.TopologySettings;
import io.squall.runtime.routing.KeyGroups;
import io.squall.metrics.aggregate.MetricsCollector;
import io.squall.metrics.aggregate.StormSummaries;
import io.squall.metrics.builtin.Snapshots;
import io.squall.metrics.builtin.WorkerMetrics;
import io.squall.metrics.report.Reporters;
import io.squall.runtime.TaskLayout;
import io.squall.runtime.TopologyCheck;
import io.squall.runtime.Worker;
import io.squall.runtime.agent.AgentRunner;
import io.squall.runtime.agent.Quiescence;
import io.squall.runtime.api.ComponentCounts;
import io.squall.runtime.api.LocalRuntime;
import io.squall.runtime.api.LocalTopologyRuntime;
import io.squall.runtime.api.ReportedError;
import io.squall.runtime.queue.ReceiveQueue;
import io.squall.runtime.stats.ComponentStats;
import io.squall.task.WorkerTopologyContext;
import io.squall.topology.NodeInfo;
import io.squall.topology.ComponentSpec;
import io.squall.topology.StormTopology;
import io.squall.topology.TopologyInfo;
import io.squall.utils.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * A topology of a local cluster: one {@link Worker}, or with {@code topology.workers} above one that many workers
 * joined by a {@link WorkerMesh}, each with its built-in metrics (collected by the local runtime) and reporters.
 * Executors are dealt to the workers as the even scheduler deals them to slots ({@link TaskLayout#deal}). Thread-safe.
 */
final class InProcessTopology implements LocalTopologyRuntime {
    private static final Logger LOG = LoggerFactory.getLogger(InProcessTopology.class);

    private final String name;
    private final StormTopology topology;
    private final List<Worker> workers = new ArrayList<>();
    private final List<WorkerMetrics> metrics = new ArrayList<>();
    private final List<Reporters> reporters = new ArrayList<>();
    private final MetricsCollector collector;
    private final Consumer<Throwable> onFailure;
    private WorkerMesh mesh;
    private TaskLayout layout;
    private TopologySettings settings;
    private Map<String, Object> conf;
    private volatile Throwable failure;
    private boolean stopped;

    private InProcessTopology(String name, StormTopology topology, MetricsCollector collector,
                              Consumer<Throwable> onFailure) {
        this.name = name;
        this.topology = topology;
        this.collector = collector;
        this.onFailure = onFailure;
    }

    /**
     * Builds the workers of a launch (validating the topology and its configuration) and its metrics; nothing
     * runs until {@link #start}.
     */
    static InProcessTopology create(LocalRuntime.Launch launch, Clock clock, MetricsCollector collector,
                                    Consumer<Throwable> onFailure) {
        InProcessTopology t = new InProcessTopology(launch.name(), launch.topology(), collector, onFailure);
        t.settings = TopologyCheck.check(launch.topology(), launch.conf(), launch.loader()).settings();
        t.conf = launch.conf();
        t.layout = new TaskLayout(launch.topology(), t.settings.ackerExecutors(), launch.executorOverrides());
        int n = Math.max(1, Math.min(t.settings.workers(), t.layout.executors().size()));
        try {
            if (n == 1) {
                t.workers.add(new Worker(launch.topologyId(), launch.topology(), launch.conf(), launch.loader(), true,
                        clock, t::workerFailed, new Worker.Placement(0, Map.of(), launch.executorOverrides(),
                        launch.codeDir())));
            } else {
                t.mesh = new WorkerMesh(n, launch.conf(), launch.loader());
                Map<Integer, Integer> workerOfTask = t.workerOfTask(n);
                List<Map<Integer, String>> remote = remoteTasks(workerOfTask, n);
                WorkerTopologyContext.Locations locations = locations(workerOfTask, t.mesh);
                for (int i = 0; i < n; i++) {
                    t.workers.add(new Worker(launch.topologyId(), launch.topology(), launch.conf(), launch.loader(),
                            true, clock, t::workerFailed, new Worker.Placement(t.mesh.port(i), remote.get(i),
                            launch.executorOverrides(), launch.codeDir(), locations)));
                }
                t.mesh.connect(t.workers, launch.loader(), t::linkFailed);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            t.closeMesh();
            throw new IllegalStateException("Interrupted while starting topology " + launch.name(), e);
        } catch (RuntimeException e) {
            t.closeMesh();
            throw e;
        }
        for (int i = 0; i < n; i++) {
            Worker w = t.workers.get(i);
            w.setCredentials(launch.credentials());
            t.metrics.add(new WorkerMetrics(w, n == 1 ? "local" : "local-" + (i + 1)));
            t.startReporters(i, w);
        }
        return t;
    }

    /** Each task, to the index of the one of {@code n} workers that runs it. */
    private Map<Integer, Integer> workerOfTask(int n) {
        List<List<TaskLayout.ExecutorTasks>> dealt = layout.deal(n);
        Map<Integer, Integer> workerOfTask = new HashMap<>();
        for (int w = 0; w < n; w++) {
            for (TaskLayout.ExecutorTasks et : dealt.get(w)) {
                for (int task : et.tasks()) {
                    workerOfTask.put(task, w);
                }
            }
        }
        return workerOfTask;
    }

    /**
     * Where each task runs, as the workers' contexts tell it: every worker on the local supervisor, told apart by the
     * port of its server in the mesh.
     */
    private static WorkerTopologyContext.Locations locations(Map<Integer, Integer> workerOfTask, WorkerMesh mesh) {
        Map<Integer, NodeInfo> where = new HashMap<>();
        workerOfTask.forEach((task, w) -> where.put(task, new NodeInfo(WorkerTopologyContext.LOCAL_ASSIGNMENT_ID,
                Set.of((long) mesh.port(w)))));
        return new WorkerTopologyContext.Locations(WorkerTopologyContext.LOCAL_ASSIGNMENT_ID, where,
                Map.of(WorkerTopologyContext.LOCAL_ASSIGNMENT_ID, WorkerTopologyContext.LOCAL_HOST));
    }

    /** Every task each of {@code n} workers does not run, to the outbound queue of the worker that does. */
    private static List<Map<Integer, String>> remoteTasks(Map<Integer, Integer> workerOfTask, int n) {
        List<Map<Integer, String>> remote = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Map<Integer, String> other = new HashMap<>();
            int me = i;
            workerOfTask.forEach((task, w) -> {
                if (w != me) {
                    other.put(task, WorkerMesh.queueName(w));
                }
            });
            remote.add(other);
        }
        return remote;
    }

    /**
     * The first worker's reporters are named after the topology and must start; the others', named
     * {@code <topology>-<n>} as a cluster names them by port, are logged if they cannot (a Prometheus port taken).
     */
    private void startReporters(int i, Worker w) {
        if (i == 0) {
            reporters.add(Reporters.start(name, w.metrics(), w.metricsSettings()));
            return;
        }
        try {
            reporters.add(Reporters.start(name + "-" + (i + 1), w.metrics(), w.metricsSettings()));
        } catch (RuntimeException e) {
            LOG.warn("Metric reporters of worker {} of {} not started: {}", i + 1, name, e.getMessage());
        }
    }

    synchronized void start(boolean activate) {
        if (mesh != null) {
            mesh.start();
        }
        for (int i = 0; i < workers.size(); i++) {
            workers.get(i).start(activate);
            collector.add(metrics.get(i), workers.get(i).metricsSettings().snapshotIntervalSecs());
        }
    }

    /** A worker stopped itself on a fatal error (on a thread of its own): the others stop too. */
    private void workerFailed(Throwable error) {
        failed(error);
    }

    /** A link could not send: the error names the component, stream and class when a value does not serialize. */
    private void linkFailed(Throwable error) {
        Thread stopper = new Thread(() -> failed(error), "stop-" + name);
        stopper.setDaemon(true);
        stopper.start();
    }

    private void failed(Throwable error) {
        synchronized (this) {
            if (failure != null || stopped) {
                return;
            }
            failure = error;
        }
        if (workers.size() > 1) {
            LOG.error("Topology {} failed; stopping its {} workers", name, workers.size(), error);
        }
        workers.forEach(Worker::shutdown);
        closeMesh();
        onFailure.accept(error);
    }

    private synchronized void closeMesh() {
        if (mesh != null) {
            mesh.close();
            mesh = null;
        }
    }

    @Override
    public String topologyId() {
        return workers.get(0).topologyId();
    }

    @Override
    public StormTopology topology() {
        return topology;
    }

    @Override
    public void activate() {
        workers.forEach(Worker::activate);
    }

    @Override
    public void deactivate() {
        workers.forEach(Worker::deactivate);
    }

    @Override
    public void setCredentials(Map<String, String> credentials) {
        workers.forEach(w -> w.setCredentials(credentials));
    }

    @Override
    public void debug(String component, boolean enable, double percent) {
        workers.forEach(w -> w.eventLogging().debug(component, enable, percent));
    }

    @Override
    public boolean isActive() {
        return workers.get(0).isActive();
    }

    /** Stops the workers, the transport between them, their metrics and reporters. Idempotent. */
    @Override
    public void shutdown() {
        synchronized (this) {
            if (stopped) {
                return;
            }
            stopped = true;
        }
        workers.forEach(Worker::shutdown);
        closeMesh();
        for (WorkerMetrics wm : metrics) {
            collector.remove(wm);
            wm.close();
        }
        collector.aggregator().forget(name);
        reporters.forEach(Reporters::close);
    }

    @Override
    public Throwable failure() {
        Throwable f = failure;
        return f != null ? f : workers.get(0).failure();
    }

    /** Each component's counts, summed over the workers; the mean latency weighted by completed trees. */
    @Override
    public Map<String, ComponentCounts> componentCounts() {
        if (workers.size() == 1) {
            return workers.get(0).componentCounts();
        }
        Map<String, ComponentCounts> sum = new LinkedHashMap<>();
        for (Worker w : workers) {
            w.componentCounts().forEach((c, counts) -> sum.merge(c, counts, InProcessTopology::add));
        }
        return Collections.unmodifiableMap(sum);
    }

    private static ComponentCounts add(ComponentCounts a, ComponentCounts b) {
        long acked = a.acked() + b.acked();
        double latency = acked == 0 ? 0
                : (a.meanCompleteLatencyMs() * a.acked() + b.meanCompleteLatencyMs() * b.acked()) / acked;
        Map<String, Long> failedBy = new HashMap<>(a.failedBy());
        b.failedBy().forEach((k, v) -> failedBy.merge(k, v, Long::sum));
        return new ComponentCounts(a.componentId(), a.emitted() + b.emitted(), a.transferred() + b.transferred(),
                a.executed() + b.executed(), acked, a.failed() + b.failed(), a.timedOut() + b.timedOut(),
                a.errors() + b.errors(), a.lateTuples() + b.lateTuples(), latency, failedBy);
    }

    @Override
    public List<ReportedError> errors(String componentId) {
        if (workers.size() == 1) {
            return workers.get(0).errors(componentId);
        }
        List<ReportedError> all = new ArrayList<>();
        workers.forEach(w -> all.addAll(w.errors(componentId)));
        all.sort(Comparator.comparingLong(ReportedError::timeMillis));
        return List.copyOf(all);
    }

    @Override
    public long startMillis() {
        return workers.get(0).startMillis();
    }

    @Override
    public int workerCount() {
        return workers.size();
    }

    @Override
    public int taskCount() {
        return layout.taskToComponent().size();
    }

    @Override
    public int executorCount() {
        return layout.executors().size();
    }

    @Override
    public int messageTimeoutSecs() {
        return settings.messageTimeoutSecs();
    }

    @Override
    public void checkExecutorCounts(Map<String, Integer> executors) {
        new TaskLayout(topology, settings.ackerExecutors(), executors)
                .checkRescale(topology, layout, KeyGroups.count(conf));
    }

    @Override
    public TopologyInfo topologyInfo(String topologyName, int uptimeSecs) {
        Worker first = workers.get(0);
        Map<String, List<StormSummaries.ExecutorPlace>> places = new HashMap<>();
        for (TaskLayout.ExecutorTasks e : layout.executors()) {
            int[] tasks = e.tasks();
            places.computeIfAbsent(e.componentId(), k -> new ArrayList<>())
                    .add(new StormSummaries.ExecutorPlace(tasks[0], tasks[tasks.length - 1], "localhost", 0));
        }
        TopologyInfo info = StormSummaries.fromStats(first.topologyId(), topologyName,
                isActive() ? "ACTIVE" : "INACTIVE", uptimeSecs, componentCounts(),
                c -> topology.getComponent(c).getKind() == ComponentSpec.Kind.SPOUT,
                c -> places.getOrDefault(c, List.of()), this::taskCounts, this::errors, topology::getComponent);
        info.set_component_debug(first.eventLogging().state().stormView(first.topologyId()));
        return info;
    }

    /** Each task's counts of a component: from the worker that runs it (the others hold its counters at zero). */
    private List<Snapshots.Task> taskCounts(String component) {
        Map<Integer, Snapshots.Task> byTask = new TreeMap<>();
        for (Worker w : workers) {
            ComponentStats s = w.stats().get(component);
            if (s != null) {
                s.tasks().forEach((task, t) -> {
                    Snapshots.Task counts = new Snapshots.Task(task, t.emittedCount(), t.executedCount(),
                            t.ackedCount(), t.failedCount(), WorkerMetrics.streamCounts(t),
                            WorkerMetrics.inputCounts(t));
                    byTask.merge(task, counts, (a, b) -> a.emitted() + a.executed() + a.acked() + a.failed()
                            >= b.emitted() + b.executed() + b.acked() + b.failed() ? a : b);
                });
            }
        }
        return new ArrayList<>(byTask.values());
    }

    @Override
    public Progress progress() {
        long executed = 0;
        for (Worker w : workers) {
            for (ComponentStats s : w.stats().values()) {
                executed += s.executed.sum();
            }
        }
        long spoutEmitted = 0;
        long transferred = 0;
        for (Worker w : workers) {
            for (Map.Entry<String, ComponentStats> e : w.stats().entrySet()) {
                ComponentSpec spec = topology.getComponent(e.getKey());
                transferred += e.getValue().transferred.sum();
                if (spec != null && spec.getKind() == ComponentSpec.Kind.SPOUT) {
                    spoutEmitted += e.getValue().emitted.sum();
                }
            }
        }
        long queued = 0;
        Set<ReceiveQueue> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Worker w : workers) {
            for (ReceiveQueue q : w.queueByTask()) {
                if (q != null && seen.add(q)) {
                    queued += q.population();
                }
            }
        }
        return new Progress(spoutEmitted, transferred, executed, queued);
    }

    @Override
    public <T> T unwrap(Class<T> type) {
        if (!metrics.isEmpty() && type.isInstance(metrics.get(0))) {
            return type.cast(metrics.get(0));
        }
        if (!reporters.isEmpty() && type.isInstance(reporters.get(0))) {
            return type.cast(reporters.get(0));
        }
        throw new IllegalArgumentException("Topology " + name + " has no " + type.getName());
    }

    @Override
    public boolean awaitQuiescent(Predicate<Thread> blocked, long deadlineNanos) throws InterruptedException {
        List<AgentRunner> runners = new ArrayList<>();
        workers.forEach(w -> runners.addAll(w.runners()));
        return Quiescence.await(runners, blocked, deadlineNanos);
    }
}
