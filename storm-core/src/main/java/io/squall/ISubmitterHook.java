package io.squall;

import io.squall.topology.StormTopology;
import io.squall.topology.TopologyInfo;

import java.util.Map;

/**
 * Told of each topology once it is submitted, when its configuration names the class in
 * {@code storm.topology.submission.notifier.plugin.class} (as Storm's submitter hooks, which catalogue topologies
 * elsewhere). The class needs a public no-argument constructor; an exception from it fails the submit with a
 * {@link io.squall.hooks.SubmitterHookException} (the topology runs already).
 */
public interface ISubmitterHook {
    void notify(TopologyInfo topologyInfo, Map<String, Object> topoConf, StormTopology topology)
            throws IllegalAccessException;
}
