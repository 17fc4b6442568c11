package io.squall.daemon.ui;

import io.netty.handler.codec.http.HttpResponseStatus;
import io.squall.metrics.aggregate.StormSummaries;
import io.squall.metrics.aggregate.TopologyMetrics;
import io.squall.metrics.aggregate.Window;
import io.squall.metrics.builtin.Snapshots;
import io.squall.topology.ComponentSpec;
import io.squall.topology.DebugOptions;
import io.squall.topology.ExecutorStats;
import io.squall.topology.ExecutorSummary;
import io.squall.topology.GlobalStreamId;
import io.squall.topology.NotAliveException;
import io.squall.topology.TopologyInfo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Storm UI's REST API ({@code /api/v1/topology/...}, {@code /api/v1/topology/summary},
 * {@code /api/v1/topology-workers/ID}, {@code /api/v1/nimbus/summary}, {@code /api/v1/supervisor/summary},
 * {@code /api/v1/supervisor?id=}, {@code /api/v1/owner-resources} and
 * Storm's fields of {@code /api/v1/cluster/summary}), so that tools written
 * against Storm's UI (monitoring checks, deployment scripts) read and control a Squall cluster unchanged. A topology
 * is named by its id, as in Storm, or by its name. Windows are Storm's: {@code 600}, {@code 10800}, {@code 86400}
 * and {@code :all-time} (the default). The answers are built from the dashboard's {@link ClusterView}; each
 * executor's counts come from Storm's {@link TopologyInfo}, as {@code getTopologyInfo} gives them.
 */
final class StormUiApi {
    private StormUiApi() {
    }

    /** The cluster summary: Squall's fields, the topologies listed under {@code topologyList}, and Storm's. */
    static Map<String, Object> clusterSummary(ClusterView view) {
        ClusterView.ClusterSummary c = view.summary();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("mode", c.mode());
        out.put("version", c.version());
        out.put("stormVersion", c.version());
        out.put("supervisors", c.supervisors());
        out.put("topologies", c.topologies().size());
        out.put("slotsTotal", c.slotsTotal());
        out.put("slotsUsed", c.slotsUsed());
        out.put("slotsFree", Math.max(0, c.slotsTotal() - c.slotsUsed()));
        out.put("executorsTotal", c.topologies().stream().mapToInt(ClusterView.TopologySummary::executors).sum());
        out.put("tasksTotal", c.topologies().stream().mapToInt(ClusterView.TopologySummary::tasks).sum());
        out.put("schedulerDisplayResource", false);
        out.put("topologyList", c.topologies());
        out.put("supervisorList", c.supervisorList());
        return out;
    }

