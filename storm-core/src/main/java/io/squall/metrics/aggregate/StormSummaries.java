package io.squall.metrics.aggregate;

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

/**
 * Turns Squall's per-component counts into Storm's {@link TopologyInfo}. Squall reports one
 * {@link ExecutorSummary} per component (its task range, all its executors' counts together), totals under the
 * component's stream when it declares one, else over all streams under {@link ExecutorStats#ALL_STREAMS}, and
 * Storm's window keys {@code 600}, {@code 10800}, {@code 86400} and {@code :all-time} where it has them.
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

    /** One component's counts over one window. */
    private record Counts(long emitted, long transferred, long executed, long acked, long failed,
                          double completeMs, double executeMs, double processMs) { }

    /**
     * The stream a component's counts are reported under: the one it declares, when it declares exactly one (its
     * totals are then that stream's, which is what Storm's readers of {@code get_emitted().get(window).get(stream)}
     * look up), else {@link ExecutorStats#ALL_STREAMS}.
     */
    public static String countedStream(ComponentSpec component) {
        Set<String> streams = component == null ? Set.of() : component.getOutputs().keySet();
        return streams.size() == 1 ? streams.iterator().next() : ExecutorStats.ALL_STREAMS;
    }

    /** From a cluster's aggregated metrics, one view per Storm window key. */
    public static TopologyInfo fromMetrics(String id, String name, String status, Map<String, TopologyMetrics> views,
                                           Map<String, List<Integer>> tasksByComponent,
                                           Function<String, String> countedStream) {
        TopologyMetrics all = views.get(ExecutorStats.ALL_TIME);
        List<ExecutorSummary> executors = new ArrayList<>();
        Map<String, List<ErrorInfo>> errors = new LinkedHashMap<>();
        if (all != null) {
            List<TopologyMetrics.ComponentMetrics> components = new ArrayList<>(all.spouts());
            components.addAll(all.bolts());
            for (TopologyMetrics.ComponentMetrics c : components) {
                Map<String, Counts> byWindow = new LinkedHashMap<>();
                views.forEach((window, view) -> find(view, c.id()).ifPresent(m -> byWindow.put(window,
                        new Counts(m.emitted(), m.transferred(), m.executed(), m.acked(), m.failed(),
                                m.completeLatencyMs(), m.executeLatencyMs(), m.processLatencyMs()))));
                executors.add(summary(c.id(), "spout".equals(c.kind()), tasksByComponent.getOrDefault(c.id(), List.of()),
                        (int) all.uptimeSecs(), byWindow, countedStream.apply(c.id())));
            }
            for (var e : all.errors()) {
                errors.computeIfAbsent(e.component(), k -> new ArrayList<>())
                        .add(new ErrorInfo(e.message(), (int) (e.timeMillis() / 1000), "", 0));
            }
        }
        return new TopologyInfo(id, name, all == null ? 0 : (int) all.uptimeSecs(), executors, status, errors);
    }

    private static java.util.Optional<TopologyMetrics.ComponentMetrics> find(TopologyMetrics view, String id) {
        return java.util.stream.Stream.concat(view.spouts().stream(), view.bolts().stream())
                .filter(m -> m.id().equals(id)).findFirst();
    }

    /** From a local worker's live counters (since start: {@code :all-time} only). */
    public static TopologyInfo fromStats(String id, String name, String status, int uptimeSecs,
                                         Map<String, ComponentCounts> stats, Function<String, Boolean> isSpout,
                                         Function<String, List<Integer>> tasksOf,
                                         Function<String, List<ReportedError>> errorsOf,
                                         Function<String, String> countedStream) {
        List<ExecutorSummary> executors = new ArrayList<>();
        Map<String, List<ErrorInfo>> errors = new LinkedHashMap<>();
        for (Map.Entry<String, ComponentCounts> e : stats.entrySet()) {
            ComponentCounts s = e.getValue();
            boolean spout = isSpout.apply(e.getKey());
            Counts counts = new Counts(s.emitted(), s.transferred(), s.executed(), s.acked(),
                    s.failed() + s.timedOut(), s.meanCompleteLatencyMs(), 0, 0);
            executors.add(summary(e.getKey(), spout, tasksOf.apply(e.getKey()), uptimeSecs,
                    Map.of(ExecutorStats.ALL_TIME, counts), countedStream.apply(e.getKey())));
            List<ReportedError> reported = errorsOf.apply(e.getKey());
            if (!reported.isEmpty()) {
                errors.put(e.getKey(), reported.stream()
                        .map(r -> new ErrorInfo(r.message(), (int) (r.timeMillis() / 1000), "localhost", 0)).toList());
            }
        }
        return new TopologyInfo(id, name, uptimeSecs, executors, status, errors);
    }

    private static ExecutorSummary summary(String component, boolean spout, List<Integer> tasks, int uptimeSecs,
                                           Map<String, Counts> byWindow, String stream) {
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
            emitted.put(w, Map.of(stream, c.emitted));
            transferred.put(w, Map.of(stream, c.transferred));
            acked.put(w, Map.of(stream, c.acked));
            failed.put(w, Map.of(stream, c.failed));
            complete.put(w, Map.of(stream, c.completeMs));
            boltAcked.put(w, Map.of(BoltStats.ALL_INPUTS, c.acked));
            boltFailed.put(w, Map.of(BoltStats.ALL_INPUTS, c.failed));
            executed.put(w, Map.of(BoltStats.ALL_INPUTS, c.executed));
            executeMs.put(w, Map.of(BoltStats.ALL_INPUTS, c.executeMs));
            processMs.put(w, Map.of(BoltStats.ALL_INPUTS, c.processMs));
        });
        ExecutorSpecificStats specific = spout
                ? ExecutorSpecificStats.spout(new SpoutStats(acked, failed, complete))
                : ExecutorSpecificStats.bolt(new BoltStats(boltAcked, boltFailed, processMs, executed, executeMs));
        int first = tasks.isEmpty() ? 0 : Collections.min(tasks);
        int last = tasks.isEmpty() ? 0 : Collections.max(tasks);
        return new ExecutorSummary(new ExecutorInfo(first, last), component, "localhost", 0, uptimeSecs,
                new ExecutorStats(emitted, transferred, specific, 0));
    }
}
