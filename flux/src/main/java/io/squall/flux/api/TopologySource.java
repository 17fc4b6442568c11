package io.squall.flux.api;

import io.squall.topology.StormTopology;

import java.util.Map;

/**
 * A class that makes a topology in Java, for a Flux file's {@code topologySource}. Implementing it is optional:
 * Flux calls any public method named by {@code methodName} (default {@code getTopology}) that takes the topology's
 * config, as a {@code Map<String, Object>} or a {@code Config}, and returns a {@code StormTopology}.
 */
public interface TopologySource {
    /** The topology, given the {@code config} section of the Flux file. */
    StormTopology getTopology(Map<String, Object> config);
}
