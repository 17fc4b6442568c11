package io.squall.metrics.aggregate;

import io.squall.metrics.builtin.Snapshots;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.LongSupplier;

/**
 * Aggregates worker snapshots per topology and component over the {@link Window windows} (10 minutes,
 * 3 hours, 1 day, all time). Snapshots carry cumulative counters; the aggregator adds the difference with
 * the same worker's previous snapshot into each window's ring of buckets (a counter that went down means
 * the worker restarted, and its new value is the difference). Memory is bounded: a fixed number of buckets
 * per component and window, one last snapshot per worker. Thread-safe (one lock; snapshots arrive about
 * once a second per worker).
 */
public final class MetricsAggregator {
    private static final int EMITTED = 0;
    private static final int TRANSFERRED = 1;
    private static final int EXECUTED = 2;
    private static final int ACKED = 3;
    private static final int FAILED = 4;
    private static final int TIMED_OUT = 5;
    private static final int ERRORS = 6;
    private static final int LATE = 7;
    private static final int CL_SAMPLES = 8;
    private static final int CL_SUM = 9;
    private static final int EL_SAMPLES = 10;
    private static final int EL_SUM = 11;
    private static final int PL_SAMPLES = 12;
    private static final int PL_SUM = 13;
    private static final int BUSY_US = 14;
    private static final int EXECUTOR_US = 15;
    private static final int FIELDS = 16;
    /** A task's counters, as in {@link Snapshots.Task}: emitted, executed, acked, failed. */
    private static final int TASK_FIELDS = 4;
    /** A stream's counters, as in {@link Snapshots.StreamCount}: emitted, transferred, acked, failed. */
    private static final int STREAM_FIELDS = 6;
    /** An input's counters, as in {@link Snapshots.InputCount}: executed, acked, failed. */
    private static final int INPUT_FIELDS = 3;

    private final LongSupplier clockMillis;
    private final Map<String, TopologyState> topologies = new TreeMap<>();

    /** Per topology: each worker's last two snapshots and each component's windows. */
    private static final class TopologyState {
        final Map<String, Snapshots.Worker> last = new TreeMap<>();
        final Map<String, Snapshots.Worker> previous = new HashMap<>();
        final Map<String, EnumMap<Window, RollingSum>> windows = new TreeMap<>();
        /** Each task's counters per window, by component and task. */
        final Map<String, Map<Integer, TaskWindows>> taskWindows = new TreeMap<>();
    }

    /**
     * One task's counters per window, its emitted and transferred tuples per window on each of its streams, and
     * its executed, acked and failed tuples per window of each input it counts apart (by {@link #inputKey}).
     */
    private static final class TaskWindows {
        final EnumMap<Window, RollingSum> counts = newWindows(TASK_FIELDS);
        final Map<String, EnumMap<Window, RollingSum>> streams = new TreeMap<>();
        final Map<String, EnumMap<Window, RollingSum>> inputs = new TreeMap<>();
    }

    private static String inputKey(Snapshots.InputCount in) {
        return in.component() + '\u0000' + in.stream();
    }

    /** An aggregator timed by the wall clock. */
    public MetricsAggregator() {
        this(System::currentTimeMillis);
    }

    /** An aggregator timed by {@code clockMillis}, for tests. */
    public MetricsAggregator(LongSupplier clockMillis) {
        this.clockMillis = clockMillis;
    }

