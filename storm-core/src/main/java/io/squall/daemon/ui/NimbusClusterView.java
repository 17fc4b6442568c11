package io.squall.daemon.ui;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.squall.SquallException;
import io.squall.metrics.TaggedRegistry;
import io.squall.metrics.aggregate.TopologyMetrics;
import io.squall.metrics.aggregate.Window;
import io.squall.topology.InvalidTopologyException;
import io.squall.topology.NotAliveException;
import io.squall.utils.NimbusClient;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The dashboard's view of a cluster: everything is read from, and every action done through, the leader
 * Nimbus's HTTP API ({@link NimbusClient}), which also holds the metrics the workers report. Nimbus's
 * refusals keep their meaning: an unknown topology is {@link NotAliveException}, a refused rebalance a 400,
 * no reachable leader a 503. Stateless, so thread-safe.
 */
public final class NimbusClusterView implements ClusterView {
    private static final ObjectMapper JSON = new ObjectMapper();

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
    public ClusterSummary summary() {
        Map<String, Object> cluster = ask(nimbus::getClusterInfo);
        int supervisors = 0;
        int slotsTotal = 0;
        for (Object s : (List<?>) cluster.get("supervisors")) {
            supervisors++;
            slotsTotal += ((List<?>) ((Map<?, ?>) s).get("ports")).size();
        }
        int slotsUsed = 0;
        List<TopologySummary> topologies = new ArrayList<>();
        for (Map<String, Object> t : ask(nimbus::listTopologies)) {
            TopologySummary summary;
            try {
                summary = summaryOf(t);
            } catch (NotAliveException gone) {
                continue; // Killed while listing.
            }
            slotsUsed += summary.workers();
            topologies.add(summary);
        }
        return new ClusterSummary("cluster", version(), supervisors, slotsTotal, slotsUsed, topologies);
    }

    private static String version() {
        String v = NimbusClusterView.class.getPackage().getImplementationVersion();
        return v != null ? v : "development build";
    }

    private TopologySummary summaryOf(Map<String, Object> t) {
        String name = (String) t.get("name");
        int executors = 0;
        for (ComponentInfo c : components(name)) {
            executors += c.parallelism();
        }
        return new TopologySummary(name, (String) t.get("id"), (String) t.get("status"),
                ((Number) t.get("uptimeSecs")).longValue(), ((List<?>) t.get("workers")).size(), executors,
                ((Number) t.get("tasks")).intValue());
    }

    @Override
    public TopologySummary topology(String name) {
        return summaryOf(ask(() -> nimbus.getTopology(known(name))));
    }

    @Override
    public List<ComponentInfo> components(String name) {
        List<Map<String, Object>> raw = ask(() -> nimbus.getComponents(known(name)));
        return JSON.convertValue(raw, new TypeReference<List<ComponentInfo>>() { });
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
    public void rebalance(String name, int workers, Map<String, Integer> executors) {
        ask(() -> {
            nimbus.rebalance(known(name), workers, executors);
            return null;
        });
    }

    @Override
    public TopologyMetrics metrics(String name, Window window) {
        return ask(() -> nimbus.getTopologyMetrics(known(name), window.label()));
    }

    /** None: metric registries live in the worker processes, and Nimbus holds their snapshots, not registries. */
    @Override
    public Map<String, TaggedRegistry> registries() {
        return Map.of();
    }
}
