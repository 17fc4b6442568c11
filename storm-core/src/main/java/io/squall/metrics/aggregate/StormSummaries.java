package io.squall.metrics.aggregate;

import io.squall.metrics.builtin.Snapshots;
import io.squall.runtime.api.ComponentCounts;
import io.squall.runtime.api.ReportedError;
import io.squall.topology.BoltStats;
import io.squall.topology.ComponentSpec;
import io.squall.topology.ErrorInfo;
import io.squall.topology.ExecutorInfo;
import io.squall.topology.ExecutorSpecificStats;
import io.squall.topology.ExecutorStats;
import io.squall.topology.ExecutorSummary;
import io.squall.topology.GlobalStreamId;
import io.squall.topology.SpoutStats;
import io.squall.topology.TopologyInfo;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Turns Squall's per-component counts into Storm's {@link TopologyInfo}: one {@link ExecutorSummary} per executor,
 * with its task range, the host and port of its worker, and its counts in each of Storm's window keys {@code 600},
 * {@code 10800}, {@code 86400} and {@code :all-time} where Squall has them.
 *
 * <p>An executor's emitted and transferred tuples are its tasks' own, by stream; a spout's acked and failed trees
 * its tasks' own by the stream they were emitted on; a bolt's executed, acked and failed tuples its tasks' own, by
 * input for a bolt with several inputs (under its one input otherwise). Counts of tasks that list no streams are
 * reported under the component's stream when it declares one, else under {@link ExecutorStats#ALL_STREAMS}. Squall
 * keeps latencies per component: every executor gets the component's means, for each of its streams or inputs.
 */
public final class StormSummaries {
    /** Storm's window keys and Squall's windows. */
    public static final Map<String, Window> STORM_WINDOWS = windows();

    private StormSummaries() {
    }

    private static Map<String, Window> windows() {
        Map<String, Window> m = new LinkedHashMap<>();
        m.put("600", Window.TEN_MINUTES);
        m.put("10800", Window.THREE_HOURS);
        m.put("86400", Window.ONE_DAY);
        m.put(ExecutorStats.ALL_TIME, Window.ALL_TIME);
        return Collections.unmodifiableMap(m);
    }

    /**
     * One component's or executor's counts over one window; {@code streams}: emitted and transferred by stream, when
     * its tasks list them; {@code inputs}: a bolt's executed, acked and failed by input, when its tasks count them
     * apart (a bolt with several inputs).
     */
    private record Counts(long emitted, long transferred, long executed, long acked, long failed,
                          double completeMs, double executeMs, double processMs, Map<String, long[]> streams,
                          Map<GlobalStreamId, long[]> inputs) {
        Counts(long emitted, long transferred, long executed, long acked, long failed, double completeMs,
               double executeMs, double processMs) {
            this(emitted, transferred, executed, acked, failed, completeMs, executeMs, processMs, Map.of(), Map.of());
        }

        Counts withTasks(List<Snapshots.Task> tasks) {
            return new Counts(emitted, transferred, executed, acked, failed, completeMs, executeMs, processMs,
                    StormSummaries.streams(tasks, null), StormSummaries.inputs(tasks, null));
        }
    }

    /** Executed, acked and failed by input over {@code tasks} that {@code runs} (all, if null). */
    private static Map<GlobalStreamId, long[]> inputs(List<Snapshots.Task> tasks, ExecutorPlace runs) {
        Map<GlobalStreamId, long[]> out = new LinkedHashMap<>();
        for (Snapshots.Task t : tasks) {
            if (runs == null || runs.runs(t.task())) {
                for (Snapshots.InputCount in : t.inputs()) {
                    long[] v = out.computeIfAbsent(new GlobalStreamId(in.component(), in.stream()),
                            k -> new long[3]);
                    v[0] += in.executed();
                    v[1] += in.acked();
                    v[2] += in.failed();
                }
            }
        }
        return out;
    }

