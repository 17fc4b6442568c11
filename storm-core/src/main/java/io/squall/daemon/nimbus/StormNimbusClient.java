package io.squall.daemon.nimbus;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.squall.errors.SquallException;
import io.squall.metrics.aggregate.MetricsClient;
import io.squall.metrics.aggregate.StormSummaries;
import io.squall.metrics.aggregate.TopologyMetrics;
import io.squall.metrics.aggregate.Window;
import io.squall.runtime.api.ClusterClientSupport;
import io.squall.runtime.executor.CredentialsFeed;
import io.squall.runtime.logging.LogLevelSettings;
import io.squall.serialization.TopologySerializer;
import io.squall.topology.ClusterSummary;
import io.squall.topology.ComponentAggregateStats;
import io.squall.topology.ComponentPageInfo;
import io.squall.topology.ComponentSpec;
import io.squall.topology.ComponentType;
import io.squall.topology.Credentials;
import io.squall.topology.ExecutorAggregateStats;
import io.squall.topology.ExecutorInfo;
import io.squall.topology.ExecutorSummary;
import io.squall.topology.KillOptions;
import io.squall.topology.LogConfig;
import io.squall.topology.Nimbus;
import io.squall.topology.NimbusSummary;
import io.squall.topology.NodeInfo;
import io.squall.topology.NotAliveException;
import io.squall.topology.ProfileAction;
import io.squall.topology.ProfileRequest;
import io.squall.topology.RebalanceOptions;
import io.squall.topology.StormTopology;
import io.squall.topology.SubmitOptions;
import io.squall.topology.SupervisorSummary;
import io.squall.topology.DebugOptions;
import io.squall.topology.TopologyHistoryInfo;
import io.squall.topology.TopologyInfo;
import io.squall.topology.TopologyInitialStatus;
import io.squall.topology.TopologyPageInfo;
import io.squall.topology.TopologySummary;
import io.squall.utils.NimbusClient;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Storm's client methods ({@code Nimbus.Iface}) over a {@link NimbusClient}: results as Storm's result types,
 * built from Nimbus's JSON API; checked I/O failures become {@link SquallException}s. Thread-safe.
 */
public final class StormNimbusClient extends Nimbus.Client {
    private final NimbusClient nimbus;

    /** The service behind {@link NimbusClient#getClient()} and the topology encoding of a submission. */
    public static final class Support implements ClusterClientSupport {
        @Override
        public Nimbus.Client stormClient(NimbusClient nimbus) {
            return new StormNimbusClient(nimbus);
        }

        @Override
        public byte[] serializeTopology(StormTopology topology) {
            return TopologySerializer.serialize(topology);
        }
    }

    private StormNimbusClient(NimbusClient nimbus) {
        this.nimbus = nimbus;
    }

    private interface Call<T> {
        T run() throws IOException;
    }

    private static <T> T io(String what, Call<T> call) {
        try {
            return call.run();
        } catch (IOException e) {
            throw new SquallException("Nimbus could not " + what + ": " + e.getMessage(), e);
        }
    }

    /**
     * A topology of Nimbus's list in Storm's terms: the executors and tasks Nimbus counts, those of its components
     * without the ackers, as the worker log and the dashboard show them (0 when Nimbus could not read its code).
     */
    static TopologySummary summaryOf(Map<String, Object> t) {
        List<?> workers = (List<?>) t.getOrDefault("workers", List.of());
        return new TopologySummary((String) t.get("id"), (String) t.get("name"), count(t.get("tasks")),
                count(t.get("executors")), workers.size(), count(t.get("uptimeSecs")), (String) t.get("status"),
                (String) t.get("owner"));
    }

    private static int count(Object n) {
        return n instanceof Number number ? number.intValue() : 0;
    }