    /**
     * Adds a worker's snapshot. A snapshot older than the last one recorded of the same worker process (it was
     * taken first but arrived second) is ignored: counted against the newer one its counters would look like a
     * restart and add up twice.
     */
    public synchronized void record(Snapshots.Worker s) {
        TopologyState t = topologies.computeIfAbsent(s.topology(), k -> new TopologyState());
        Snapshots.Worker prev = t.last.get(s.worker());
        if (prev != null && prev.topologyId().equals(s.topologyId()) && prev.startMillis() == s.startMillis()
                && s.timeMillis() < prev.timeMillis()) {
            return;
        }
        Map<String, Snapshots.Component> prevComponents = new HashMap<>();
        if (prev != null) {
            prev.components().forEach(c -> prevComponents.put(c.id(), c));
            if (!prev.topologyId().equals(s.topologyId())) {
                prevComponents.clear(); // Same name, a new run: start over.
            }
        }
        // A first snapshot's counters count from the worker's start.
        long elapsedMs = Math.max(0, s.timeMillis() - (prev == null || prevComponents.isEmpty() ? s.startMillis()
                : prev.timeMillis()));
        long now = clockMillis.getAsLong();
        for (Snapshots.Component c : s.components()) {
            Snapshots.Component p = prevComponents.get(c.id());
            long[] delta = delta(values(c), p == null ? new long[FIELDS] : values(p));
            delta[EXECUTOR_US] = elapsedMs * 1000 * c.executors();
            Map<String, Long> failedBy = new TreeMap<>();
            c.failedBy().forEach((k, v) -> {
                long before = p == null ? 0 : p.failedBy().getOrDefault(k, 0L);
                long d = v >= before ? v - before : v;
                if (d > 0) {
                    failedBy.put(k, d);
                }
            });
            EnumMap<Window, RollingSum> w = t.windows.computeIfAbsent(c.id(), k -> newWindows(FIELDS));
            for (RollingSum r : w.values()) {
                r.add(now, delta, failedBy);
            }
            recordTasks(t.taskWindows.computeIfAbsent(c.id(), k -> new TreeMap<>()), c, p, now);
        }
        if (prev != null) {
            t.previous.put(s.worker(), prev);
        }
        t.last.put(s.worker(), s);
    }

    /** Adds each task's differences since the worker's previous snapshot {@code p} (null: since its start). */
    private static void recordTasks(Map<Integer, TaskWindows> windows, Snapshots.Component c,
                                    Snapshots.Component p, long now) {
        Map<Integer, Snapshots.Task> before = new HashMap<>();
        if (p != null) {
            p.taskCounts().forEach(task -> before.put(task.task(), task));
        }
        for (Snapshots.Task task : c.taskCounts()) {
            TaskWindows w = windows.computeIfAbsent(task.task(), k -> new TaskWindows());
            Snapshots.Task b = before.get(task.task());
            addDelta(w.counts, delta(taskValues(task), b == null ? new long[TASK_FIELDS] : taskValues(b)), now);
            for (Snapshots.StreamCount s : task.streams()) {
                Snapshots.StreamCount sb = b == null ? null : b.streams().stream()
                        .filter(x -> x.stream().equals(s.stream())).findFirst().orElse(null);
                addDelta(w.streams.computeIfAbsent(s.stream(), k -> newWindows(STREAM_FIELDS)),
                        delta(streamValues(s), sb == null ? new long[STREAM_FIELDS] : streamValues(sb)), now);
            }
            for (Snapshots.InputCount in : task.inputs()) {
                Snapshots.InputCount ib = b == null ? null : b.inputs().stream()
                        .filter(x -> inputKey(x).equals(inputKey(in))).findFirst().orElse(null);
                addDelta(w.inputs.computeIfAbsent(inputKey(in), k -> newWindows(INPUT_FIELDS)),
                        delta(inputValues(in), ib == null ? new long[INPUT_FIELDS] : inputValues(ib)), now);
            }
        }
    }

    private static void addDelta(EnumMap<Window, RollingSum> windows, long[] delta, long now) {
        if (Arrays.stream(delta).anyMatch(d -> d != 0)) {
            for (RollingSum r : windows.values()) {
                r.add(now, delta, Map.of());
            }
        }
    }

    private static long[] streamValues(Snapshots.StreamCount s) {
        return new long[] {s.emitted(), s.transferred(), s.acked(), s.failed(), s.completeSamples(),
            s.completeSumMicros()};
    }

    private static long[] inputValues(Snapshots.InputCount in) {
        return new long[] {in.executed(), in.acked(), in.failed()};
    }

    private static long[] taskValues(Snapshots.Task t) {
        return new long[] {t.emitted(), t.executed(), t.acked(), t.failed()};
    }

