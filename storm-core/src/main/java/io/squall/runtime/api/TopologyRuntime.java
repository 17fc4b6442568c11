package io.squall.runtime.api;

import io.squall.topology.StormTopology;

import java.util.List;
import java.util.Map;

/**
 * A topology running in this JVM, as the public API sees it. Thread-safe.
 */
public interface TopologyRuntime {
    /** The topology's id. */
    String topologyId();

    /** The topology it runs. */
    StormTopology topology();

    /** Lets the spouts emit. */
    void activate();

    /** Stops the spouts from emitting; tuples in flight still complete. */
    void deactivate();

    /** Whether the spouts may emit. */
    boolean isActive();

    /** Stops every executor; they close their spouts and clean up their bolts. */
    void shutdown();

    /** The error that stopped the topology, or null. */
    Throwable failure();

    /** A snapshot of each user component's counts, by component id. */
    Map<String, ComponentCounts> componentCounts();

    /** The last errors a component's tasks reported, oldest first. */
    List<ReportedError> errors(String componentId);
}
