package io.squall.daemon.ui;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.squall.daemon.nimbus.StormNimbusClient;
import io.squall.errors.RequestTimeoutException;
import io.squall.errors.SquallException;
import io.squall.metrics.TaggedRegistry;
import io.squall.metrics.aggregate.MetricsClient;
import io.squall.metrics.aggregate.TopologyMetrics;
import io.squall.metrics.aggregate.Window;
import io.squall.runtime.tap.TapFeed;
import io.squall.runtime.tap.TapKey;
import io.squall.topology.InvalidTopologyException;
import io.squall.topology.NotAliveException;
import io.squall.utils.NimbusClient;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The dashboard's view of a cluster: everything is read from, and every action done through, the leader
 * Nimbus's HTTP API ({@link NimbusClient}), which also holds the metrics the workers report. Nimbus's
 * refusals keep their meaning: an unknown topology is {@link NotAliveException}, a refused rebalance a 400,
 * no reachable leader a 503. Stateless, so thread-safe.
 */
public final class NimbusClusterView implements ClusterView {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper LENIENT = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final NimbusClient nimbus;

    /** A view of the cluster whose Nimbus {@code nimbus} talks to. */
    public NimbusClusterView(NimbusClient nimbus) {
        this.nimbus = nimbus;
    }

    /** A call to Nimbus. */
    private interface Call<T> {
        T call() throws IOException;
    }