    private static EnumMap<Window, RollingSum> newWindows(int fields) {
        EnumMap<Window, RollingSum> m = new EnumMap<>(Window.class);
        for (Window w : Window.values()) {
            m.put(w, new RollingSum(w, fields));
        }
        return m;
    }

    private static long[] values(Snapshots.Component c) {
        long[] v = new long[FIELDS];
        v[EMITTED] = c.emitted();
        v[TRANSFERRED] = c.transferred();
        v[EXECUTED] = c.executed();
        v[ACKED] = c.acked();
        v[FAILED] = c.failed();
        v[TIMED_OUT] = c.timedOut();
        v[ERRORS] = c.errors();
        v[LATE] = c.lateTuples();
        v[CL_SAMPLES] = c.completeLatency().samples();
        v[CL_SUM] = c.completeLatency().sumMicros();
        v[EL_SAMPLES] = c.executeLatency().samples();
        v[EL_SUM] = c.executeLatency().sumMicros();
        v[PL_SAMPLES] = c.processLatency().samples();
        v[PL_SUM] = c.processLatency().sumMicros();
        v[BUSY_US] = c.busyMicros();
        return v;
    }

    private static long[] delta(long[] now, long[] before) {
        long[] d = new long[now.length];
        for (int i = 0; i < now.length; i++) {
            d[i] = now[i] >= before[i] ? now[i] - before[i] : now[i];
        }
        return d;
    }

    /** Forgets a topology (it was killed). */
    public synchronized void forget(String topology) {
        topologies.remove(topology);
    }

    /**
     * Forgets the last snapshots of a topology's workers other than {@code workers} (they moved or stopped),
     * so they no longer count in its live rates, workers and backpressure; the windows keep what they added.
     */
    public synchronized void retainWorkers(String topology, Set<String> workers) {
        TopologyState t = topologies.get(topology);
        if (t != null) {
            t.last.keySet().retainAll(workers);
            t.previous.keySet().retainAll(workers);
        }
    }

    /** The topologies with snapshots. */
    public synchronized Set<String> topologies() {
        return new TreeSet<>(topologies.keySet());
    }

    /** The latest snapshot of each worker of a topology, or an empty list. */
    public synchronized List<Snapshots.Worker> latest(String topology) {
        TopologyState t = topologies.get(topology);
        return t == null ? List.of() : new ArrayList<>(t.last.values());
    }

