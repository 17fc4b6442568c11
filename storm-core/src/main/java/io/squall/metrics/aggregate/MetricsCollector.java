package io.squall.metrics.aggregate;

import io.squall.LocalCluster;
import io.squall.metrics.builtin.Snapshots;
import io.squall.metrics.builtin.WorkerMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Takes a snapshot of each in-process worker at its configured interval and feeds it to a
 * {@link MetricsAggregator} and to listeners (the dashboard's live updates). One daemon thread, started
 * with the first worker. Thread-safe.
 */
public final class MetricsCollector implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MetricsCollector.class);
    private static final long TICK_MILLIS = 200;

    private final MetricsAggregator aggregator;
    private final Map<WorkerMetrics, long[]> sources = new ConcurrentHashMap<>();
    private final List<Consumer<Snapshots.Worker>> listeners = new CopyOnWriteArrayList<>();
    private ScheduledExecutorService timer;

    /** A collector feeding {@code aggregator}. */
    public MetricsCollector(MetricsAggregator aggregator) {
        this.aggregator = aggregator;
    }

    /** The collector of a local cluster's topologies. */
    public static MetricsCollector of(LocalCluster cluster) {
        return cluster.unwrap(MetricsCollector.class);
    }

    /** Starts snapshotting a worker every {@code intervalSecs}; the first snapshot is taken now. */
    public synchronized void add(WorkerMetrics worker, int intervalSecs) {
        sources.put(worker, new long[] {0, TimeUnit.SECONDS.toMillis(intervalSecs)});
        if (timer == null) {
            timer = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "metrics-collector");
                t.setDaemon(true);
                return t;
            });
            timer.scheduleWithFixedDelay(this::tick, 0, TICK_MILLIS, TimeUnit.MILLISECONDS);
        }
        collect(worker);
    }

    /** Takes a last snapshot of a worker and stops snapshotting it. */
    public void remove(WorkerMetrics worker) {
        if (sources.remove(worker) != null) {
            collect(worker);
        }
    }

    /** Calls {@code listener} with each snapshot taken, on the collector's thread. */
    public void addListener(Consumer<Snapshots.Worker> listener) {
        listeners.add(listener);
    }

    /** Removes a listener. */
    public void removeListener(Consumer<Snapshots.Worker> listener) {
        listeners.remove(listener);
    }

    /** The aggregator fed. */
    public MetricsAggregator aggregator() {
        return aggregator;
    }

    private void tick() {
        long now = System.currentTimeMillis();
        sources.forEach((w, due) -> {
            if (now >= due[0]) {
                due[0] = now + due[1];
                collect(w);
            }
        });
    }

    /**
     * Snapshots one worker now. The timer and a worker being added or removed can snapshot the same worker at
     * once; each snapshot is recorded and passed on before the next is taken, so they arrive in order.
     */
    public void collect(WorkerMetrics worker) {
        try {
            synchronized (worker) {
                Snapshots.Worker s = worker.snapshot();
                aggregator.record(s);
                for (Consumer<Snapshots.Worker> l : listeners) {
                    l.accept(s);
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("Could not take a metrics snapshot of {}", worker.worker().topologyId(), e);
        }
    }

    @Override
    public synchronized void close() {
        if (timer != null) {
            timer.shutdownNow();
            timer = null;
        }
    }
}
