package io.squall.daemon.ui;

import io.squall.metrics.TaggedRegistry;
import io.squall.metrics.aggregate.MetricsCollector;

import java.util.List;
import java.util.Map;

/**
 * What the dashboard shows and controls: the cluster's topologies, their structure and metrics, and the
 * actions on them. Methods that name a topology throw {@link io.squall.topology.NotAliveException} when
 * there is none of that name. Implementations are thread-safe.
 */
public interface ClusterView {

    /**
     * The cluster at a glance.
     *
     * @param mode           {@code local} or {@code cluster}
     * @param slotsUsed      worker slots in use
     */
    record ClusterSummary(String mode, String version, int supervisors, int slotsTotal, int slotsUsed,
                          List<TopologySummary> topologies) { }

    /**
     * One topology.
     *
     * @param status {@code ACTIVE} or {@code INACTIVE}
     */
    record TopologySummary(String name, String id, String status, long uptimeSecs, int workers, int executors,
                           int tasks) { }

    /** One component of a topology's graph and what it subscribes to. */
    record ComponentInfo(String id, String kind, int parallelism, int tasks, List<Input> inputs) { }

    /** A subscription: a stream of another component and its grouping. */
    record Input(String component, String stream, String grouping) { }

    /** The cluster summary. */
    ClusterSummary summary();

    /** A topology's summary. */
    TopologySummary topology(String name);

    /** A topology's components, spouts first. */
    List<ComponentInfo> components(String name);

    /** Lets a topology's spouts emit. */
    void activate(String name);

    /** Stops a topology's spouts from emitting. */
    void deactivate(String name);

    /** Kills a topology after deactivating it for {@code waitSecs}; may return before it is gone. */
    void kill(String name, int waitSecs);

    /**
     * Redistributes a topology over {@code workers} workers and the given executor counts.
     *
     * @throws NotSupportedException where the cluster cannot do it
     */
    void rebalance(String name, int workers, Map<String, Integer> executors);

    /** The metrics collector whose snapshots and aggregates the dashboard shows. */
    MetricsCollector metrics();

    /** The metric registries to expose in Prometheus format, by topology. */
    Map<String, TaggedRegistry> registries();

    /** An action this cluster cannot perform; the message says why and what to do instead. */
    final class NotSupportedException extends io.squall.SquallException {
        private static final long serialVersionUID = 1L;

        /** An action that is not supported, with the reason. */
        public NotSupportedException(String message) {
            super(message);
        }
    }
}
