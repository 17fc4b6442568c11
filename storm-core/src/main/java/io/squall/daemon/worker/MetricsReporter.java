package io.squall.daemon.worker;

import io.squall.metrics.builtin.WorkerMetrics;
import io.squall.utils.NimbusClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sends a worker's metrics snapshot to the leader Nimbus every {@code topology.metrics.snapshot.interval.secs}
 * ({@link NimbusClient} asks each seed until the leader answers, so a new leader is found by itself).
 * A report that fails is counted and logged, at most once a minute, and never stops the worker: the next
 * snapshot carries the cumulative counters, so Nimbus's aggregates catch up. One daemon thread.
 */
final class MetricsReporter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MetricsReporter.class);
    private static final long LOG_EVERY_MS = 60_000;

    private final WorkerMetrics metrics;
    private final NimbusClient nimbus;
    private final ScheduledExecutorService timer;
    private final AtomicLong failures = new AtomicLong();
    /** When a failure was last logged; the timer thread's own. */
    private long lastLoggedMs;

    /** Reports {@code metrics} to {@code nimbus} every {@code intervalSecs}, starting now. */
    MetricsReporter(WorkerMetrics metrics, NimbusClient nimbus, int intervalSecs) {
        this.metrics = metrics;
        this.nimbus = nimbus;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "metrics-reporter");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(this::report, 0, intervalSecs, TimeUnit.SECONDS);
    }

    private void report() {
        try {
            nimbus.reportMetrics(metrics.snapshot());
        } catch (IOException | RuntimeException e) {
            long n = failures.incrementAndGet();
            long now = System.currentTimeMillis();
            if (now - lastLoggedMs >= LOG_EVERY_MS) {
                lastLoggedMs = now;
                LOG.warn("Could not report metrics to Nimbus ({} failed reports so far; logged at most once a "
                        + "minute): {}", n, e.getMessage());
            }
        }
    }

    /** Reports that failed so far. */
    long failures() {
        return failures.get();
    }

    /** Stops reporting. */
    @Override
    public void close() {
        timer.shutdownNow();
    }
}
