package io.squall.daemon.ui;

import io.squall.LocalCluster;
import io.squall.config.DaemonConfig;
import io.squall.config.ServedConf;
import io.squall.metrics.TaggedRegistry;
import io.squall.metrics.aggregate.MetricsCollector;
import io.squall.metrics.aggregate.TopologyMetrics;
import io.squall.metrics.aggregate.Window;
import io.squall.metrics.builtin.Snapshots;
import io.squall.metrics.builtin.WorkerMetrics;
import io.squall.runtime.TaskLayout;
import io.squall.runtime.tap.StreamTap;
import io.squall.runtime.tap.StreamTaps;
import io.squall.runtime.tap.TapFeed;
import io.squall.runtime.tap.TapKey;
import io.squall.runtime.state.StateQuery;
import io.squall.topology.ComponentSpec;
import io.squall.topology.GlobalStreamId;
import io.squall.topology.Grouping;
import io.squall.topology.InvalidTopologyException;
import io.squall.topology.KillOptions;
import io.squall.topology.NotAliveException;
import io.squall.topology.RebalanceOptions;
import io.squall.topology.StormTopology;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/** The dashboard's view of a {@link LocalCluster}: one in-process worker per topology. */
public final class LocalClusterView implements ClusterView {
    private static final Logger LOG = LoggerFactory.getLogger(LocalClusterView.class);

    private final LocalCluster cluster;
    private final long startNanos = System.nanoTime();
    private final Set<Thread> kills = ConcurrentHashMap.newKeySet();
    /** What the dashboard's pages read of each open tap, by topology and stream. */
    private final Map<List<Object>, TapFeed> feeds = new ConcurrentHashMap<>();

    /** A view of {@code cluster}. */
    public LocalClusterView(LocalCluster cluster) {
        this.cluster = cluster;
    }

