package io.squall.metrics.builtin;

import com.codahale.metrics.Counter;
import com.codahale.metrics.Gauge;
import com.codahale.metrics.Histogram;
import com.codahale.metrics.Meter;
import com.codahale.metrics.Metric;
import com.codahale.metrics.Timer;
import com.codahale.metrics.jvm.GarbageCollectorMetricSet;
import com.codahale.metrics.jvm.MemoryUsageGaugeSet;
import com.codahale.metrics.jvm.ThreadStatesGaugeSet;
import io.squall.Constants;
import io.squall.LocalCluster;
import io.squall.metrics.CumulativeCount;
import io.squall.metrics.TaggedRegistry;
import io.squall.runtime.api.ReportedError;
import io.squall.runtime.Worker;
import io.squall.runtime.executor.Executor;
import io.squall.runtime.queue.Backpressure;
import io.squall.runtime.queue.ReceiveQueue;
import io.squall.runtime.stats.ComponentStats;
import io.squall.runtime.stats.InputStats;
import io.squall.runtime.stats.LatencyHistogram;
import io.squall.runtime.stats.TaskStats;
import io.squall.topology.ComponentSpec;
import io.squall.topology.GlobalStreamId;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.ToLongFunction;

/**
 * The built-in metrics of one worker: registers them in the worker's registry (per component, task,
 * executor and for the JVM) and takes {@link Snapshots.Worker snapshots} of them. Everything is read from
 * the counters the executors keep, so nothing here runs on the tuple path. Thread-safe.
 */
public final class WorkerMetrics {
    private final Worker worker;
    private final String workerName;
    private final TaggedRegistry registry;
    private final Map<String, List<Executor>> executorsByComponent = new TreeMap<>();

    /**
     * The built-in metrics of a local topology's worker (its first, when it runs in several), for an immediate
     * snapshot; also of a topology that failed, until the cluster closes.
     *
     * @throws io.squall.topology.NotAliveException if no topology of that name runs or failed
     */
    public static WorkerMetrics of(LocalCluster cluster, String topology) {
        return cluster.unwrap(topology, WorkerMetrics.class);
    }

    /** Registers the worker's built-in metrics. */
    public WorkerMetrics(Worker worker, String workerName) {
        this.worker = worker;
        this.workerName = workerName;
        this.registry = worker.metrics();
        for (Executor e : worker.executors()) {
            executorsByComponent.computeIfAbsent(e.componentId(), k -> new ArrayList<>()).add(e);
        }
        worker.stats().values().forEach(this::registerComponent);
        for (Executor e : worker.executors()) {
            registerExecutor(e);
        }
        registerWorker();
    }

    private void registerComponent(ComponentStats s) {
        String c = s.componentId();
        counter(c, "emitted", st -> st.emitted.sum());
        counter(c, "transferred", st -> st.transferred.sum());
        counter(c, "executed", st -> st.executed.sum());
        counter(c, "acked", st -> st.acked.sum());
        counter(c, "failed", st -> st.failed.sum());
        counter(c, "timed-out", st -> st.timedOut.sum());
        counter(c, "errors", st -> st.errors.sum());
        counter(c, "late-tuples", st -> st.lateTuples.sum());
        if (isSpout(c)) {
            registry.register("component", "complete-latency-us", new LatencyMetric(s.completeLatency), "component", c);
        } else {
            registry.register("component", "execute-latency-us", new LatencyMetric(s.executeLatency), "component", c);
            registry.register("component", "process-latency-us", new LatencyMetric(s.processLatency), "component", c);
        }
        for (int task : worker.context().getComponentTasks(c)) {
            TaskStats t = s.task(task);
            String id = String.valueOf(task);
            registry.register("task", "emitted", new CumulativeCount(t::emittedCount), "component", c, "task", id);
            registry.register("task", "executed", new CumulativeCount(t::executedCount), "component", c, "task", id);
            registry.register("task", "acked", new CumulativeCount(t::ackedCount), "component", c, "task", id);
            registry.register("task", "failed", new CumulativeCount(t::failedCount), "component", c, "task", id);
        }
    }

    private void counter(String component, String name, ToLongFunction<ComponentStats> read) {
        ComponentStats s = worker.stats().get(component);
        registry.register("component", name, new CumulativeCount(() -> read.applyAsLong(s)), "component", component);
    }