    private static <T> T ask(Call<T> call) {
        try {
            return call.call();
        } catch (NotAliveException e) {
            throw e;
        } catch (InvalidTopologyException e) {
            throw new RequestFailedException(400, e.getMessage());
        } catch (RequestTimeoutException e) {
            throw new RequestFailedException(504, e.getMessage());
        } catch (io.squall.topology.AuthorizationException e) {
            throw new RequestFailedException(e.getMessage().contains("Authentication required") ? 401 : 403,
                    e.getMessage());
        } catch (SquallException e) {
            throw new RequestFailedException(503, e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read Nimbus's answer: " + e.getMessage(), e);
        }
    }

    /** Topology names are letters, digits, '-' and '_' (Nimbus refuses others), so any other is unknown. */
    private static String known(String name) {
        if (!name.matches("[A-Za-z0-9_-]+")) {
            throw new NotAliveException("No topology named '" + name + "' is running");
        }
        return name;
    }

    @Override
    public ClusterView forUser(String token) {
        return new NimbusClusterView(nimbus.withToken(token));
    }

    @Override
    public List<NimbusSummary> nimbuses() {
        return nimbuses(ask(nimbus::getClusterInfo), System.currentTimeMillis());
    }

    /** The Nimbus that answered {@code cluster} ({@code GET /api/v1/cluster}) and, if it does not lead, the leader. */
    static List<NimbusSummary> nimbuses(Map<String, Object> cluster, long nowMs) {
        List<NimbusSummary> out = new ArrayList<>();
        String self = String.valueOf(cluster.get("nimbus"));
        boolean leads = Boolean.TRUE.equals(cluster.get("isLeader"));
        Object started = cluster.get("startTimeMs");
        long uptime = started instanceof Number n ? Math.max(0, (nowMs - n.longValue()) / 1000) : -1;
        out.add(nimbusAt(self, leads ? "Leader" : "Not a Leader", uptime));
        Object leader = cluster.get("leader");
        if (!leads && leader != null && !leader.equals(self)) {
            out.add(nimbusAt(String.valueOf(leader), "Leader", -1));
        }
        return out;
    }

    private static NimbusSummary nimbusAt(String hostPort, String status, long uptimeSecs) {
        int colon = hostPort.lastIndexOf(':');
        String host = colon < 0 ? hostPort : hostPort.substring(0, colon);
        int port = 0;
        try {
            port = colon < 0 ? 0 : Integer.parseInt(hostPort.substring(colon + 1));
        } catch (NumberFormatException e) {
            port = 0; // An address without a port number: the host alone.
        }
        return new NimbusSummary(host, port, status, uptimeSecs, version());
    }

    @Override
    public io.squall.topology.TopologyInfo stormInfo(String name) {
        return ask(() -> nimbus.getClient().getTopologyInfo(known(name)));
    }

    /** From the topology's summary, without reading its statistics as {@link #stormInfo} does. */
    @Override
    public Map<String, io.squall.topology.DebugOptions> debugOptions(String name) {
        return StormNimbusClient.debugOptionsOf(ask(() -> nimbus.getTopology(known(name))));
    }

    @Override
    public ClusterSummary summary() {
        Map<String, Object> cluster = ask(nimbus::getClusterInfo);
        List<TopologySummary> topologies = new ArrayList<>();
        Set<String> usedWorkers = new HashSet<>();
        for (Map<String, Object> t : ask(nimbus::listTopologies)) {
            topologies.add(summaryOf(t));
            for (Object w : (List<?>) t.get("workers")) {
                usedWorkers.add(String.valueOf(w));
            }
        }
        return clusterSummary(cluster, topologies, usedWorkers, System.currentTimeMillis());
    }

    /**
     * The cluster summary from Nimbus's answers: each live supervisor (from {@code GET /api/v1/cluster}) with its
     * slots used by the topologies' workers ({@code host:port}) and free, and its uptime at {@code nowMs}.
     */
    static ClusterSummary clusterSummary(Map<String, Object> cluster, List<TopologySummary> topologies,
                                         Set<String> usedWorkers, long nowMs) {
        List<SupervisorSummary> supervisors = new ArrayList<>();
        int slotsTotal = 0;
        int slotsUsed = 0;
        for (Object o : (List<?>) cluster.get("supervisors")) {
            Map<?, ?> s = (Map<?, ?>) o;
            String host = String.valueOf(s.get("host"));
            List<?> ports = (List<?>) s.get("ports");
            int used = 0;
            for (Object port : ports) {
                if (usedWorkers.contains(host + ":" + port)) {
                    used++;
                }
            }
            long started = ((Number) s.get("startTimeMs")).longValue();
            supervisors.add(new SupervisorSummary(String.valueOf(s.get("id")), host, used, ports.size() - used,
                    Math.max(0, (nowMs - started) / 1000), ports.stream().map(p -> ((Number) p).intValue()).toList()));
            slotsTotal += ports.size();
            slotsUsed += used;
        }
        supervisors.sort(Comparator.comparing(SupervisorSummary::host).thenComparing(SupervisorSummary::id));
        return new ClusterSummary("cluster", version(), supervisors.size(), slotsTotal, slotsUsed, topologies,
                supervisors);
    }

    private static String version() {
        String v = NimbusClusterView.class.getPackage().getImplementationVersion();
        return v != null ? v : "development build";
    }

    @Override
    @SuppressWarnings("unchecked")
    public Map<String, Object> configuration() {
        Object conf = ask(nimbus::getNimbusConf).get("conf");
        return conf instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    /** A topology's summary from Nimbus's: executors and tasks of its components, ackers not counted. */
    static TopologySummary summaryOf(Map<String, Object> t) {
        int workers = ((List<?>) t.get("workers")).size();
        return new TopologySummary((String) t.get("name"), (String) t.get("id"), (String) t.get("status"),
                ((Number) t.get("uptimeSecs")).longValue(), workers, intOr(t.get("workersRequested"), workers),
                intOr(t.get("executors"), 0), intOr(t.get("tasks"), 0), actionsOf(t.get("actions")),
                (String) t.get("owner"));
    }

    /** The actions Nimbus says the user may take; all of them from a Nimbus that does not say. */
    private static List<String> actionsOf(Object actions) {
        return actions instanceof List<?> l ? l.stream().map(String::valueOf).toList()
                : TopologySummary.ALL_ACTIONS;
    }

    private static int intOr(Object value, int dflt) {
        return value instanceof Number n ? n.intValue() : dflt;
    }

    @Override
    public TopologySummary topology(String name) {
        return summaryOf(ask(() -> nimbus.getTopology(known(name))));
    }

    @Override
    public List<ComponentInfo> components(String name) {
        return componentsOf(ask(() -> nimbus.getComponents(known(name))));
    }

    /**
     * The graph's view of Nimbus's component list. Nimbus lists more than the graph draws (where each executor
     * runs, for Storm's component page) and may list more in a later version, so fields it does not know are skipped.
     */
    static List<ComponentInfo> componentsOf(List<Map<String, Object>> raw) {
        return LENIENT.convertValue(raw, new TypeReference<List<ComponentInfo>>() { });
    }

    @Override
    public void activate(String name) {
        ask(() -> {
            nimbus.activate(known(name));
            return null;
        });
    }

    @Override
    public void deactivate(String name) {
        ask(() -> {
            nimbus.deactivate(known(name));
            return null;
        });
    }

    @Override
    public void kill(String name, int waitSecs) {
        ask(() -> {
            nimbus.killTopology(known(name), waitSecs);
            return null;
        });
    }

    @Override
    public Placement rebalance(String name, int workers, Map<String, Integer> executors, Integer waitSecs) {
        return Placement.of(ask(() -> nimbus.rebalance(known(name), workers, executors, waitSecs)));
    }

    /** Through Nimbus, which asks the workers that run the component's tasks after their next metrics report. */
    @Override
    public Map<String, Object> state(String name, String component, String key) {
        return ask(() -> JSON.readValue(nimbus.readState(known(name), component, key), new TypeReference<>() { }));
    }

    @Override
    public TopologyMetrics metrics(String name, Window window) {
        return ask(() -> MetricsClient.topologyMetrics(nimbus, known(name), window.label()));
    }

    /** Through Nimbus, which lists what is debugged in the answers to the workers' metrics reports. */
    @Override
    public void debug(String name, String component, boolean enable, double percent) {
        ask(() -> nimbus.debug(known(name), component, enable, percent));
    }

    /** Through Nimbus, which hands the action to the worker with the answer to its next metrics report. */
    @Override
    public Map<String, Object> profile(String name, String worker, String action, int minutes) {
        return ask(() -> nimbus.profile(known(name), worker, action, minutes));
    }

    @Override
    public boolean profiles() {
        return true;
    }

    @Override
    @SuppressWarnings("unchecked")
    public Map<String, Map<String, Object>> pendingProfileActions(String name) {
        Map<String, Object> pending = ask(() -> nimbus.pendingProfileActions(known(name)));
        Map<String, Map<String, Object>> out = new java.util.HashMap<>();
        pending.forEach((worker, actions) -> out.put(worker, (Map<String, Object>) actions));
        return out;
    }

    /** Through Nimbus, which the workers send their samples to after each metrics report (see NimbusTaps). */
    @Override
    public TapFeed.Read readTap(String topology, TapKey stream, int maxPerSec, long after) {
        return ask(() -> JSON.readValue(nimbus.readTap(known(topology), stream.component(), stream.stream(), maxPerSec,
                after), TapFeed.Read.class));
    }

    @Override
    public void closeTap(String topology, TapKey stream) {
        ask(() -> {
            nimbus.closeTap(known(topology), stream.component(), stream.stream());
            return null;
        });
    }

    /** None: metric registries live in the worker processes, and Nimbus holds their snapshots, not registries. */
    @Override
    public Map<String, TaggedRegistry> registries() {
        return Map.of();
    }
}