    @Override
    @SuppressWarnings("unchecked")
    public ClusterSummary getClusterInfo() {
        Map<String, Object> cluster = io("describe the cluster", nimbus::getClusterInfo);
        List<Map<String, Object>> topologies = io("list topologies", nimbus::listTopologies);
        List<TopologySummary> summaries = new ArrayList<>();
        Map<String, Integer> usedByHost = new HashMap<>();
        for (Map<String, Object> t : topologies) {
            List<String> workers = (List<String>) t.getOrDefault("workers", List.of());
            workers.forEach(w -> usedByHost.merge(w.substring(0, Math.max(0, w.lastIndexOf(':'))), 1, Integer::sum));
            summaries.add(summaryOf(t));
        }
        List<SupervisorSummary> supervisors = new ArrayList<>();
        long now = System.currentTimeMillis();
        for (Map<String, Object> s : (List<Map<String, Object>>) cluster.getOrDefault("supervisors", List.of())) {
            String host = (String) s.get("host");
            int uptime = (int) ((now - ((Number) s.getOrDefault("startTimeMs", now)).longValue()) / 1000);
            supervisors.add(new SupervisorSummary(host, uptime, ((List<?>) s.getOrDefault("ports", List.of())).size(),
                    usedByHost.getOrDefault(host, 0), (String) s.get("id")));
        }
        int uptime = (int) ((now - ((Number) cluster.getOrDefault("startTimeMs", now)).longValue()) / 1000);
        String self = (String) cluster.get("nimbus");
        String version = (String) cluster.get("version");
        List<NimbusSummary> nimbuses = new ArrayList<>();
        for (Map<String, Object> n : (List<Map<String, Object>>) cluster.getOrDefault("nimbuses", List.of())) {
            String address = (String) n.get("address");
            int colon = address.lastIndexOf(':');
            boolean answered = address.equals(self);
            // Only the Nimbus that answered tells its uptime and version.
            nimbuses.add(new NimbusSummary(colon < 0 ? address : address.substring(0, colon),
                    colon < 0 ? 0 : Integer.parseInt(address.substring(colon + 1)), answered ? uptime : 0,
                    Boolean.TRUE.equals(n.get("isLeader")), answered ? version : "unknown"));
        }
        return new ClusterSummary(supervisors, uptime, summaries, nimbuses);
    }