    /**
     * Emitted, transferred, a spout's acked and failed trees, and its sampled complete latencies (how many, their sum
     * in microseconds), by stream over {@code tasks} that {@code runs}.
     */
    private static Map<String, long[]> streams(List<Snapshots.Task> tasks, ExecutorPlace runs) {
        Map<String, long[]> out = new LinkedHashMap<>();
        for (Snapshots.Task t : tasks) {
            if (runs == null || runs.runs(t.task())) {
                for (Snapshots.StreamCount s : t.streams()) {
                    long[] v = out.computeIfAbsent(s.stream(), k -> new long[6]);
                    v[0] += s.emitted();
                    v[1] += s.transferred();
                    v[2] += s.acked();
                    v[3] += s.failed();
                    v[4] += s.completeSamples();
                    v[5] += s.completeSumMicros();
                }
            }
        }
        return out;
    }

    /**
     * Where one executor runs: its first and last task, and its worker's host and port ({@code ""} and 0 while it
     * is not placed).
     */
    public record ExecutorPlace(int firstTask, int lastTask, String host, int port) {
        boolean runs(int task) {
            return task >= firstTask && task <= lastTask;
        }
    }

    /**
     * The stream a component's counts are reported under: the one it declares, when it declares exactly one (its
     * totals are then that stream's, which is what Storm's readers of {@code get_emitted().get(window).get(stream)}
     * look up), else {@link ExecutorStats#ALL_STREAMS}.
     */
    public static String countedStream(ComponentSpec component) {
        Set<String> streams = component == null ? Set.of() : component.getOutputs().keySet();
        return streams.size() == 1 ? streams.iterator().next() : ExecutorStats.ALL_STREAMS;
    }

    /**
     * The input a bolt's executed, acked and failed tuples and latencies are reported under: its one input stream
     * from a user's component, when it has exactly one (the checkpoint and other system streams aside), which is what
     * Storm's readers of {@code get_bolt().get_executed().get(window).get(new GlobalStreamId(component, stream))}
     * look up; else {@link BoltStats#ALL_INPUTS}, since Squall counts a bolt's input per task, not per stream.
     */
    public static GlobalStreamId countedInput(ComponentSpec component) {
        if (component == null) {
            return BoltStats.ALL_INPUTS;
        }
        List<GlobalStreamId> inputs = ComponentSpec.userInputs(component.getInputs().keySet());
        return inputs.size() == 1 ? inputs.get(0) : BoltStats.ALL_INPUTS;
    }

    /**
     * From a cluster's aggregated metrics, one view per Storm window key, and where each component's executors run.
     * Every executor placed is listed, with empty counts until its worker reports; a component the metrics list
     * without places is reported as one executor over the tasks they list.
     */
    public static TopologyInfo fromMetrics(String id, String name, String status, Map<String, TopologyMetrics> views,
                                           Map<String, List<ExecutorPlace>> places, Predicate<String> isSpout,
                                           Function<String, ComponentSpec> specs) {
        TopologyMetrics all = views.get(ExecutorStats.ALL_TIME);
        Map<String, List<ExecutorPlace>> where = new LinkedHashMap<>(places);
        if (all != null) {
            java.util.stream.Stream.concat(all.spouts().stream(), all.bolts().stream()).forEach(c -> where.merge(c.id(),
                    List.of(spanning(c.taskCounts().stream().map(Snapshots.Task::task).toList())),
                    (placed, spanning) -> placed.isEmpty() ? spanning : placed));
        }
        int uptime = all == null ? 0 : (int) all.uptimeSecs();
        List<ExecutorSummary> executors = new ArrayList<>();
        where.forEach((component, at) -> {
            Map<String, List<Counts>> byWindow = new LinkedHashMap<>();
            views.forEach((window, view) -> find(view, component).ifPresent(m -> byWindow.put(window, split(
                    new Counts(m.emitted(), m.transferred(), m.executed(), m.acked(), m.failed() + m.timedOut(),
                            m.completeLatencyMs(), m.executeLatencyMs(), m.processLatencyMs()), at,
                    m.taskCounts()))));
            addExecutors(executors, component, isSpout.test(component), at, uptime, byWindow,
                    specs.apply(component));
        });
        Map<String, List<ErrorInfo>> errors = new LinkedHashMap<>();
        if (all != null) {
            for (var e : all.errors()) {
                errors.computeIfAbsent(e.component(), k -> new ArrayList<>())
                        .add(new ErrorInfo(e.message(), (int) (e.timeMillis() / 1000), "", 0));
            }
        }
        return new TopologyInfo(id, name, uptime, executors, status, errors);
    }

