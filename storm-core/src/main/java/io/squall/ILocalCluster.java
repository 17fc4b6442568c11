package io.squall;

import io.squall.topology.KillOptions;
import io.squall.topology.StormTopology;

import java.util.Map;

/** What Storm's tests call on a local cluster; {@link LocalCluster} implements it. */
public interface ILocalCluster extends AutoCloseable {
    /** A running topology; closing it kills it. */
    interface ILocalTopology extends AutoCloseable {
        @Override
        void close();
    }

    /** Validates and starts a topology, active. */
    ILocalTopology submitTopology(String topologyName, Map<String, Object> conf, StormTopology topology);

    /** Stops a topology now. */
    void killTopology(String topologyName);

    /** Deactivates a topology's spouts for the wait in the options, then stops it. */
    void killTopologyWithOpts(String name, KillOptions options);

    /** Lets a topology's spouts emit again. */
    void activate(String topologyName);

    /** Stops a topology's spouts from emitting. */
    void deactivate(String topologyName);

    /** The topology running under a name. */
    StormTopology getTopology(String topologyName);

    /** Stops every topology. */
    void shutdown();

    @Override
    void close();
}
