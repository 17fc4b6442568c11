package io.squall.state;

import io.squall.task.TopologyContext;

import java.util.Map;

/**
 * Makes the {@link State} objects of one backend (in memory, RocksDB, Redis, ...). Named by
 * {@code topology.state.provider}; configured by the JSON in {@code topology.state.provider.config}.
 * Needs a public no-argument constructor.
 */
public interface StateProvider {
    /**
     * The state saved under {@code namespace}, as of its last commit (empty the first time).
     *
     * @param topoConf the topology's configuration
     * @param context  the context of the task that will own the state
     */
    State newState(String namespace, Map<String, Object> topoConf, TopologyContext context);
}