    private static ExecutorPlace spanning(List<Integer> tasks) {
        return new ExecutorPlace(tasks.isEmpty() ? 0 : Collections.min(tasks),
                tasks.isEmpty() ? 0 : Collections.max(tasks), "", 0);
    }

    /**
     * A component's counts over one window, split among its executors: each gets its tasks' emitted, executed,
     * acked and failed counts, their emitted and transferred counts by stream, and the component's latencies (and,
     * for tasks that list no streams, a share of the component's transferred count by emitted). One executor gets
     * the component's counts as they are, with its tasks' streams.
     */
    private static List<Counts> split(Counts component, List<ExecutorPlace> executors, List<Snapshots.Task> tasks) {
        if (executors.size() == 1) {
            return List.of(component.withTasks(tasks));
        }
        List<Counts> out = new ArrayList<>(executors.size());
        long emittedByTasks = tasks.stream().mapToLong(Snapshots.Task::emitted).sum();
        for (ExecutorPlace e : executors) {
            long emitted = 0;
            long executed = 0;
            long acked = 0;
            long failed = 0;
            for (Snapshots.Task t : tasks) {
                if (e.runs(t.task())) {
                    emitted += t.emitted();
                    executed += t.executed();
                    acked += t.acked();
                    failed += t.failed();
                }
            }
            long transferred = emittedByTasks == 0 ? 0
                    : Math.round((double) component.transferred() * emitted / emittedByTasks);
            out.add(new Counts(emitted, transferred, executed, acked, failed, component.completeMs(),
                    component.executeMs(), component.processMs(), streams(tasks, e), inputs(tasks, e)));
        }
        return out;
    }

    private static void addExecutors(List<ExecutorSummary> out, String component, boolean spout,
                                     List<ExecutorPlace> places, int uptimeSecs, Map<String, List<Counts>> byWindow,
                                     ComponentSpec spec) {
        String stream = countedStream(spec);
        GlobalStreamId input = countedInput(spec);
        for (int i = 0; i < places.size(); i++) {
            Map<String, Counts> counts = new LinkedHashMap<>();
            int executor = i;
            byWindow.forEach((w, c) -> counts.put(w, c.get(executor)));
            out.add(summary(component, spout, places.get(i), uptimeSecs, counts, stream, input));
        }
    }

    private static java.util.Optional<TopologyMetrics.ComponentMetrics> find(TopologyMetrics view, String id) {
        return java.util.stream.Stream.concat(view.spouts().stream(), view.bolts().stream())
                .filter(m -> m.id().equals(id)).findFirst();
    }

    /**
     * From a local topology's live counters (since start: {@code :all-time} only): each component's counts, where
     * its executors run, and each task's counts.
     */
    public static TopologyInfo fromStats(String id, String name, String status, int uptimeSecs,
                                         Map<String, ComponentCounts> stats, Function<String, Boolean> isSpout,
                                         Function<String, List<ExecutorPlace>> placesOf,
                                         Function<String, List<Snapshots.Task>> tasksOf,
                                         Function<String, List<ReportedError>> errorsOf,
                                         Function<String, ComponentSpec> specs) {
        List<ExecutorSummary> executors = new ArrayList<>();
        Map<String, List<ErrorInfo>> errors = new LinkedHashMap<>();
        for (Map.Entry<String, ComponentCounts> e : stats.entrySet()) {
            ComponentCounts s = e.getValue();
            Counts counts = new Counts(s.emitted(), s.transferred(), s.executed(), s.acked(),
                    s.failed() + s.timedOut(), s.meanCompleteLatencyMs(), 0, 0);
            List<ExecutorPlace> places = placesOf.apply(e.getKey());
            addExecutors(executors, e.getKey(), isSpout.apply(e.getKey()), places, uptimeSecs,
                    Map.of(ExecutorStats.ALL_TIME, split(counts, places, tasksOf.apply(e.getKey()))),
                    specs.apply(e.getKey()));
            List<ReportedError> reported = errorsOf.apply(e.getKey());
            if (!reported.isEmpty()) {
                errors.put(e.getKey(), reported.stream()
                        .map(r -> new ErrorInfo(r.message(), (int) (r.timeMillis() / 1000), "localhost", 0)).toList());
            }
        }
        return new TopologyInfo(id, name, uptimeSecs, executors, status, errors);
    }