    private void registerExecutor(Executor e) {
        ReceiveQueue q = e.queue();
        String[] tags = {"executor", e.name()};
        registry.register("executor", "receive-queue.population", (Gauge<Long>) q::population, tags);
        registry.register("executor", "receive-queue.capacity", (Gauge<Integer>) q::capacity, tags);
        registry.register("executor", "outbox.depth", (Gauge<Long>) e::outboxDepth, tags);
        registry.register("executor", "backpressure.congested-ms", new CumulativeCount(() ->
                worker.backpressure().report().congestedMsByQueue().getOrDefault(q.name(), 0L)), tags);
    }

    private void registerWorker() {
        Backpressure bp = worker.backpressure();
        registry.register("worker", "backpressure.congested", (Gauge<Integer>) () -> bp.isCongested() ? 1 : 0);
        registry.register("worker", "backpressure.congested-ms", new CumulativeCount(() -> bp.report().congestedMs()));
        registry.register("worker", "backpressure.episodes", new CumulativeCount(() -> bp.report().episodes()));
        registry.registry().register("jvm.memory", new MemoryUsageGaugeSet());
        registry.registry().register("jvm.gc", new GarbageCollectorMetricSet());
        registry.registry().register("jvm.threads", new ThreadStatesGaugeSet());
    }

    private boolean isSpout(String component) {
        ComponentSpec spec = worker.topology().getComponent(component);
        return spec != null && spec.getKind() == ComponentSpec.Kind.SPOUT;
    }

    /** The worker's figures now. */
    public Snapshots.Worker snapshot() {
        Backpressure.Report bp = worker.backpressure().report();
        List<Snapshots.Component> components = new ArrayList<>();
        for (ComponentStats s : worker.stats().values()) {
            components.add(component(s, bp));
        }
        List<Snapshots.Queue> queues = new ArrayList<>();
        for (Executor e : worker.executors()) {
            ReceiveQueue q = e.queue();
            queues.add(new Snapshots.Queue(e.name(), e.componentId(), q.population(), q.capacity(),
                    bp.congestedMsByQueue().getOrDefault(q.name(), 0L),
                    bp.firstCountByQueue().getOrDefault(q.name(), 0L)));
        }
        long now = worker.clock().currentTimeMillis();
        return new Snapshots.Worker(worker.settings().name() != null ? worker.settings().name() : worker.topologyId(),
                worker.topologyId(), workerName, now, worker.startMillis(), (now - worker.startMillis()) / 1000,
                worker.isActive(),
                components, edges(),
                new Snapshots.Backpressure(bp.congested(), bp.episodes(), bp.congestedMs(), bp.lastFirstQueue(), queues),
                jvm(), errors(), userMetrics());
    }

    private Snapshots.Component component(ComponentStats s, Backpressure.Report bp) {
        String c = s.componentId();
        List<Executor> execs = executorsByComponent.getOrDefault(c, List.of());
        long population = 0;
        long capacity = 0;
        long congested = 0;
        for (Executor e : execs) {
            population += e.queue().population();
            capacity += e.queue().capacity();
            congested += bp.congestedMsByQueue().getOrDefault(e.queue().name(), 0L);
        }
        List<Snapshots.Task> tasks = new ArrayList<>();
        for (TaskStats t : s.tasks().values()) {
            tasks.add(new Snapshots.Task(t.taskId(), t.emittedCount(), t.executedCount(), t.ackedCount(),
                    t.failedCount(), streamCounts(t), inputCounts(t)));
        }
        boolean spout = isSpout(c);
        int sampleEvery = worker.metricsSettings().sampleEvery();
        return new Snapshots.Component(c, spout ? "spout" : "bolt", execs.size(),
                worker.context().getComponentTasks(c).size(), s.emitted.sum(), s.transferred.sum(), s.executed.sum(),
                s.acked.sum(), s.failed.sum(), s.timedOut.sum(), s.errors.sum(), s.failedByComponent(),
                spout ? latency(s.completeLatency) : Snapshots.Latency.NONE,
                spout ? Snapshots.Latency.NONE : latency(s.executeLatency),
                spout ? Snapshots.Latency.NONE : latency(s.processLatency),
                s.executeLatency.sumMicros() * sampleEvery, s.lateTuples.sum(), population, capacity, congested, tasks);
    }

    private static Snapshots.Latency latency(LatencyHistogram h) {
        long n = h.samples();
        if (n == 0) {
            return Snapshots.Latency.NONE;
        }
        org.HdrHistogram.Histogram r = h.recent();
        if (r.getTotalCount() == 0) {
            return new Snapshots.Latency(n, h.sumMicros(), 0, 0, 0, 0);
        }
        return new Snapshots.Latency(n, h.sumMicros(), r.getValueAtPercentile(50) / 1e3,
                r.getValueAtPercentile(99) / 1e3, r.getValueAtPercentile(99.9) / 1e3, r.getMaxValue() / 1e3);
    }