    @Override
    public ClusterSummary summary() {
        List<TopologySummary> tops = new ArrayList<>();
        for (String name : cluster.getTopologyNames()) {
            try {
                tops.add(topology(name));
            } catch (NotAliveException gone) {
                LOG.debug("Topology {} stopped while listing", name);
            }
        }
        // Local mode runs each topology in one in-process worker: one "supervisor" whose slots are those workers.
        SupervisorSummary here = new SupervisorSummary("local", "localhost", tops.size(), 0,
                TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - startNanos));
        return new ClusterSummary("local", version(), 1, tops.size(), tops.size(), tops, List.of(here));
    }

    private static String version() {
        String v = LocalCluster.class.getPackage().getImplementationVersion();
        return v != null ? v : "development build";
    }

    @Override
    public Map<String, Object> configuration() {
        return ServedConf.of(DaemonConfig.load(List.of()).asMap()).conf();
    }

    @Override
    public TopologySummary topology(String name) {
        Snapshots.Worker w = MetricsCollector.of(cluster).aggregator().latest(name).stream().findFirst().orElse(null);
        TaskLayout layout = WorkerMetrics.of(cluster, name).worker().layout();
        return new TopologySummary(name, cluster.topologyId(name), cluster.getStatus(name),
                w == null ? 0 : w.uptimeSecs(), 1, 1,
                layout.componentExecutors(), layout.componentTasks(), TopologySummary.ALL_ACTIONS,
                System.getProperty("user.name"));
    }

    @Override
    public List<ComponentInfo> components(String name) {
        StormTopology t = cluster.getTopology(name);
        List<ComponentInfo> out = new ArrayList<>();
        for (ComponentSpec c : t.getComponents().values()) {
            List<Input> inputs = new ArrayList<>();
            for (Map.Entry<GlobalStreamId, Grouping> in : c.getInputs().entrySet()) {
                inputs.add(new Input(in.getKey().get_componentId(), in.getKey().get_streamId(),
                        in.getValue().getType().name().toLowerCase(Locale.ROOT)));
            }
            out.add(new ComponentInfo(c.getId(), c.getKind() == ComponentSpec.Kind.SPOUT ? "spout" : "bolt",
                    c.getParallelism(), c.getNumTasks(), inputs, new ArrayList<>(c.getOutputs().keySet())));
        }
        out.sort(Comparator.comparing((ComponentInfo c) -> !c.kind().equals("spout")).thenComparing(ComponentInfo::id));
        return out;
    }

    /** Drains the worker's tap into the feed pages read; one page at a time per feed. */
    @Override
    public TapFeed.Read readTap(String topology, TapKey stream, int maxPerSec, long after) {
        StreamTaps taps = WorkerMetrics.of(cluster, topology).worker().taps();
        StreamTap tap = taps.open(stream, maxPerSec);
        long now = System.nanoTime();
        TapFeed feed = feeds.compute(List.of(topology, stream), (k, f) -> f == null || f.maxPerSec() != maxPerSec
                ? new TapFeed(maxPerSec, now) : f);
        synchronized (feed) {
            feed.add("local", tap.drain(), tap.seen(), tap.sampled(), tap.dropped());
            expireIdleTaps(now);
            return feed.read(after, now);
        }
    }

    /** Closes the taps no page has read for the lease, in case a page went away without closing its tap. */
    private void expireIdleTaps(long now) {
        feeds.forEach((k, f) -> {
            if (now - f.idleSince() > TimeUnit.MILLISECONDS.toNanos(TapFeed.LEASE_MILLIS)) {
                closeTap((String) k.get(0), (TapKey) k.get(1));
            }
        });
    }

    @Override
    public void closeTap(String topology, TapKey stream) {
        feeds.remove(List.of(topology, stream));
        try {
            WorkerMetrics.of(cluster, topology).worker().taps().close(stream);
        } catch (NotAliveException gone) {
            LOG.debug("Topology {} stopped before its tap on {} was closed", topology, stream);
        }
    }

    @Override
    public void activate(String name) {
        refused(() -> cluster.activate(name));
    }

    @Override
    public void deactivate(String name) {
        refused(() -> cluster.deactivate(name));
    }

    /**
     * Kills with a wait as {@link LocalCluster#killTopologyWithOpts} does (at once: {@code KILLED}, gone after the
     * wait); without one, on a thread of its own and returns at once, so the answer reaches the page before the
     * topology's executors have stopped (which can take seconds) and before {@code bin/squall local} ends because its
     * last topology is gone.
     */
    @Override
    public void kill(String name, int waitSecs) {
        cluster.getTopology(name); // An unknown name fails here, as the caller's 404.
        if (waitSecs > 0) {
            KillOptions o = new KillOptions();
            o.set_wait_secs(waitSecs);
            cluster.killTopologyWithOpts(name, o);
            return;
        }
        Thread t = new Thread(() -> {
            try {
                cluster.killTopology(name);
            } catch (NotAliveException gone) {
                LOG.info("Topology {} was gone before it was killed", name);
            } finally {
                kills.remove(Thread.currentThread());
            }
        }, "kill-" + name);
        t.setDaemon(true);
        kills.add(t);
        t.start();
    }

    /**
     * Waits up to {@code timeoutMillis} for the kills started from the dashboard to finish, so that a process
     * that ends once its topologies are gone lets their executors close first.
     */
    public void awaitKills(long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        for (Thread t : List.copyOf(kills)) {
            long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (left > 0) {
                t.join(left);
            }
        }
    }

    /**
     * Rebalances as {@link LocalCluster#rebalance} does: new executor counts after the wait (default: the
     * topology's message timeout). The worker count stays: a local topology keeps the in-process workers it was
     * submitted with.
     */
    @Override
    public Placement rebalance(String name, int workers, Map<String, Integer> executors, Integer waitSecs) {
        RebalanceOptions o = new RebalanceOptions();
        o.set_num_executors(executors);
        if (waitSecs != null) {
            o.set_wait_secs(waitSecs);
        }
        refused(() -> cluster.rebalance(name, o));
        int running = cluster.getClusterInfo().get_topologies().stream().filter(t -> t.get_name().equals(name))
                .mapToInt(io.squall.topology.TopologySummary::get_num_workers).findFirst().orElse(1);
        return new Placement(running, running, Integer.MAX_VALUE, cluster.rebalancingInSecs(name));
    }

    @Override
    public void debug(String name, String component, boolean enable, double percent) {
        cluster.debug(name, component, enable, percent);
    }

    /** Runs an action, answering 409 if the topology is rebalancing and 400 if the request does not fit it. */
    private static void refused(Runnable action) {
        try {
            action.run();
        } catch (IllegalStateException e) {
            throw new RequestFailedException(409, e.getMessage());
        } catch (InvalidTopologyException e) {
            throw new RequestFailedException(400, e.getMessage());
        }
    }

    @Override
    public Map<String, Object> state(String name, String component, String key) {
        StormTopology t = cluster.getTopology(name);
        if (t.getComponent(component) == null) {
            throw new NotAliveException("Topology '" + name + "' has no component '" + component + "' (it has "
                    + new TreeSet<>(t.getComponents().keySet()) + ")");
        }
        StateQuery.Answer answer = StateQuery.ask(name, component, key);
        if (answer.isEmpty()) {
            throw new NotAliveException(StateQuery.noQueryableState(name, component));
        }
        return answer.json(component, key);
    }

    /** Local mode's Nimbus is the cluster in this JVM: the leader, up since the view was made. */
    @Override
    public List<NimbusSummary> nimbuses() {
        return List.of(new NimbusSummary("localhost", 0, "Leader",
                TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - startNanos), summary().version()));
    }

    @Override
    public io.squall.topology.TopologyInfo stormInfo(String name) {
        return cluster.getTopologyInfo(name);
    }

    @Override
    public TopologyMetrics metrics(String name, Window window) {
        return MetricsCollector.of(cluster).aggregator().view(name, window);
    }

    @Override
    public Map<String, TaggedRegistry> registries() {
        Map<String, TaggedRegistry> out = new TreeMap<>();
        for (String name : cluster.getTopologyNames()) {
            try {
                out.put(name, WorkerMetrics.of(cluster, name).worker().metrics());
            } catch (NotAliveException gone) {
                LOG.debug("Topology {} stopped while listing", name);
            }
        }
        return out;
    }
}