    /** {@code /api/v1/topology/summary}. */
    static Map<String, Object> topologySummary(ClusterView view) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("topologies", view.summary().topologies().stream().map(StormUiApi::topologyRow).toList());
        out.put("schedulerDisplayResource", false);
        return out;
    }

    /** A topology as Storm's topology summary and owner page list it. */
    private static Map<String, Object> topologyRow(ClusterView.TopologySummary t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", t.id());
        m.put("encodedId", t.id());
        m.put("owner", t.owner());
        m.put("name", t.name());
        m.put("status", t.status());
        m.put("uptime", pretty(t.uptimeSecs()));
        m.put("uptimeSeconds", t.uptimeSecs());
        m.put("tasksTotal", t.tasks());
        m.put("workersTotal", t.workers());
        m.put("executorsTotal", t.executors());
        m.put("replicationCount", 1);
        m.put("schedulerDisplayResource", false);
        return m;
    }

    /**
     * {@code /api/v1/owner-resources}: per owner (the user who submitted), the topologies, executors, workers and
     * tasks the user may see. Squall has no resource-aware scheduler, so Storm's memory and CPU figures are left
     * out and {@code schedulerDisplayResource} is false.
     */
    static Map<String, Object> ownerResources(ClusterView view) {
        Map<String, List<ClusterView.TopologySummary>> byOwner = new java.util.TreeMap<>();
        for (ClusterView.TopologySummary t : view.summary().topologies()) {
            byOwner.computeIfAbsent(ownerOf(t), k -> new ArrayList<>()).add(t);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("schedulerDisplayResource", false);
        out.put("owners", byOwner.entrySet().stream().map(e -> ownerRow(e.getKey(), e.getValue())).toList());
        return out;
    }

    /** {@code /api/v1/owner-resources/OWNER}: that owner's totals and topologies (totals of 0 for an unknown one). */
    static Map<String, Object> ownerResources(ClusterView view, String owner) {
        List<ClusterView.TopologySummary> owned = view.summary().topologies().stream()
                .filter(t -> ownerOf(t).equals(owner)).toList();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("schedulerDisplayResource", false);
        out.putAll(ownerRow(owner, owned));
        out.put("topologies", owned.stream().map(StormUiApi::topologyRow).toList());
        return out;
    }

    /** A topology's owner; {@code unknown} for one submitted without authentication to a Nimbus that kept none. */
    private static String ownerOf(ClusterView.TopologySummary t) {
        return t.owner() == null ? "unknown" : t.owner();
    }

    private static Map<String, Object> ownerRow(String owner, List<ClusterView.TopologySummary> owned) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("owner", owner);
        m.put("totalTopologies", owned.size());
        m.put("totalExecutors", owned.stream().mapToInt(ClusterView.TopologySummary::executors).sum());
        m.put("totalWorkers", owned.stream().mapToInt(ClusterView.TopologySummary::workers).sum());
        m.put("totalTasks", owned.stream().mapToInt(ClusterView.TopologySummary::tasks).sum());
        return m;
    }

    /**
     * {@code /api/v1/history/summary}: the ids of the running topologies the user may see (Storm's: those the user
     * submitted; without authorization, every one).
     */
    static Map<String, Object> history(ClusterView view) {
        return Map.of("topo-history", view.summary().topologies().stream().map(ClusterView.TopologySummary::id)
                .toList());
    }

    /** {@code /api/v1/nimbus/summary}; an uptime not known is left out. */
    static Map<String, Object> nimbusSummary(ClusterView view) {
        List<Map<String, Object>> nimbuses = new ArrayList<>();
        for (ClusterView.NimbusSummary n : view.nimbuses()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("host", n.host());
            m.put("port", n.port());
            m.put("status", n.status());
            m.put("version", n.version());
            if (n.uptimeSecs() >= 0) {
                m.put("nimbusUpTime", pretty(n.uptimeSecs()));
                m.put("nimbusUpTimeSeconds", String.valueOf(n.uptimeSecs()));
            }
            nimbuses.add(m);
        }
        return Map.of("nimbuses", nimbuses);
    }

    /** {@code /api/v1/supervisor/summary}. */
    static Map<String, Object> supervisorSummary(ClusterView view) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("supervisors", view.summary().supervisorList().stream().map(StormUiApi::supervisorRow).toList());
        out.put("schedulerDisplayResource", false);
        return out;
    }

    private static Map<String, Object> supervisorRow(ClusterView.SupervisorSummary s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", s.id());
        m.put("host", s.host());
        m.put("uptime", pretty(s.uptimeSecs()));
        m.put("uptimeSeconds", s.uptimeSecs());
        m.put("slotsTotal", s.slotsUsed() + s.slotsFree());
        m.put("slotsUsed", s.slotsUsed());
        m.put("slotsFree", s.slotsFree());
        return m;
    }

    /**
     * {@code /api/v1/supervisor?id=ID} or {@code ?host=HOST} (the id wins, as in Storm): that supervisor, or those of
     * the host, and the workers in their slots with each one's topology, executors and tasks per component.
     *
     * @throws NotAliveException if no supervisor has that id or runs on that host
     */
    static Map<String, Object> supervisor(ClusterView view, String id, String host, LogLinks logs) {
        if ((id == null || id.isEmpty()) && (host == null || host.isEmpty())) {
            throw new IllegalArgumentException("Name the supervisor: /api/v1/supervisor?id=ID or ?host=HOST (the ids "
                    + "and hosts are in /api/v1/supervisor/summary)");
        }
        ClusterView.ClusterSummary c = view.summary();
        List<ClusterView.SupervisorSummary> chosen = c.supervisorList().stream()
                .filter(s -> id != null && !id.isEmpty() ? s.id().equals(id) : s.host().equals(host)).toList();
        if (chosen.isEmpty()) {
            throw new NotAliveException("No supervisor " + (id != null && !id.isEmpty() ? "with id '" + id + "'"
                    : "on host '" + host + "'") + " (supervisors: " + c.supervisorList().stream()
                    .map(s -> s.id() + " on " + s.host()).toList() + ")");
        }
        List<Map<String, Object>> workers = new ArrayList<>();
        for (ClusterView.SupervisorSummary s : chosen) {
            for (ClusterView.TopologySummary t : c.topologies()) {
                workers.addAll(workersOn(view, t, s, logs));
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("supervisors", chosen.stream().map(StormUiApi::supervisorRow).toList());
        out.put("workers", workers);
        out.put("schedulerDisplayResource", false);
        return out;
    }

    /** The workers of a topology in a supervisor's slots, from its executors' places. */
    private static List<Map<String, Object>> workersOn(ClusterView view, ClusterView.TopologySummary t,
                                                       ClusterView.SupervisorSummary s, LogLinks logs) {
        TopologyInfo info;
        try {
            info = view.stormInfo(t.name());
        } catch (NotAliveException gone) {
            return List.of();
        }
        Map<Integer, Map<String, Object>> byPort = new java.util.TreeMap<>();
        for (ExecutorSummary e : info.get_executors()) {
            if (!s.runs(e.get_host(), e.get_port()) || e.get_component_id().startsWith("__")) {
                continue;
            }
            Map<String, Object> w = byPort.computeIfAbsent(e.get_port(), port -> {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("supervisorId", s.id());
                m.put("host", s.host());
                m.put("port", port);
                m.put("topologyId", info.get_id());
                m.put("topologyName", t.name());
                m.put("executorsTotal", 0);
                m.put("componentNumTasks", new java.util.TreeMap<String, Integer>());
                m.put("uptimeSeconds", 0);
                if (logs.port() > 0 && port > 0) {
                    m.put("workerLogLink", workerLogLink(logs, s.host(), info.get_id(), port));
                }
                return m;
            });
            w.merge("executorsTotal", 1, (a, b) -> (Integer) a + (Integer) b);
            @SuppressWarnings("unchecked")
            Map<String, Integer> tasks = (Map<String, Integer>) w.get("componentNumTasks");
            int n = e.get_executor_info().get_task_end() - e.get_executor_info().get_task_start() + 1;
            tasks.merge(e.get_component_id(), n, Integer::sum);
            w.put("uptimeSeconds", Math.max((Integer) w.get("uptimeSeconds"), e.get_uptime_secs()));
        }
        for (Map<String, Object> w : byPort.values()) {
            w.put("uptime", pretty((Integer) w.get("uptimeSeconds")));
        }
        return new ArrayList<>(byPort.values());
    }

    /**
     * Storm UI's {@code GET /api/v1/topology/ID/profiling/ACTION/HOST:PORT[/MINUTES]}: {@code start} (with minutes),
     * {@code stop}, {@code dumpprofile}, {@code dumpjstack}, {@code dumpheap} or {@code restartworker}, asked of that
     * worker through Nimbus. Answers as Storm's: {@code status} and {@code id}, and for {@code start} its
     * {@code timeout} and the {@code dumplink} where the logviewer lists the worker's dumps.
     *
     * @throws IllegalArgumentException for a start without whole minutes
     */
    static Map<String, Object> profiling(ClusterView view, String idOrName, String action, String worker,
                                         String minutes, LogLinks logs) {
        ClusterView.TopologySummary t = find(view, idOrName);
        int m = 0;
        if (action.equals("start")) {
            try {
                m = Integer.parseInt(minutes == null ? "" : minutes);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("Give the recording's minutes: /api/v1/topology/ID/profiling/start/"
                        + "HOST:PORT/MINUTES, MINUTES a whole number, not '" + minutes + "'");
            }
        }
        view.profile(t.name(), worker, action, m);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("status", "ok");
        out.put("id", worker);
        if (action.equals("start")) {
            out.put("timeout", minutes);
            String link = dumpLink(logs, t.id(), worker);
            if (link != null) {
                out.put("dumplink", link);
            }
        }
        return out;
    }

    /** Where the logviewer lists a worker's ({@code host:port}) dumps; null without a logviewer. */
    private static String dumpLink(LogLinks logs, String topologyId, String worker) {
        int colon = worker.lastIndexOf(':');
        if (logs.port() <= 0 || colon <= 0) {
            return null;
        }
        return logs.scheme() + "://" + worker.substring(0, colon) + ":" + logs.port() + "/api/v1/dumps/"
                + java.net.URLEncoder.encode(topologyId, java.nio.charset.StandardCharsets.UTF_8) + "/"
                + java.net.URLEncoder.encode(worker, java.nio.charset.StandardCharsets.UTF_8);
    }

    /** Storm's link to a worker's log, which the logviewer serves as well as its own name of it. */
    private static String workerLogLink(LogLinks logs, String host, String topologyId, int port) {
        return logs.scheme() + "://" + host + ":" + logs.port() + "/api/v1/log?file="
                + java.net.URLEncoder.encode(topologyId + "/" + port + "/worker.log",
                java.nio.charset.StandardCharsets.UTF_8);
    }

    /**
     * {@code /api/v1/topology-workers/ID}: the host and port of each worker that runs an executor of the topology,
     * and the logviewers' port (0 when the dashboard links no logs).
     */
    static Map<String, Object> topologyWorkers(ClusterView view, String idOrName, int logviewerPort) {
        ClusterView.TopologySummary t = find(view, idOrName);
        java.util.Set<List<Object>> workers = new java.util.LinkedHashSet<>();
        for (ExecutorSummary e : view.stormInfo(t.name()).get_executors()) {
            if (e.get_port() > 0) {
                workers.add(List.of(e.get_host(), e.get_port()));
            }
        }
        List<Map<String, Object>> hostPorts = new ArrayList<>();
        for (List<Object> w : workers) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("host", w.get(0));
            m.put("port", w.get(1));
            hostPorts.add(m);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("hostPortList", hostPorts);
        out.put("logviewerPort", logviewerPort);
        return out;
    }

    /** Storm UI's {@code debug} and {@code samplingPct} of a topology or component page (10 when never set). */
    private static void putDebug(Map<String, Object> out, DebugOptions options) {
        out.put("debug", options != null && options.is_enable());
        out.put("samplingPct", options != null && options.is_set_samplingpct() ? options.get_samplingpct() : 10.0);
    }

    /** {@code /api/v1/topology/ID[?window=W]}: the topology, its figures in each window, and its components. */
    static Map<String, Object> topology(ClusterView view, String idOrName, String window) {
        ClusterView.TopologySummary t = find(view, idOrName);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", t.id());
        out.put("encodedId", t.id());
        out.put("name", t.name());
        out.put("owner", t.owner());
        out.put("uptime", pretty(t.uptimeSecs()));
        out.put("uptimeSeconds", t.uptimeSecs());
        out.put("status", t.status());
        out.put("tasksTotal", t.tasks());
        out.put("workersTotal", t.workers());
        out.put("executorsTotal", t.executors());
        out.put("window", windowKey(window));
        out.put("windowHint", windowPretty(windowKey(window)));
        out.put("replicationCount", 1);
        out.put("schedulerDisplayResource", false);
        putDebug(out, view.debugOptions(t.name()).get(t.id()));
        Map<String, TopologyMetrics> views = views(view, t.name());
        List<Map<String, Object>> stats = new ArrayList<>();
        for (String key : StormSummaries.STORM_WINDOWS.keySet()) {
            TopologyMetrics m = views.get(key);
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("windowPretty", windowPretty(key));
            s.put("window", key);
            List<TopologyMetrics.ComponentMetrics> all = m == null ? List.of() : components(m);
            List<TopologyMetrics.ComponentMetrics> spouts = m == null ? List.of() : m.spouts();
            s.put("emitted", all.stream().mapToLong(TopologyMetrics.ComponentMetrics::emitted).sum());
            s.put("transferred", all.stream().mapToLong(TopologyMetrics.ComponentMetrics::transferred).sum());
            s.put("completeLatency", latency(weightedCompleteLatency(spouts)));
            s.put("acked", spouts.stream().mapToLong(TopologyMetrics.ComponentMetrics::acked).sum());
            s.put("failed", spouts.stream().mapToLong(StormUiApi::failed).sum());
            stats.add(s);
        }
        out.put("topologyStats", stats);
        TopologyMetrics m = views.get(windowKey(window));
        List<Map<String, Object>> spouts = new ArrayList<>();
        List<Map<String, Object>> bolts = new ArrayList<>();
        for (ClusterView.ComponentInfo c : view.components(t.name())) {
            TopologyMetrics.ComponentMetrics cm = m == null ? null : find(m, c.id());
            boolean spout = "spout".equals(c.kind());
            Map<String, Object> row = new LinkedHashMap<>();
            row.put(spout ? "spoutId" : "boltId", c.id());
            row.put(spout ? "encodedSpoutId" : "encodedBoltId", c.id());
            row.put("executors", c.parallelism());
            row.put("tasks", c.tasks());
            row.putAll(counts(cm, spout));
            lastError(m, c.id(), row);
            (spout ? spouts : bolts).add(row);
        }
        out.put("spouts", spouts);
        out.put("bolts", bolts);
        return out;
    }

    /**
     * {@code /api/v1/topology/ID/metrics[?window=W]}: each component's counts as Storm's lists of
     * {@code {stream_id, value}}: emitted and transferred by stream; a spout's acked, failed and latency under the
     * stream it declares; a bolt's input counts (also with {@code component_id}) by input, or under its one input
     * (else {@code all}, from a worker that does not count inputs apart), with the component's latencies.
     */
    static Map<String, Object> topologyMetrics(ClusterView view, String idOrName, String window) {
        ClusterView.TopologySummary t = find(view, idOrName);
        String key = windowKey(window);
        TopologyMetrics m = view.metrics(t.name(), window(window));
        List<Map<String, Object>> spouts = new ArrayList<>();
        List<Map<String, Object>> bolts = new ArrayList<>();
        for (ClusterView.ComponentInfo c : view.components(t.name())) {
            TopologyMetrics.ComponentMetrics cm = m == null ? null : find(m, c.id());
            boolean spout = "spout".equals(c.kind());
            Map<List<String>, long[]> inputs;
            String out = c.streams().size() == 1 ? c.streams().get(0) : ExecutorStats.ALL_STREAMS;
            boolean one = c.inputs().size() == 1;
            String inComponent = one ? c.inputs().get(0).component() : ExecutorStats.ALL_STREAMS;
            String inStream = one ? c.inputs().get(0).stream() : ExecutorStats.ALL_STREAMS;
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", c.id());
            List<Map<String, Object>> emitted = new ArrayList<>();
            List<Map<String, Object>> transferred = new ArrayList<>();
            List<Map<String, Object>> spoutAcked = new ArrayList<>();
            List<Map<String, Object>> spoutFailed = new ArrayList<>();
            List<Map<String, Object>> completeMs = new ArrayList<>();
            byStream(cm, out).forEach((s, v) -> {
                emitted.add(byStream(null, s, v[0]));
                transferred.add(byStream(null, s, v[1]));
                spoutAcked.add(byStream(null, s, v[2]));
                spoutFailed.add(byStream(null, s, v[3]));
                // A stream's own sampled trees; a spout with one stream counts its latency in its totals only.
                completeMs.add(byStream(null, s, latency(v[4] > 0 ? v[5] / 1000.0 / v[4]
                        : cm == null ? 0 : cm.completeLatencyMs())));
            });
            row.put("emitted", emitted);
            row.put("transferred", transferred);
            if (spout) {
                row.put("acked", spoutAcked);
                row.put("failed", spoutFailed);
                row.put("complete_ms_avg", completeMs);
                spouts.add(row);
            } else if (!(inputs = byInput(cm)).isEmpty()) {
                List<Map<String, Object>> acked = new ArrayList<>();
                List<Map<String, Object>> failed = new ArrayList<>();
                List<Map<String, Object>> processMs = new ArrayList<>();
                List<Map<String, Object>> executed = new ArrayList<>();
                List<Map<String, Object>> executeMs = new ArrayList<>();
                inputs.forEach((in, v) -> {
                    executed.add(byStream(in.get(0), in.get(1), v[0]));
                    acked.add(byStream(in.get(0), in.get(1), v[1]));
                    failed.add(byStream(in.get(0), in.get(1), v[2]));
                    processMs.add(byStream(in.get(0), in.get(1), latency(cm.processLatencyMs())));
                    executeMs.add(byStream(in.get(0), in.get(1), latency(cm.executeLatencyMs())));
                });
                row.put("acked", acked);
                row.put("failed", failed);
                row.put("process_ms_avg", processMs);
                row.put("executed", executed);
                row.put("executed_ms_avg", executeMs);
                bolts.add(row);
            } else {
                row.put("acked", List.of(byStream(inComponent, inStream, cm == null ? 0 : cm.acked())));
                row.put("failed", List.of(byStream(inComponent, inStream, cm == null ? 0 : cm.failed())));
                row.put("process_ms_avg", List.of(byStream(inComponent, inStream,
                        latency(cm == null ? 0 : cm.processLatencyMs()))));
                row.put("executed", List.of(byStream(inComponent, inStream, cm == null ? 0 : cm.executed())));
                row.put("executed_ms_avg", List.of(byStream(inComponent, inStream,
                        latency(cm == null ? 0 : cm.executeLatencyMs()))));
                bolts.add(row);
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("window", key);
        out.put("window-hint", windowPretty(key));
        out.put("spouts", spouts);
        out.put("bolts", bolts);
        return out;
    }

    /**
     * A component's emitted and transferred tuples, and a spout's acked and failed trees, by stream, from its tasks'
     * counts; the totals under {@code stream} when its tasks list no streams, or count no trees by stream.
     */
    private static Map<String, long[]> byStream(TopologyMetrics.ComponentMetrics c, String stream) {
        Map<String, long[]> out = new java.util.TreeMap<>();
        if (c != null) {
            for (Snapshots.Task t : c.taskCounts()) {
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
        if (out.isEmpty()) {
            out.put(stream, c == null ? new long[6]
                    : new long[] {c.emitted(), c.transferred(), c.acked(), failed(c), 0, 0});
        } else if (c != null && out.containsKey(stream)
                && out.values().stream().allMatch(v -> v[2] == 0 && v[3] == 0)) {
            // A spout task with one stream counts its trees in its totals only.
            out.get(stream)[2] = c.acked();
            out.get(stream)[3] = failed(c);
        }
        return out;
    }

    /**
     * A bolt's executed, acked and failed tuples by input ({@code [component, stream]}, in their order), summed over
     * its tasks, when they count their inputs apart (a bolt with several); the system's and the checkpoint's streams
     * left out, as Storm's UI leaves them out by default. Empty otherwise.
     */
    private static Map<List<String>, long[]> byInput(TopologyMetrics.ComponentMetrics cm) {
        Map<List<String>, long[]> out = new java.util.TreeMap<>(
                java.util.Comparator.comparing((List<String> k) -> k.get(0)).thenComparing(k -> k.get(1)));
        if (cm != null) {
            for (Snapshots.Task t : cm.taskCounts()) {
                for (Snapshots.InputCount in : t.inputs()) {
                    if (!ComponentSpec.isUserInput(new GlobalStreamId(in.component(), in.stream()))) {
                        continue;
                    }
                    long[] v = out.computeIfAbsent(List.of(in.component(), in.stream()), k -> new long[3]);
                    v[0] += in.executed();
                    v[1] += in.acked();
                    v[2] += in.failed();
                }
            }
        }
        return out;
    }

    private static Map<String, Object> byStream(String component, String stream, Object value) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (component != null) {
            m.put("component_id", component);
        }
        m.put("stream_id", stream);
        m.put("value", value);
        return m;
    }

    /** {@code /api/v1/topology/ID/component/COMPONENT[?window=W]}: a component's figures and its executors'. */
    static Map<String, Object> component(ClusterView view, String idOrName, String component, String window,
                                         LogLinks logs) {
        ClusterView.TopologySummary t = find(view, idOrName);
        ClusterView.ComponentInfo c = view.components(t.name()).stream().filter(x -> x.id().equals(component))
                .findFirst().orElseThrow(() -> new NotAliveException("Topology '" + t.name() + "' has no component '"
                        + component + "'"));
        boolean spout = "spout".equals(c.kind());
        String key = windowKey(window);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", c.id());
        out.put("encodedId", c.id());
        out.put("name", t.name());
        out.put("componentType", c.kind());
        out.put("executors", c.parallelism());
        out.put("tasks", c.tasks());
        out.put("topologyId", t.id());
        out.put("encodedTopologyId", t.id());
        out.put("topologyStatus", t.status());
        putDebug(out, view.debugOptions(t.name()).get(c.id()));
        out.put("window", key);
        out.put("windowHint", windowPretty(key));
        Map<String, TopologyMetrics> views = views(view, t.name());
        List<Map<String, Object>> byWindow = new ArrayList<>();
        for (String windowKey : StormSummaries.STORM_WINDOWS.keySet()) {
            TopologyMetrics m = views.get(windowKey);
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("windowPretty", windowPretty(windowKey));
            s.put("window", windowKey);
            s.putAll(counts(m == null ? null : find(m, c.id()), spout));
            byWindow.add(s);
        }
        out.put(spout ? "spoutSummary" : "boltStats", byWindow);
        TopologyMetrics m = views.get(key);
        Map<String, Object> selected = counts(m == null ? null : find(m, c.id()), spout);
        String stream = c.streams().size() == 1 ? c.streams().get(0) : ExecutorStats.ALL_STREAMS;
        List<Map<String, Object>> outputs = new ArrayList<>();
        for (Map.Entry<String, long[]> s : byStream(m == null ? null : find(m, c.id()), stream).entrySet()) {
            Map<String, Object> output = new LinkedHashMap<>();
            output.put("stream", s.getKey());
            output.put("encodedStream", s.getKey());
            output.put("emitted", s.getValue()[0]);
            output.put("transferred", s.getValue()[1]);
            if (spout) {
                long[] v = s.getValue();
                // The stream's own sampled trees; a spout with one stream has its latency in its totals only.
                output.put("completeLatency", v[4] > 0 ? latency(v[5] / 1000.0 / v[4])
                        : selected.get("completeLatency"));
                output.put("acked", s.getValue()[2]);
                output.put("failed", s.getValue()[3]);
            }
            outputs.add(output);
        }
        out.put("outputStats", outputs);
        Map<List<String>, long[]> inputs = byInput(m == null ? null : find(m, c.id()));
        if (!spout && !inputs.isEmpty()) {
            List<Map<String, Object>> rows = new ArrayList<>();
            inputs.forEach((in, v) -> {
                Map<String, Object> input = new LinkedHashMap<>();
                input.put("component", in.get(0));
                input.put("encodedComponentId", in.get(0));
                input.put("stream", in.get(1));
                input.put("executeLatency", selected.get("executeLatency"));
                input.put("processLatency", selected.get("processLatency"));
                input.put("executed", v[0]);
                input.put("acked", v[1]);
                input.put("failed", v[2]);
                rows.add(input);
            });
            out.put("inputStats", rows);
        } else if (!spout) {
            Map<String, Object> input = new LinkedHashMap<>();
            boolean one = c.inputs().size() == 1;
            input.put("component", one ? c.inputs().get(0).component() : ExecutorStats.ALL_STREAMS);
            input.put("encodedComponentId", input.get("component"));
            input.put("stream", one ? c.inputs().get(0).stream() : ExecutorStats.ALL_STREAMS);
            input.put("executeLatency", selected.get("executeLatency"));
            input.put("processLatency", selected.get("processLatency"));
            input.put("executed", selected.get("executed"));
            input.put("acked", selected.get("acked"));
            input.put("failed", selected.get("failed"));
            out.put("inputStats", List.of(input));
        }
        List<Map<String, Object>> executors = executors(view.stormInfo(t.name()), c.id(), key, spout, logs);
        out.put("executorStats", executors);
        // Storm's profiling fields: whether the workers can be profiled, and the recordings running on this
        // component's workers ("timestamp": now minus when each ends, as Storm's UI gives it).
        out.put("profilingAndDebuggingCapable", view.profiles());
        out.put("profileActionEnabled", view.profiles());
        List<Map<String, Object>> active = new ArrayList<>();
        if (view.profiles()) {
            Map<String, Map<String, Object>> pending = view.pendingProfileActions(t.name());
            long now = System.currentTimeMillis();
            executors.stream().map(e -> e.get("host") + ":" + e.get("port")).distinct().forEach(worker -> {
                Map<String, Object> p = pending.get(worker);
                if (p != null && p.get("recordingUntilMs") instanceof Number until) {
                    int colon = worker.lastIndexOf(':');
                    Map<String, Object> a = new LinkedHashMap<>();
                    a.put("host", worker.substring(0, colon));
                    a.put("port", worker.substring(colon + 1));
                    a.put("dumplink", dumpLink(logs, t.id(), worker));
                    a.put("timestamp", now - until.longValue());
                    active.add(a);
                }
            });
        }
        out.put("profilerActive", active);
        List<Map<String, Object>> errors = new ArrayList<>();
        if (m != null) {
            long now = System.currentTimeMillis();
            for (Snapshots.Error e : m.errors()) {
                if (e.component().equals(c.id())) {
                    Map<String, Object> error = new LinkedHashMap<>();
                    error.put("errorTime", e.timeMillis() / 1000);
                    error.put("errorLapsedSecs", Math.max(0, (now - e.timeMillis()) / 1000));
                    error.put("error", e.message());
                    error.put("task", e.task());
                    errors.add(error);
                }
            }
        }
        out.put("componentErrors", errors);
        return out;
    }

    /** Each executor of {@code component} in {@code info}, with its counts in Storm window {@code key}. */
    private static List<Map<String, Object>> executors(TopologyInfo info, String component, String key,
                                                       boolean spout, LogLinks logs) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (ExecutorSummary e : info.get_executors()) {
            if (!e.get_component_id().equals(component)) {
                continue;
            }
            String id = "[" + e.get_executor_info().get_task_start() + "-" + e.get_executor_info().get_task_end() + "]";
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", id);
            m.put("encodedId", id);
            m.put("uptime", pretty(e.get_uptime_secs()));
            m.put("uptimeSeconds", e.get_uptime_secs());
            m.put("host", e.get_host());
            m.put("port", e.get_port());
            if (logs.port() > 0 && e.get_port() > 0) {
                m.put("workerLogLink", workerLogLink(logs, e.get_host(), info.get_id(), e.get_port()));
            }
            ExecutorStats s = e.get_stats();
            m.put("emitted", sum(s.get_emitted(), key));
            m.put("transferred", sum(s.get_transferred(), key));
            if (spout) {
                var sp = s.get_specific().get_spout();
                m.put("completeLatency", latency(completeMs(sp, key)));
                m.put("acked", sum(sp.get_acked(), key));
                m.put("failed", sum(sp.get_failed(), key));
            } else {
                var b = s.get_specific().get_bolt();
                m.put("executeLatency", latency(mean(b.get_execute_ms_avg(), key)));
                m.put("processLatency", latency(mean(b.get_process_ms_avg(), key)));
                m.put("executed", sum(b.get_executed(), key));
                m.put("acked", sum(b.get_acked(), key));
                m.put("failed", sum(b.get_failed(), key));
            }
            out.add(m);
        }
        return out;
    }

    private static <K> long sum(Map<String, Map<K, Long>> byWindow, String key) {
        Map<K, Long> m = byWindow == null ? null : byWindow.get(key);
        return m == null ? 0 : m.values().stream().mapToLong(Long::longValue).sum();
    }

    /** A spout executor's complete latency over window {@code key}: its streams' means weighted by their acks. */
    private static double completeMs(io.squall.topology.SpoutStats sp, String key) {
        Map<String, Double> ms = sp.get_complete_ms_avg().getOrDefault(key, Map.of());
        Map<String, Long> acked = sp.get_acked().getOrDefault(key, Map.of());
        if (ms.size() == 1) {
            return ms.values().iterator().next();
        }
        double weighted = 0;
        long n = 0;
        for (Map.Entry<String, Double> e : ms.entrySet()) {
            long a = acked.getOrDefault(e.getKey(), 0L);
            weighted += e.getValue() * a;
            n += a;
        }
        return n == 0 ? 0 : weighted / n;
    }

    private static <K> double mean(Map<String, Map<K, Double>> byWindow, String key) {
        Map<K, Double> m = byWindow == null ? null : byWindow.get(key);
        return m == null || m.isEmpty() ? 0 : m.values().iterator().next();
    }

    /** A component's counts in Storm's field names ({@code null} metrics, before the first report: all zero). */
    private static Map<String, Object> counts(TopologyMetrics.ComponentMetrics c, boolean spout) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("emitted", c == null ? 0 : c.emitted());
        m.put("transferred", c == null ? 0 : c.transferred());
        if (spout) {
            m.put("completeLatency", latency(c == null ? 0 : c.completeLatencyMs()));
        } else {
            m.put("capacity", String.format(Locale.ROOT, "%.3f", c == null ? 0 : c.capacity()));
            m.put("executeLatency", latency(c == null ? 0 : c.executeLatencyMs()));
            m.put("executed", c == null ? 0 : c.executed());
            m.put("processLatency", latency(c == null ? 0 : c.processLatencyMs()));
        }
        m.put("acked", c == null ? 0 : c.acked());
        m.put("failed", c == null ? 0 : failed(c));
        return m;
    }

    private static long failed(TopologyMetrics.ComponentMetrics c) {
        return c.failed() + ("spout".equals(c.kind()) ? c.timedOut() : 0);
    }

    private static void lastError(TopologyMetrics m, String component, Map<String, Object> row) {
        Snapshots.Error last = m == null ? null : m.errors().stream().filter(e -> e.component().equals(component))
                .findFirst().orElse(null); // Newest first.
        row.put("lastError", last == null ? "" : last.message());
        if (last != null) {
            row.put("errorTime", last.timeMillis() / 1000);
            row.put("errorLapsedSecs", Math.max(0, (System.currentTimeMillis() - last.timeMillis()) / 1000));
        }
    }

    private static double weightedCompleteLatency(List<TopologyMetrics.ComponentMetrics> spouts) {
        long acked = spouts.stream().mapToLong(TopologyMetrics.ComponentMetrics::acked).sum();
        return acked == 0 ? 0 : spouts.stream().mapToDouble(s -> s.completeLatencyMs() * s.acked()).sum() / acked;
    }

    private static List<TopologyMetrics.ComponentMetrics> components(TopologyMetrics m) {
        List<TopologyMetrics.ComponentMetrics> all = new ArrayList<>(m.spouts());
        all.addAll(m.bolts());
        return all;
    }

    private static TopologyMetrics.ComponentMetrics find(TopologyMetrics m, String id) {
        return components(m).stream().filter(c -> c.id().equals(id)).findFirst().orElse(null);
    }

    /** A topology's metrics in each of Storm's windows, by Storm's window key (null values before any report). */
    private static Map<String, TopologyMetrics> views(ClusterView view, String name) {
        Map<String, TopologyMetrics> out = new LinkedHashMap<>();
        StormSummaries.STORM_WINDOWS.forEach((key, w) -> out.put(key, view.metrics(name, w)));
        return out;
    }

    /** The topology whose id or name is {@code idOrName}. */
    static ClusterView.TopologySummary find(ClusterView view, String idOrName) {
        List<ClusterView.TopologySummary> all = view.summary().topologies();
        return all.stream().filter(t -> t.id().equals(idOrName)).findFirst()
                .or(() -> all.stream().filter(t -> t.name().equals(idOrName)).findFirst())
                .orElseThrow(() -> new NotAliveException("No topology with id or name '" + idOrName + "' (running: "
                        + all.stream().map(ClusterView.TopologySummary::id).toList() + ")"));
    }

    /** Storm's window key {@code window}, {@code :all-time} when absent. */
    private static String windowKey(String window) {
        String key = window == null || window.isEmpty() ? ExecutorStats.ALL_TIME : window;
        window(key);
        return key;
    }

    private static Window window(String window) {
        String key = window == null || window.isEmpty() ? ExecutorStats.ALL_TIME : window;
        Window w = StormSummaries.STORM_WINDOWS.get(key);
        if (w == null) {
            throw new ApiHandler.HttpError(HttpResponseStatus.BAD_REQUEST, "Unknown window '" + window
                    + "': Storm's windows are " + StormSummaries.STORM_WINDOWS.keySet() + " (seconds, or :all-time)");
        }
        return w;
    }

    private static String windowPretty(String key) {
        return ExecutorStats.ALL_TIME.equals(key) ? "All time" : pretty(Long.parseLong(key));
    }

    private static String latency(double ms) {
        return String.format(Locale.ROOT, "%.3f", ms);
    }

    /** Seconds as Storm's UI writes them: {@code 6m 5s}, {@code 1d 0h 0m 0s}. */
    static String pretty(long secs) {
        long[] parts = {secs / 86400, secs / 3600 % 24, secs / 60 % 60, secs % 60};
        String[] units = {"d", "h", "m", "s"};
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < parts.length; i++) {
            if (b.length() > 0 || parts[i] != 0 || i == parts.length - 1) {
                b.append(b.length() > 0 ? " " : "").append(parts[i]).append(units[i]);
            }
        }
        return b.toString();
    }

    /** Storm's answer to an action on a topology. */
    static Map<String, Object> operation(String operation, String topologyId) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("topologyOperation", operation);
        out.put("topologyId", topologyId);
        out.put("status", "success");
        return out;
    }
}
