package io.squall.flux.test;

import io.squall.flux.api.TopologySource;
import io.squall.topology.StormTopology;

import java.util.Map;

/** A {@link TopologySource} made with constructor arguments. */
public class SimpleTopologySource implements TopologySource {
    public SimpleTopologySource() {
    }

    public SimpleTopologySource(String foo, String bar) {
    }

    @Override
    public StormTopology getTopology(Map<String, Object> config) {
        return SimpleTopology.build("source");
    }
}
