package io.squall.daemon.ui;

import io.squall.SquallException;
import io.squall.metrics.TaggedRegistry;
import io.squall.metrics.aggregate.MetricsCollector;
import io.squall.serialization.TopologySerializer;
import io.squall.topology.ComponentSpec;
import io.squall.topology.GlobalStreamId;
import io.squall.topology.Grouping;
import io.squall.topology.StormTopology;
import io.squall.utils.NimbusClient;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The dashboard's view of a cluster, through Nimbus's HTTP API: topologies, their status and graph, and
 * the actions on them. Metrics show for the workers whose snapshots reach the {@link #metrics() collector};
 * a topology whose workers report none shows its structure and status only. Thread-safe.
 */
public final class NimbusClusterView implements ClusterView {
    private final NimbusClient nimbus;
    private final MetricsCollector metrics;
    /** Topology graphs by topology id: they never change for an id, so they are fetched once. */
    private final Map<String, List<ComponentInfo>> graphs = new ConcurrentHashMap<>();

    /** A view of the cluster whose Nimbus {@code nimbus} reaches. */
    public NimbusClusterView(NimbusClient nimbus, MetricsCollector metrics) {
        this.nimbus = nimbus;
        this.metrics = metrics;
    }

    private interface Call<T> {
        T run() throws IOException;
    }

    private static <T> T call(Call<T> c) {
        try {
            return c.run();
        } catch (IOException e) {
            throw new SquallException("Nimbus did not answer: " + e.getMessage(), e);
        }
    }

    @Override
    public ClusterSummary summary() {
        Map<String, Object> cluster = call(nimbus::getClusterInfo);
        List<?> supervisors = (List<?>) cluster.getOrDefault("supervisors", List.of());
        int slots = 0;
        for (Object s : supervisors) {
            Object ports = s instanceof Map<?, ?> m ? m.get("ports") : null;
            slots += ports instanceof List<?> l ? l.size() : 0;
        }
        List<TopologySummary> tops = new ArrayList<>();
        int used = 0;
        for (Map<String, Object> t : call(nimbus::listTopologies)) {
            TopologySummary s = withExecutors(summaryOf(t));
            used += s.workers();
            tops.add(s);
        }
        String v = NimbusClusterView.class.getPackage().getImplementationVersion();
        return new ClusterSummary("cluster", v != null ? v : "development build", supervisors.size(), slots, used, tops);
    }

    private static TopologySummary summaryOf(Map<String, Object> t) {
        Object workers = t.get("workers");
        return new TopologySummary(String.valueOf(t.get("name")), String.valueOf(t.get("id")),
                String.valueOf(t.get("status")), number(t.get("uptimeSecs")),
                workers instanceof List<?> l ? l.size() : 0, 0, (int) number(t.get("tasks")));
    }

    private static long number(Object o) {
        return o instanceof Number n ? n.longValue() : 0;
    }

    @Override
    public TopologySummary topology(String name) {
        return withExecutors(summaryOf(call(() -> nimbus.getTopology(name))));
    }

    private TopologySummary withExecutors(TopologySummary s) {
        int executors = 0;
        for (ComponentInfo c : graph(s.id())) {
            executors += c.parallelism();
        }
        return new TopologySummary(s.name(), s.id(), s.status(), s.uptimeSecs(), s.workers(), executors, s.tasks());
    }

    @Override
    public List<ComponentInfo> components(String name) {
        return graph(topology(name).id());
    }

    private List<ComponentInfo> graph(String topologyId) {
        return graphs.computeIfAbsent(topologyId, id -> {
            // Components stay serialized inside their specs, so no topology class is needed to read the graph.
            StormTopology t = TopologySerializer.deserialize(call(() -> nimbus.downloadCode(id, "topology")),
                    NimbusClusterView.class.getClassLoader());
            List<ComponentInfo> out = new ArrayList<>();
            for (ComponentSpec c : t.getComponents().values()) {
                List<Input> inputs = new ArrayList<>();
                for (Map.Entry<GlobalStreamId, Grouping> in : c.getInputs().entrySet()) {
                    inputs.add(new Input(in.getKey().get_componentId(), in.getKey().get_streamId(),
                            in.getValue().getType().name().toLowerCase(Locale.ROOT)));
                }
                out.add(new ComponentInfo(c.getId(), c.getKind() == ComponentSpec.Kind.SPOUT ? "spout" : "bolt",
                        c.getParallelism(), c.getNumTasks(), inputs));
            }
            out.sort(Comparator.comparing((ComponentInfo c) -> !c.kind().equals("spout"))
                    .thenComparing(ComponentInfo::id));
            return List.copyOf(out);
        });
    }

    @Override
    public void activate(String name) {
        call(() -> {
            nimbus.activate(name);
            return null;
        });
    }

    @Override
    public void deactivate(String name) {
        call(() -> {
            nimbus.deactivate(name);
            return null;
        });
    }

    @Override
    public void kill(String name, int waitSecs) {
        call(() -> {
            nimbus.killTopology(name, waitSecs);
            return null;
        });
    }

    @Override
    public void rebalance(String name, int workers, Map<String, Integer> executors) {
        call(() -> {
            nimbus.rebalance(name, workers, executors);
            return null;
        });
    }

    @Override
    public MetricsCollector metrics() {
        return metrics;
    }

    @Override
    public Map<String, TaggedRegistry> registries() {
        return Map.of();
    }
}