    /** A topology's figures over {@code window}, or null if no worker of it has reported. */
    public synchronized TopologyMetrics view(String topology, Window window) {
        TopologyState t = topologies.get(topology);
        if (t == null || t.last.isEmpty()) {
            return null;
        }
        long now = clockMillis.getAsLong();
        Map<String, Snapshots.Component> latest = new LinkedHashMap<>();
        Map<String, double[]> rates = new HashMap<>();
        Map<String, double[]> edgeRates = new TreeMap<>();
        Map<String, Snapshots.Backpressure> bps = new TreeMap<>();
        List<Snapshots.Error> errors = new ArrayList<>();
        Map<String, Snapshots.Jvm> jvms = new TreeMap<>();
        Map<String, Double> user = new TreeMap<>();
        boolean active = false;
        long uptime = 0;
        for (Snapshots.Worker w : t.last.values()) {
            active |= w.active();
            uptime = Math.max(uptime, w.uptimeSecs());
            bps.put(w.worker(), w.backpressure());
            errors.addAll(w.errors());
            jvms.put(w.worker(), w.jvm());
            user.putAll(w.userMetrics());
            Snapshots.Worker p = t.previous.get(w.worker());
            double secs = p == null ? 0 : (w.timeMillis() - p.timeMillis()) / 1000.0;
            for (Snapshots.Component c : w.components()) {
                latest.merge(c.id(), c, MetricsAggregator::mergeLatest);
                Snapshots.Component pc = p == null ? null : find(p, c.id());
                double[] r = rates.computeIfAbsent(c.id(), k -> new double[4]);
                if (pc != null && secs > 0) {
                    r[0] += Math.max(0, c.emitted() - pc.emitted()) / secs;
                    r[1] += Math.max(0, c.executed() - pc.executed()) / secs;
                    r[2] += Math.max(0, c.acked() - pc.acked()) / secs;
                    r[3] += Math.max(0, c.failed() + c.timedOut() - pc.failed() - pc.timedOut()) / secs;
                }
            }
            for (Snapshots.Edge e : w.edges()) {
                double[] r = edgeRates.computeIfAbsent(e.from() + "\u0000" + e.to(), k -> new double[2]);
                r[1] += e.sent();
                Snapshots.Edge pe = p == null ? null : p.edges().stream()
                        .filter(x -> x.from().equals(e.from()) && x.to().equals(e.to())).findFirst().orElse(null);
                if (pe != null && secs > 0) {
                    r[0] += Math.max(0, e.sent() - pe.sent()) / secs;
                }
            }
        }
        errors.sort((a, b) -> Long.compare(b.timeMillis(), a.timeMillis()));
        List<TopologyMetrics.ComponentMetrics> spouts = new ArrayList<>();
        List<TopologyMetrics.ComponentMetrics> bolts = new ArrayList<>();
        for (Snapshots.Component c : latest.values()) {
            RollingSum sum = t.windows.get(c.id()).get(window);
            long[] v = sum.sum(now);
            double[] r = rates.get(c.id());
            boolean spout = c.kind().equals("spout");
            TopologyMetrics.ComponentMetrics m = new TopologyMetrics.ComponentMetrics(c.id(), c.kind(), c.executors(),
                    c.tasks(), v[EMITTED], v[TRANSFERRED], v[EXECUTED], v[ACKED], v[FAILED], v[TIMED_OUT], v[ERRORS],
                    v[LATE], sum.failedBy(now), mean(v[CL_SUM], v[CL_SAMPLES]), mean(v[EL_SUM], v[EL_SAMPLES]),
                    mean(v[PL_SUM], v[PL_SAMPLES]), v[EXECUTOR_US] == 0 ? 0 : Math.min(1.0, (double) v[BUSY_US] / v[EXECUTOR_US]),
                    r[0], r[1], r[2], r[3], spout ? c.completeLatency() : c.executeLatency(), c.queuePopulation(),
                    c.queueCapacity(), c.congestedMs(), taskCounts(t, c, window, now));
            (spout ? spouts : bolts).add(m);
        }
        List<TopologyMetrics.EdgeRate> edges = new ArrayList<>();
        edgeRates.forEach((k, r) -> {
            String[] ft = k.split("\u0000", 2);
            edges.add(new TopologyMetrics.EdgeRate(ft[0], ft[1], r[0], (long) r[1]));
        });
        return new TopologyMetrics(topology, window.label(), now, uptime, active, t.last.size(), spouts, bolts, edges,
                bps, errors.size() > 50 ? errors.subList(0, 50) : errors, jvms, user);
    }

    /** The counts over {@code window} of each task the latest snapshots list for component {@code c}. */
    private static List<Snapshots.Task> taskCounts(TopologyState t, Snapshots.Component c, Window window, long now) {
        Map<Integer, TaskWindows> windows = t.taskWindows.getOrDefault(c.id(), Map.of());
        List<Snapshots.Task> out = new ArrayList<>(c.taskCounts().size());
        for (Snapshots.Task task : c.taskCounts()) {
            TaskWindows w = windows.get(task.task());
            long[] v = w == null ? new long[TASK_FIELDS] : w.counts.get(window).sum(now);
            List<Snapshots.StreamCount> streams = new ArrayList<>();
            for (Snapshots.StreamCount s : task.streams()) {
                EnumMap<Window, RollingSum> sw = w == null ? null : w.streams.get(s.stream());
                long[] sv = sw == null ? new long[STREAM_FIELDS] : sw.get(window).sum(now);
                streams.add(new Snapshots.StreamCount(s.stream(), sv[0], sv[1], sv[2], sv[3], sv[4], sv[5]));
            }
            List<Snapshots.InputCount> inputs = new ArrayList<>();
            for (Snapshots.InputCount in : task.inputs()) {
                EnumMap<Window, RollingSum> iw = w == null ? null : w.inputs.get(inputKey(in));
                long[] iv = iw == null ? new long[INPUT_FIELDS] : iw.get(window).sum(now);
                inputs.add(new Snapshots.InputCount(in.component(), in.stream(), iv[0], iv[1], iv[2]));
            }
            out.add(new Snapshots.Task(task.task(), v[0], v[1], v[2], v[3], streams, inputs));
        }
        return out;
    }

