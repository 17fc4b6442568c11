package io.squall;

import io.squall.config.InvalidConfigException;
import io.squall.metrics.aggregate.MetricsAggregator;
import io.squall.metrics.aggregate.MetricsCollector;
import io.squall.metrics.builtin.WorkerMetrics;
import io.squall.metrics.report.Reporters;
import io.squall.runtime.api.ComponentCounts;
import io.squall.runtime.api.ReportedError;
import io.squall.runtime.Worker;
import io.squall.topology.AlreadyAliveException;
import io.squall.topology.InvalidTopologyException;
import io.squall.topology.KillOptions;
import io.squall.topology.NotAliveException;
import io.squall.topology.StormTopology;
import io.squall.utils.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs topologies inside this JVM, for development and tests. Each topology runs in one in-process
 * worker, on the same executors, queues, groupings and acker as on a cluster; tuples pass between
 * tasks by reference, and the serialization check (on by default) catches values that could not cross
 * workers. Thread-safe. Close it to stop every topology.
 */
public class LocalCluster implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LocalCluster.class);
    private static final AtomicInteger IDS = new AtomicInteger();

    private final Map<String, Worker> running = new ConcurrentHashMap<>();
    private final Map<String, Worker> failed = new ConcurrentHashMap<>();
    private final Map<String, WorkerMetrics> metrics = new ConcurrentHashMap<>();
    private final Map<String, Reporters> reporters = new ConcurrentHashMap<>();
    private final MetricsCollector collector = new MetricsCollector(new MetricsAggregator());
    private final Clock clock;
    private volatile boolean closed;

    /** A running topology; closing it kills it. */
    public final class LocalTopology implements AutoCloseable {
        private final String name;

        private LocalTopology(String name) {
            this.name = name;
        }

        /** The topology's name. */
        public String getName() {
            return name;
        }

        @Override
        public void close() {
            if (running.containsKey(name)) {
                killTopology(name);
            }
        }
    }

    /** A cluster with no topologies, on the system clock. */
    public LocalCluster() {
        this(Clock.SYSTEM);
    }

    /**
     * A cluster with no topologies whose runtime reads time from {@code clock}: message timeouts, ticks,
     * windows and latencies. Pass a {@link io.squall.utils.ManualClock} to run topologies on simulated time.
     */
    public LocalCluster(Clock clock) {
        if (clock == null) {
            throw new IllegalArgumentException("LocalCluster needs a clock: pass Clock.SYSTEM for the real one");
        }
        this.clock = clock;
    }

    /**
     * Validates and starts a topology, active.
     *
     * @throws AlreadyAliveException    if a topology of that name is running
     * @throws InvalidTopologyException if the topology cannot run, naming why
     * @throws InvalidConfigException   if a configuration value has the wrong type, naming the key
     */
    public LocalTopology submitTopology(String name, Map<String, Object> conf, StormTopology topology) {
        return submitTopology(name, conf, topology, Thread.currentThread().getContextClassLoader());
    }

    /** Like {@link #submitTopology(String, Map, StormTopology)}, loading the topology's classes from {@code loader}. */
    public LocalTopology submitTopology(String name, Map<String, Object> conf, StormTopology topology,
                                        ClassLoader loader) {
        if (closed) {
            throw new IllegalStateException("This LocalCluster is closed");
        }
        validateName(name);
        if (topology == null) {
            throw new InvalidTopologyException("Topology '" + name + "' is null: pass builder.createTopology()");
        }
        Map<String, Object> topoConf = new HashMap<>(conf == null ? Map.of() : conf);
        topoConf.put(Config.TOPOLOGY_NAME, name);
        synchronized (this) {
            if (running.containsKey(name)) {
                throw new AlreadyAliveException("Topology '" + name + "' is already running; kill it first or pick "
                        + "another name");
            }
            String id = name + "-" + IDS.incrementAndGet() + "-" + clock.currentTimeMillis() / 1000;
            Worker worker = new Worker(id, topology, topoConf, loader == null ? getClass().getClassLoader() : loader,
                    true, clock, error -> onFailure(name, error));
            WorkerMetrics wm = new WorkerMetrics(worker, "local");
            Reporters old = reporters.put(name, Reporters.start(name, worker.metrics(), worker.metricsSettings()));
            if (old != null) {
                old.close();
            }
            running.put(name, worker);
            failed.remove(name);
            stopMetrics(metrics.put(name, wm), name);
            worker.start(true);
            collector.add(wm, worker.metricsSettings().snapshotIntervalSecs());
        }
        return new LocalTopology(name);
    }

    private static void validateName(String name) {
        if (name == null || name.isBlank()) {
            throw new InvalidTopologyException("A topology name must be a non-empty string");
        }
        for (char c : new char[] {'/', '.', ':', '\\'}) {
            if (name.indexOf(c) >= 0) {
                throw new InvalidTopologyException("Topology name '" + name + "' contains '" + c
                        + "', which is not allowed in names");
            }
        }
    }

    private void stopMetrics(WorkerMetrics wm, String name) {
        if (wm != null) {
            collector.remove(wm);
            wm.close();
        }
    }

    private void onFailure(String name, Throwable error) {
        Worker w = running.remove(name);
        if (w != null) {
            failed.put(name, w);
        }
    }

    /** Stops a topology now. */
    public void killTopology(String name) {
        Worker w = running.remove(name);
        if (w == null) {
            throw new NotAliveException("No topology named '" + name + "' is running (running: "
                    + new TreeSet<>(running.keySet()) + ")");
        }
        w.shutdown();
        WorkerMetrics wm = metrics.remove(name);
        stopMetrics(wm, name);
        collector.aggregator().forget(name);
        Reporters r = reporters.remove(name);
        if (r != null) {
            r.close();
        }
    }

    /** Deactivates a topology's spouts for the wait in the options, then stops it. */
    public void killTopologyWithOpts(String name, KillOptions options) {
        Worker w = worker(name);
        if (options != null && options.is_set_wait_secs() && options.get_wait_secs() > 0) {
            w.deactivate();
            try {
                TimeUnit.SECONDS.sleep(options.get_wait_secs());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        killTopology(name);
    }

    /** Lets a topology's spouts emit again. */
    public void activate(String name) {
        worker(name).activate();
    }

    /** Stops a topology's spouts from emitting; tuples in flight still complete. */
    public void deactivate(String name) {
        worker(name).deactivate();
    }

    /** Whether a topology of that name is running. */
    public boolean isRunning(String name) {
        return running.containsKey(name);
    }

    /** The names of the running topologies. */
    public List<String> getTopologyNames() {
        return new ArrayList<>(new TreeSet<>(running.keySet()));
    }

    /** The error that stopped a topology (a serialization check, a fatal executor error), or null. */
    public Throwable getTopologyFailure(String name) {
        Worker w = failed.get(name);
        return w == null ? null : w.failure();
    }

    /** A snapshot of the counts of a topology's components, by component id; immutable. */
    public Map<String, ComponentCounts> getComponentStats(String name) {
        return worker(name).componentCounts();
    }

    /** The topology running under a name. */
    public StormTopology getTopology(String name) {
        return worker(name).topology();
    }

    /** Whether a running topology's spouts may emit. */
    public boolean isActive(String name) {
        return worker(name).isActive();
    }

    /**
     * The metrics of the running topologies: snapshots of each worker, taken every
     * {@code topology.metrics.snapshot.interval.secs}, aggregated per component over time windows.
     */
    public MetricsCollector getMetricsCollector() {
        return collector;
    }

    /** The built-in metrics of a running topology's worker, for an immediate snapshot. */
    public WorkerMetrics getWorkerMetrics(String name) {
        WorkerMetrics wm = metrics.get(name);
        if (wm == null) {
            throw new NotAliveException("No topology named '" + name + "' is running (running: "
                    + new TreeSet<>(running.keySet()) + ")");
        }
        return wm;
    }

    /** The reporters a running topology's configuration switched on. */
    public Reporters getReporters(String name) {
        Reporters r = reporters.get(name);
        if (r == null) {
            throw new NotAliveException("No topology named '" + name + "' is running (running: "
                    + new TreeSet<>(running.keySet()) + ")");
        }
        return r;
    }

    /** The last errors a component's tasks reported. */
    public List<ReportedError> getErrors(String name, String componentId) {
        Worker w = running.get(name);
        if (w == null) {
            w = failed.get(name);
        }
        if (w == null) {
            throw new NotAliveException("No topology named '" + name + "'");
        }
        return w.errors().errors(componentId);
    }

    private Worker worker(String name) {
        Worker w = running.get(name);
        if (w == null) {
            throw new NotAliveException("No topology named '" + name + "' is running (running: "
                    + new TreeSet<>(running.keySet()) + ")");
        }
        return w;
    }

    /** Stops every topology. */
    @Override
    public void close() {
        closed = true;
        for (String name : new ArrayList<>(running.keySet())) {
            try {
                killTopology(name);
            } catch (NotAliveException gone) {
                LOG.debug("Topology {} stopped on its own", name);
            }
        }
        for (String name : new ArrayList<>(metrics.keySet())) {
            stopMetrics(metrics.remove(name), name);
        }
        reporters.values().forEach(Reporters::close);
        reporters.clear();
        collector.close();
    }

    /** Storm's name for {@link #close()}. */
    public void shutdown() {
        close();
    }
}