    /** Messages sent along each subscription between user components. */
    private List<Snapshots.Edge> edges() {
        Map<String, Set<String>> subscribers = new TreeMap<>();
        for (ComponentSpec spec : worker.topology().getComponents().values()) {
            for (GlobalStreamId in : spec.getInputs().keySet()) {
                if (worker.topology().getComponent(in.get_componentId()) != null) {
                    subscribers.computeIfAbsent(in.get_componentId(), k -> new TreeSet<>()).add(spec.getId());
                }
            }
        }
        List<Snapshots.Edge> out = new ArrayList<>();
        subscribers.forEach((from, tos) -> {
            for (String to : tos) {
                long sent = 0;
                for (Executor e : executorsByComponent.getOrDefault(from, List.of())) {
                    for (int task : worker.context().getComponentTasks(to)) {
                        sent += e.sentTo(task);
                    }
                }
                out.add(new Snapshots.Edge(from, to, sent));
            }
        });
        return out;
    }

    private static Snapshots.Jvm jvm() {
        MemoryMXBean mem = ManagementFactory.getMemoryMXBean();
        long gcCount = 0;
        long gcTime = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            gcCount += Math.max(0, gc.getCollectionCount());
            gcTime += Math.max(0, gc.getCollectionTime());
        }
        return new Snapshots.Jvm(mem.getHeapMemoryUsage().getUsed(), mem.getHeapMemoryUsage().getMax(),
                mem.getNonHeapMemoryUsage().getUsed(), gcCount, gcTime, ManagementFactory.getThreadMXBean().getThreadCount());
    }

    private List<Snapshots.Error> errors() {
        List<Snapshots.Error> out = new ArrayList<>();
        for (String c : worker.stats().keySet()) {
            for (ReportedError e : worker.errors().errors(c)) {
                out.add(new Snapshots.Error(e.componentId(), e.taskId(), e.timeMillis(), e.message()));
            }
        }
        for (ReportedError e : worker.errors().errors(Constants.ACKER_COMPONENT_ID)) {
            out.add(new Snapshots.Error(e.componentId(), e.taskId(), e.timeMillis(), e.message()));
        }
        out.sort(Comparator.comparingLong(Snapshots.Error::timeMillis).reversed());
        return out;
    }

    /** One number per user metric: a counter's count, a gauge's value, a meter's one-minute rate, a p99. */
    private Map<String, Double> userMetrics() {
        Map<String, Double> out = new LinkedHashMap<>();
        for (Map.Entry<String, Metric> e : new TreeMap<>(registry.registry().getMetrics()).entrySet()) {
            if (!e.getKey().startsWith("user.")) {
                continue;
            }
            Metric m = e.getValue();
            if (m instanceof Counter c) {
                out.put(e.getKey(), (double) c.getCount());
            } else if (m instanceof Gauge<?> g && g.getValue() instanceof Number n) {
                out.put(e.getKey(), n.doubleValue());
            } else if (m instanceof Meter mt) {
                out.put(e.getKey() + ".m1-rate", mt.getOneMinuteRate());
            } else if (m instanceof Timer t) {
                out.put(e.getKey() + ".p99-ms", t.getSnapshot().get99thPercentile() / 1e6);
            } else if (m instanceof Histogram h) {
                out.put(e.getKey() + ".p99", h.getSnapshot().get99thPercentile());
            }
        }
        return out;
    }

    /** The worker whose metrics these are. */
    public Worker worker() {
        return worker;
    }

    /** Removes the worker's metrics from its registry; the worker is gone. */
    public void close() {
        new HashMap<>(registry.registry().getMetrics()).keySet().forEach(registry.registry()::remove);
    }

    /** A bolt task's counts of each input it counts apart (none unless it has several). */
    public static List<Snapshots.InputCount> inputCounts(TaskStats t) {
        List<Snapshots.InputCount> out = new ArrayList<>();
        for (InputStats in : t.inputs()) {
            out.add(new Snapshots.InputCount(in.componentId(), in.streamId(), in.executedCount(), in.ackedCount(),
                    in.failedCount()));
        }
        return out;
    }

    /** A task's counts of each stream it emitted on (a spout's: with its trees acked and failed), by stream id. */
    public static List<Snapshots.StreamCount> streamCounts(TaskStats t) {
        List<Snapshots.StreamCount> out = new ArrayList<>();
        new java.util.TreeMap<>(t.streams()).forEach((id, s) -> out.add(new Snapshots.StreamCount(id,
                s.emittedCount(), s.transferredCount(), s.ackedCount(), s.failedCount(), s.completeSamples(),
                s.completeSumMicros())));
        return out;
    }
}