    private static double mean(long sumMicros, long samples) {
        return samples == 0 ? 0 : sumMicros / 1000.0 / samples;
    }

    private static Snapshots.Component find(Snapshots.Worker w, String id) {
        for (Snapshots.Component c : w.components()) {
            if (c.id().equals(id)) {
                return c;
            }
        }
        return null;
    }

    private static Snapshots.Task addTask(Snapshots.Task a, Snapshots.Task b) {
        Map<String, long[]> streams = new TreeMap<>();
        for (Snapshots.StreamCount s : java.util.stream.Stream.concat(a.streams().stream(), b.streams().stream())
                .toList()) {
            long[] v = streams.computeIfAbsent(s.stream(), k -> new long[STREAM_FIELDS]);
            long[] add = streamValues(s);
            for (int i = 0; i < STREAM_FIELDS; i++) {
                v[i] += add[i];
            }
        }
        List<Snapshots.StreamCount> merged = new ArrayList<>();
        streams.forEach((id, v) -> merged.add(new Snapshots.StreamCount(id, v[0], v[1], v[2], v[3], v[4], v[5])));
        Map<List<String>, long[]> inputs = new java.util.LinkedHashMap<>();
        for (Snapshots.InputCount in : java.util.stream.Stream.concat(a.inputs().stream(), b.inputs().stream())
                .toList()) {
            long[] v = inputs.computeIfAbsent(List.of(in.component(), in.stream()), k -> new long[INPUT_FIELDS]);
            v[0] += in.executed();
            v[1] += in.acked();
            v[2] += in.failed();
        }
        List<Snapshots.InputCount> mergedInputs = new ArrayList<>();
        inputs.forEach((k, v) -> mergedInputs.add(new Snapshots.InputCount(k.get(0), k.get(1), v[0], v[1], v[2])));
        return new Snapshots.Task(a.task(), a.emitted() + b.emitted(), a.executed() + b.executed(),
                a.acked() + b.acked(), a.failed() + b.failed(), merged, mergedInputs);
    }

    /** Two workers' figures of one component: the live parts added up (latency percentiles: the worse). */
    private static Snapshots.Component mergeLatest(Snapshots.Component a, Snapshots.Component b) {
        // Each task appears once: a worker may list tasks it does not run (at zero), so counts add up per task.
        Map<Integer, Snapshots.Task> byTask = new TreeMap<>();
        for (Snapshots.Task t : a.taskCounts()) {
            byTask.merge(t.task(), t, MetricsAggregator::addTask);
        }
        for (Snapshots.Task t : b.taskCounts()) {
            byTask.merge(t.task(), t, MetricsAggregator::addTask);
        }
        List<Snapshots.Task> tasks = new ArrayList<>(byTask.values());
        Snapshots.Latency cl = a.completeLatency().p99Ms() >= b.completeLatency().p99Ms()
                ? a.completeLatency() : b.completeLatency();
        Snapshots.Latency el = a.executeLatency().p99Ms() >= b.executeLatency().p99Ms()
                ? a.executeLatency() : b.executeLatency();
        return new Snapshots.Component(a.id(), a.kind(), a.executors() + b.executors(), a.tasks(), 0, 0, 0, 0, 0, 0, 0,
                Map.of(), cl, el, Snapshots.Latency.NONE, 0, 0, a.queuePopulation() + b.queuePopulation(),
                a.queueCapacity() + b.queueCapacity(), a.congestedMs() + b.congestedMs(), tasks);
    }
}
