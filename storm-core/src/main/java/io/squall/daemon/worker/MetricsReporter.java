package io.squall.daemon.worker;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.squall.metrics.aggregate.MetricsClient;
import io.squall.metrics.builtin.Snapshots;
import io.squall.metrics.builtin.WorkerMetrics;
import io.squall.runtime.logging.LoggerLevels;
import io.squall.runtime.state.StateQuery;
import io.squall.runtime.tap.EventLogging;
import io.squall.runtime.tap.StreamTap;
import io.squall.runtime.tap.StreamTaps;
import io.squall.runtime.tap.TapFeed;
import io.squall.runtime.tap.TapKey;
import io.squall.utils.NimbusClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sends a worker's metrics snapshot to the leader Nimbus every {@code topology.metrics.snapshot.interval.secs}
 * ({@link NimbusClient} asks each seed until the leader answers, so a new leader is found by itself).
 * A report that fails is counted and logged, at most once a minute, and never stops the worker: the next
 * snapshot carries the cumulative counters, so Nimbus's aggregates catch up.
 *
 * <p>Nimbus answers each report with the stream taps dashboards have open on this worker's topology; the reporter
 * opens those (and closes the others) in the worker's {@link StreamTaps} and then sends what the open taps sampled
 * since the last report. Samples whose sending fails are counted as dropped by the next report's counters, not
 * retried: a tap shows a live sample, not a complete copy. Nimbus's answer also carries the dashboards' state
 * queries on this topology; the reporter answers them from this worker's stateful tasks before it sends the taps'
 * samples. One daemon thread.
 */
final class MetricsReporter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MetricsReporter.class);
    private static final long LOG_EVERY_MS = 60_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final WorkerMetrics metrics;
    private final NimbusClient nimbus;
    private final StreamTaps taps;
    /** What the worker's executors sample for the event loggers, as Nimbus lists it after each report. */
    private final EventLogging eventLogging;
    /** The log levels Nimbus lists for the topology, applied after each report. */
    private final LoggerLevels logLevels = new LoggerLevels();
    /** Carries out the profiling actions Nimbus asks of this worker; null when the worker has no log file. */
    private final WorkerProfiler profiler = WorkerProfiler.ofWorkerLog();
    /** Samples of each tap lost because their report failed; the timer thread's own. */
    private final Map<TapKey, Long> lostSamples = new HashMap<>();
    private final ScheduledExecutorService timer;
    private final AtomicLong failures = new AtomicLong();
    /** When a failure was last logged; the timer thread's own. */
    private long lastLoggedMs;

    /** Reports {@code metrics} to {@code nimbus} every {@code intervalSecs}, starting now. */
    MetricsReporter(WorkerMetrics metrics, NimbusClient nimbus, StreamTaps taps, EventLogging eventLogging,
                    int intervalSecs) {
        this.metrics = metrics;
        this.nimbus = nimbus;
        this.taps = taps;
        this.eventLogging = eventLogging;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "metrics-reporter");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(this::report, 0, intervalSecs, TimeUnit.SECONDS);
    }

    private void report() {
        try {
            Snapshots.Worker snapshot = metrics.snapshot();
            MetricsClient.ReportAnswer answer = MetricsClient.report(nimbus, snapshot);
            Map<TapKey, Integer> open = new HashMap<>();
            for (Map<String, Object> t : answer.taps()) {
                if (t.get("maxPerSec") instanceof Number rate) {
                    open.put(new TapKey(String.valueOf(t.get("component")), String.valueOf(t.get("stream"))),
                            rate.intValue());
                }
            }
            taps.retain(open);
            answerStateQueries(snapshot, answer.stateQueries());
            logLevels.apply(answer.logLevels(), System.currentTimeMillis());
            if (profiler != null) {
                profiler.apply(answer.profile(), System.currentTimeMillis());
            }
            eventLogging.apply(answer.debug());
            sendTaps(snapshot);
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

    /** Sends what the open taps sampled since the last report, if any tap is open. */
    private void sendTaps(Snapshots.Worker snapshot) throws IOException {
        Map<TapKey, StreamTap> open = taps.open();
        if (open.isEmpty()) {
            lostSamples.clear();
            return;
        }
        List<Map<String, Object>> reports = new ArrayList<>();
        Map<TapKey, Integer> sending = new HashMap<>();
        open.forEach((key, tap) -> {
            List<Map<String, Object>> samples = new ArrayList<>();
            for (StreamTap.Sample s : tap.drain()) {
                Map<String, Object> sample = new LinkedHashMap<>();
                sample.put("timeMillis", s.timeMillis());
                sample.put("task", s.task());
                sample.put("values", TapFeed.display(s.values()));
                samples.add(sample);
            }
            sending.put(key, samples.size());
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("component", key.component());
            r.put("stream", key.stream());
            r.put("seen", tap.seen());
            r.put("sampled", tap.sampled());
            r.put("dropped", tap.dropped() + lostSamples.getOrDefault(key, 0L));
            r.put("samples", samples);
            reports.add(r);
        });
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("topology", snapshot.topology());
        body.put("worker", snapshot.worker());
        body.put("taps", reports);
        try {
            nimbus.reportTaps(body);
        } catch (IOException | RuntimeException e) {
            sending.forEach((key, n) -> lostSamples.merge(key, (long) n, Long::sum));
            throw e;
        }
    }

    /**
     * Answers the state queries Nimbus asked with its answer to this report, from the committed state of this worker's
     * tasks: {@code {"topology", "worker", "answers": [{"id", "sizes": {"TASK": SIZE}, "task", "value"}]}}. A
     * value Jackson cannot write as JSON is sent as its {@code toString()}. An answer that fails to go is not
     * retried: Nimbus asks again with its answer to the next report, until the query times out.
     */
    private void answerStateQueries(Snapshots.Worker snapshot, List<Map<String, Object>> queries) throws IOException {
        if (queries.isEmpty()) {
            return;
        }
        List<Map<String, Object>> answers = new ArrayList<>();
        for (Map<String, Object> q : queries) {
            Object key = q.get("key");
            StateQuery.Answer a = StateQuery.ask(snapshot.topology(), String.valueOf(q.get("component")),
                    key == null ? null : String.valueOf(key));
            Map<String, Object> sizes = new LinkedHashMap<>();
            a.sizes().forEach((task, size) -> sizes.put(String.valueOf(task), size));
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", q.get("id"));
            m.put("sizes", sizes);
            if (a.value() != null) {
                m.put("task", a.task());
                m.put("value", jsonOf(a.value()));
            }
            answers.add(m);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("topology", snapshot.topology());
        body.put("worker", snapshot.worker());
        body.put("answers", answers);
        nimbus.reportState(body);
    }

    private static Object jsonOf(Object value) {
        try {
            return JSON.valueToTree(value);
        } catch (IllegalArgumentException e) {
            return String.valueOf(value);
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
        if (profiler != null) {
            try {
                timer.awaitTermination(5, TimeUnit.SECONDS);     // the profiler is the timer thread's
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            profiler.close();
        }
    }
}
