package io.squall.flux.test;

import io.squall.Config;
import io.squall.topology.StormTopology;

/** An existing topology whose getTopology takes a {@code Config}. */
public class SimpleTopologyWithConfigParam {
    public SimpleTopologyWithConfigParam(String foo, String bar) {
    }

    public StormTopology getTopology(Config config) {
        return SimpleTopology.build("config-param");
    }
}