    private static ExecutorSummary summary(String component, boolean spout, ExecutorPlace place, int uptimeSecs,
                                           Map<String, Counts> byWindow, String stream, GlobalStreamId input) {
        Map<String, Map<String, Long>> emitted = new LinkedHashMap<>();
        Map<String, Map<String, Long>> transferred = new LinkedHashMap<>();
        Map<String, Map<String, Long>> acked = new LinkedHashMap<>();
        Map<String, Map<String, Long>> failed = new LinkedHashMap<>();
        Map<String, Map<String, Double>> complete = new LinkedHashMap<>();
        Map<String, Map<GlobalStreamId, Long>> boltAcked = new LinkedHashMap<>();
        Map<String, Map<GlobalStreamId, Long>> boltFailed = new LinkedHashMap<>();
        Map<String, Map<GlobalStreamId, Long>> executed = new LinkedHashMap<>();
        Map<String, Map<GlobalStreamId, Double>> executeMs = new LinkedHashMap<>();
        Map<String, Map<GlobalStreamId, Double>> processMs = new LinkedHashMap<>();
        byWindow.forEach((w, c) -> {
            if (c.streams().isEmpty()) {
                emitted.put(w, Map.of(stream, c.emitted));
                transferred.put(w, Map.of(stream, c.transferred));
            } else {
                Map<String, Long> e = new LinkedHashMap<>();
                Map<String, Long> t = new LinkedHashMap<>();
                c.streams().forEach((id, v) -> {
                    e.put(id, v[0]);
                    t.put(id, v[1]);
                });
                emitted.put(w, e);
                transferred.put(w, t);
            }
            if (spout && c.streams().values().stream().anyMatch(v -> v[2] != 0 || v[3] != 0)) {
                // A spout's trees by the stream they were emitted on, as Storm counts them (a task with one stream
                // counts them in its totals only), with the mean complete latency of each stream's sampled trees.
                Map<String, Long> a = new LinkedHashMap<>();
                Map<String, Long> f = new LinkedHashMap<>();
                Map<String, Double> l = new LinkedHashMap<>();
                c.streams().forEach((id, v) -> {
                    a.put(id, v[2]);
                    f.put(id, v[3]);
                    l.put(id, v[4] == 0 ? 0.0 : v[5] / 1000.0 / v[4]);
                });
                acked.put(w, a);
                failed.put(w, f);
                complete.put(w, l);
            } else {
                acked.put(w, Map.of(stream, c.acked));
                failed.put(w, Map.of(stream, c.failed));
                complete.put(w, Map.of(stream, c.completeMs));
            }
            if (c.inputs().isEmpty()) {
                boltAcked.put(w, Map.of(input, c.acked));
                boltFailed.put(w, Map.of(input, c.failed));
                executed.put(w, Map.of(input, c.executed));
                executeMs.put(w, Map.of(input, c.executeMs));
                processMs.put(w, Map.of(input, c.processMs));
            } else {
                // Counted by input; the latencies are the component's means, given to each input.
                Map<GlobalStreamId, Long> a = new LinkedHashMap<>();
                Map<GlobalStreamId, Long> f = new LinkedHashMap<>();
                Map<GlobalStreamId, Long> x = new LinkedHashMap<>();
                Map<GlobalStreamId, Double> xm = new LinkedHashMap<>();
                Map<GlobalStreamId, Double> pm = new LinkedHashMap<>();
                c.inputs().forEach((id, v) -> {
                    x.put(id, v[0]);
                    a.put(id, v[1]);
                    f.put(id, v[2]);
                    xm.put(id, c.executeMs);
                    pm.put(id, c.processMs);
                });
                boltAcked.put(w, a);
                boltFailed.put(w, f);
                executed.put(w, x);
                executeMs.put(w, xm);
                processMs.put(w, pm);
            }
        });
        ExecutorSpecificStats specific = spout
                ? ExecutorSpecificStats.spout(new SpoutStats(acked, failed, complete))
                : ExecutorSpecificStats.bolt(new BoltStats(boltAcked, boltFailed, processMs, executed, executeMs));
        return new ExecutorSummary(new ExecutorInfo(place.firstTask(), place.lastTask()), component, place.host(),
                place.port(), uptimeSecs, new ExecutorStats(emitted, transferred, specific, 0));
    }
}