    /** The configuration of the first Nimbus that answers, as JSON; keys that name a secret are left out. */
    @Override
    public String getNimbusConf() {
        Map<String, Object> answer = io("give its configuration", nimbus::getNimbusConf);
        try {
            return new ObjectMapper().writeValueAsString(answer.getOrDefault("conf", Map.of()));
        } catch (JsonProcessingException e) {
            throw new SquallException("Nimbus's configuration cannot be written as JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** Whether Nimbus takes {@code name} (letters, digits, '-' and '_') and no topology of that name is there. */
    @Override
    public boolean isTopologyNameAllowed(String name) {
        return io.squall.daemon.nimbus.Nimbus.isValidName(name)
                && getTopologySummaries().stream().noneMatch(t -> t.get_name().equals(name));
    }

    @Override
    public TopologyInfo getTopologyInfo(String id) {
        String name = nameOf(id);
        Map<String, Object> summary = io("describe topology " + name, () -> nimbus.getTopology(name));
        Map<String, TopologyMetrics> views = new LinkedHashMap<>();
        for (Map.Entry<String, Window> w : StormSummaries.STORM_WINDOWS.entrySet()) {
            TopologyMetrics m = io("read metrics of " + name,
                    () -> MetricsClient.topologyMetrics(nimbus, name, w.getValue().label()));
            if (m != null) {
                views.put(w.getKey(), m);
            }
        }
        StormTopology topology = getTopology(id);
        Map<String, List<StormSummaries.ExecutorPlace>> places = new LinkedHashMap<>();
        for (Map<String, Object> c : io("list the components of " + name, () -> nimbus.getComponents(name))) {
            places.put((String) c.get("id"), placesOf(c));
        }
        TopologyInfo info = StormSummaries.fromMetrics((String) summary.get("id"), name,
                (String) summary.get("status"), views, places, c -> topology.getComponent(c) != null
                        && topology.getComponent(c).getKind() == ComponentSpec.Kind.SPOUT,
                topology::getComponent);
        info.set_component_debug(debugOptionsOf(summary));
        return info;
    }

    /** Nimbus's {@code debug} of a topology's summary as Storm's {@code component_debug}. */
    @SuppressWarnings("unchecked")
    public static Map<String, DebugOptions> debugOptionsOf(Map<String, Object> summary) {
        Map<String, DebugOptions> out = new LinkedHashMap<>();
        ((Map<String, Map<String, Object>>) summary.getOrDefault("debug", Map.of())).forEach((key, o) ->
                out.put(key, new DebugOptions(Boolean.TRUE.equals(o.get("enable")),
                        ((Number) o.getOrDefault("samplingPct", 0)).doubleValue())));
        return out;
    }

    /** Where each executor of a component of Nimbus's component list runs (port 0 while unassigned). */
    @SuppressWarnings("unchecked")
    private static List<StormSummaries.ExecutorPlace> placesOf(Map<String, Object> component) {
        List<StormSummaries.ExecutorPlace> out = new ArrayList<>();
        for (Map<String, Object> place : (List<Map<String, Object>>) component.getOrDefault("executors", List.of())) {
            out.add(new StormSummaries.ExecutorPlace(count(place.get("firstTask")), count(place.get("lastTask")),
                    (String) place.getOrDefault("host", ""), count(place.get("port"))));
        }
        return out;
    }

    /** The topology's page, each worker on the supervisor whose slot its port is (several may share a host). */
    @Override
    @SuppressWarnings("unchecked")
    public TopologyPageInfo getTopologyPageInfo(String id, String window, boolean isIncludeSys) {
        Map<String, Object> cluster = io("describe the cluster", nimbus::getClusterInfo);
        Map<String, String> supervisors = new HashMap<>();
        for (Map<String, Object> s : (List<Map<String, Object>>) cluster.getOrDefault("supervisors", List.of())) {
            String host = (String) s.get("host");
            supervisors.putIfAbsent(host, (String) s.get("id"));
            for (Object port : (List<Object>) s.getOrDefault("ports", List.of())) {
                supervisors.put(host + ":" + port, (String) s.get("id"));
            }
        }
        return TopologyPageInfo.of(getTopologyInfo(id), supervisors);
    }

    /**
     * The component's page with the place of each of its executors, which Nimbus's component list gives (the
     * statistics stay on {@link #getTopologyInfo}'s summaries, which count a component's executors together).
     */
    @Override
    public ComponentPageInfo getComponentPageInfo(String topologyId, String componentId, String window,
                                                  boolean isIncludeSys) {
        String name = nameOf(topologyId);
        List<Map<String, Object>> components = io("list the components of " + name, () -> nimbus.getComponents(name));
        Map<String, Object> component = components.stream().filter(c -> componentId.equals(c.get("id"))).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Topology '" + name + "' has no component '"
                        + componentId + "'; its components are "
                        + components.stream().map(c -> c.get("id")).toList()));
        Map<String, Object> summary = io("describe topology " + name, () -> nimbus.getTopology(name));
        return pageOf(summary, component);
    }

    /**
     * A component's page from Nimbus's summary of its topology and its entry in the topology's component list: one
     * executor per place listed, on its worker's host and port (an executor not yet placed has port 0).
     */
    @SuppressWarnings("unchecked")
    static ComponentPageInfo pageOf(Map<String, Object> topology, Map<String, Object> component) {
        ComponentType type = "spout".equals(component.get("kind")) ? ComponentType.SPOUT : ComponentType.BOLT;
        String componentId = (String) component.get("id");
        int uptime = count(topology.get("uptimeSecs"));
        List<ExecutorAggregateStats> executors = new ArrayList<>();
        for (Map<String, Object> place : (List<Map<String, Object>>) component.getOrDefault("executors", List.of())) {
            ExecutorSummary e = new ExecutorSummary(new ExecutorInfo(count(place.get("firstTask")),
                    count(place.get("lastTask"))), componentId, (String) place.getOrDefault("host", ""),
                    count(place.get("port")), uptime, null);
            executors.add(new ExecutorAggregateStats(e, new ComponentAggregateStats(type)));
        }
        TopologyInfo info = new TopologyInfo((String) topology.get("id"), (String) topology.get("name"), uptime,
                List.of(), (String) topology.get("status"), Map.of());
        return new ComponentPageInfo(componentId, type, info, executors);
    }

    @Override
    public StormTopology getTopology(String id) {
        String topologyId = idOf(id);
        byte[] bytes = io("download topology " + id, () -> nimbus.downloadCode(topologyId, "topology"));
        return TopologySerializer.deserialize(bytes, Thread.currentThread().getContextClassLoader());
    }

    @Override
    public StormTopology getUserTopology(String id) {
        return getTopology(id);
    }

    /** The topology's configuration as JSON, as Storm's Nimbus returns it. */
    @Override
    public String getTopologyConf(String id) {
        return new String(topologyConfBytes(id), java.nio.charset.StandardCharsets.UTF_8);
    }

    private byte[] topologyConfBytes(String id) {
        String topologyId = idOf(id);
        return io("download the configuration of " + id, () -> nimbus.downloadCode(topologyId, "conf"));
    }

    @Override
    public void killTopology(String name) {
        killTopologyWithOpts(name, new KillOptions());
    }

    @Override
    public void killTopologyWithOpts(String name, KillOptions options) {
        Integer wait = options != null && options.is_set_wait_secs() ? options.get_wait_secs() : null;
        io("kill " + name, () -> {
            nimbus.killTopology(nameOf(name), wait);
            return null;
        });
    }

    @Override
    public void activate(String name) {
        io("activate " + name, () -> {
            nimbus.activate(nameOf(name));
            return null;
        });
    }

    @Override
    public void deactivate(String name) {
        io("deactivate " + name, () -> {
            nimbus.deactivate(nameOf(name));
            return null;
        });
    }

    @Override
    public void debug(String name, String component, boolean enable, double samplingPercentage) {
        io("debug " + name, () -> {
            nimbus.debug(nameOf(name), component, enable, samplingPercentage);
            return null;
        });
    }

    @Override
    public void rebalance(String name, RebalanceOptions options) {
        RebalanceOptions o = options == null ? new RebalanceOptions() : options;
        io("rebalance " + name, () -> {
            nimbus.rebalance(nameOf(name), o.get_num_workers(), o.get_num_executors(),
                    o.is_set_wait_secs() ? o.get_wait_secs() : null);
            return null;
        });
    }

    @Override
    public void setLogConfig(String name, LogConfig config) {
        Map<String, String> set = config.levelsToSet();
        LogLevelSettings.check(set); // A bad level is the caller's error, not Nimbus's.
        io("set the log levels of " + name, () -> nimbus.setLogLevels(nameOf(name), set, config.loggersToReset()));
    }

    @Override
    @SuppressWarnings("unchecked")
    public LogConfig getLogConfig(String name) {
        Map<String, Object> answer = io("give the log levels of " + name, () -> nimbus.getLogLevels(nameOf(name)));
        Map<String, Map<String, Object>> levels = new HashMap<>();
        answer.forEach((logger, setting) -> levels.put(logger, (Map<String, Object>) setting));
        return LogConfig.inForce(levels, System.currentTimeMillis());
    }

    @Override
    public void uploadNewCredentials(String name, Credentials creds) {
        Map<String, String> credentials = CredentialsFeed.copy(creds == null ? null : creds.get_creds());
        String owner = creds != null && creds.is_set_topoOwner() ? creds.get_topoOwner() : null;
        io("take the credentials of " + name, () -> {
            nimbus.uploadCredentials(nameOf(name), credentials, owner);
            return null;
        });
    }

    @Override
    public void submitTopologyWithOpts(String name, String uploadedJarLocation, String jsonConf,
                                       StormTopology topology, SubmitOptions options) {
        Map<String, Object> conf = Nimbus.confOf(jsonConf);
        boolean active = options == null || options.get_initial_status() != TopologyInitialStatus.INACTIVE;
        Map<String, String> credentials = options == null || !options.is_set_creds() ? Map.of()
                : CredentialsFeed.copy(options.get_creds().get_creds());
        io("submit " + name, () -> nimbus.submitUploaded(name, uploadedJarLocation, conf, topology, active,
                credentials));
    }

    @Override
    public String beginFileUpload() {
        return io("begin an upload", nimbus::beginUpload);
    }

    /** Sends {@code chunk}'s remaining bytes; its position does not move. */
    @Override
    public void uploadChunk(String location, ByteBuffer chunk) {
        byte[] bytes = new byte[chunk.remaining()];
        chunk.duplicate().get(bytes);
        try {
            io("take a chunk of upload " + location, () -> nimbus.uploadChunk(location, bytes));
        } catch (NotAliveException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    @Override
    public void finishFileUpload(String location) {
        try {
            io("finish upload " + location, () -> {
                nimbus.finishUpload(location);
                return null;
            });
        } catch (NotAliveException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /**
     * Asks Nimbus for the request's action on its worker: {@link ProfileAction#JPROFILE_STOP} with a time stamp in the
     * future starts a recording until then (rounded up to whole minutes), in the past stops it.
     */
    @Override
    public void setWorkerProfiler(String id, ProfileRequest request) {
        String worker = request.worker();
        String name = nameOf(id);
        if (request.get_action() == null) {
            throw new IllegalArgumentException("The profile request for " + worker + " has no action: set one of "
                    + java.util.Arrays.toString(ProfileAction.values()));
        }
        long now = System.currentTimeMillis();
        long untilMs = request.is_set_time_stamp() ? request.get_time_stamp() : 0;
        String action;
        int minutes = 0;
        switch (request.get_action()) {
            case JPROFILE_STOP, JPROFILE_START -> {
                boolean start = untilMs > now || request.get_action() == ProfileAction.JPROFILE_START;
                action = start ? "start" : "stop";
                minutes = !start ? 0 : untilMs > now ? (int) Math.max(1, (untilMs - now + 59_999) / 60_000) : 10;
            }
            case JPROFILE_DUMP -> action = "dumpprofile";
            case JMAP_DUMP -> action = "dumpheap";
            case JSTACK_DUMP -> action = "dumpjstack";
            case JVM_RESTART -> action = "restartworker";
            default -> throw new IllegalStateException("Unknown profile action " + request.get_action());
        }
        int asked = minutes;
        try {
            io("ask " + action + " of " + worker, () -> nimbus.profile(name, worker, action, asked));
        } catch (NotAliveException e) {
            throw new IllegalArgumentException(e.getMessage(), e); // A worker the topology does not run on.
        }
    }

    /** The one-time actions of Nimbus's profiler by Storm's action. */
    private static final Map<ProfileAction, String> ONE_TIME = Map.of(ProfileAction.JPROFILE_DUMP, "dumpprofile",
            ProfileAction.JMAP_DUMP, "dumpheap", ProfileAction.JSTACK_DUMP, "dumpjstack", ProfileAction.JVM_RESTART,
            "restartworker");

    @Override
    @SuppressWarnings("unchecked")
    public List<ProfileRequest> getComponentPendingProfileActions(String id, String componentId,
                                                                  ProfileAction action) {
        String name = nameOf(id);
        List<Map<String, Object>> components = io("list the components of " + name, () -> nimbus.getComponents(name));
        Map<String, Object> component = components.stream().filter(c -> componentId.equals(c.get("id"))).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Topology '" + name + "' has no component '"
                        + componentId + "'; its components are "
                        + components.stream().map(c -> c.get("id")).toList()));
        Set<String> workers = new java.util.TreeSet<>();
        for (StormSummaries.ExecutorPlace p : placesOf(component)) {
            if (p.port() > 0) {
                workers.add(p.host() + ":" + p.port());
            }
        }
        Map<String, Object> pending = io("read the profiling actions of " + name,
                () -> nimbus.pendingProfileActions(name));
        List<ProfileRequest> out = new ArrayList<>();
        for (String worker : workers) {
            Map<String, Object> w = (Map<String, Object>) pending.get(worker);
            if (w == null) {
                continue;
            }
            long stamp = -1;
            if (action == ProfileAction.JPROFILE_STOP || action == ProfileAction.JPROFILE_START) {
                stamp = w.get("recordingUntilMs") instanceof Number n ? n.longValue() : -1;
            } else {
                for (Map<String, Object> a : (List<Map<String, Object>>) w.getOrDefault("asked", List.of())) {
                    if (ONE_TIME.get(action).equals(a.get("action"))) {
                        stamp = Math.max(stamp, ((Number) a.get("askedMs")).longValue());
                    }
                }
            }
            if (stamp >= 0) {
                int colon = worker.lastIndexOf(':');
                ProfileRequest r = new ProfileRequest(new NodeInfo(worker.substring(0, colon),
                        Set.of(Long.parseLong(worker.substring(colon + 1)))), action);
                r.set_time_stamp(stamp);
                out.add(r);
            }
        }
        return out;
    }

    @Override
    @SuppressWarnings("unchecked")
    public TopologyHistoryInfo getTopologyHistory(String user) {
        Map<String, Object> answer = io("read the topology history", () -> nimbus.topologyHistory(user));
        return new TopologyHistoryInfo((List<String>) answer.getOrDefault("topo_ids", List.of()));
    }

    /** The name of a topology given by name or id. */
    private String nameOf(String idOrName) {
        for (Map<String, Object> t : io("list topologies", nimbus::listTopologies)) {
            if (idOrName.equals(t.get("id")) || idOrName.equals(t.get("name"))) {
                return (String) t.get("name");
            }
        }
        throw new NotAliveException("No topology with id or name '" + idOrName + "'");
    }

    /** The id of a topology given by name or id. */
    private String idOf(String idOrName) {
        for (Map<String, Object> t : io("list topologies", nimbus::listTopologies)) {
            if (idOrName.equals(t.get("id")) || idOrName.equals(t.get("name"))) {
                return (String) t.get("id");
            }
        }
        throw new NotAliveException("No topology with id or name '" + idOrName + "'");
    }
}
