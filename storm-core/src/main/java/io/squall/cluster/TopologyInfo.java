package io.squall.cluster;

import java.util.Map;

/**
 * A submitted topology, in {@code /topologies/<topologyId>}. Immutable; changes write a new copy.
 *
 * @param id                unique per submission: name, a counter and the launch time
 * @param status            what the workers should be doing
 * @param launchTimeMs      when it was submitted
 * @param workers           how many worker slots it asks for
 * @param executorOverrides executors per component changed by a rebalance
 * @param killAtMs          for a KILLED topology, when its workers are stopped
 * @param conf              its configuration
 */
public record TopologyInfo(String id, String name, TopologyStatus status, long launchTimeMs, int workers,
                           Map<String, Integer> executorOverrides, long killAtMs, Map<String, Object> conf) {

    /** A copy with another status. */
    public TopologyInfo withStatus(TopologyStatus s) {
        return new TopologyInfo(id, name, s, launchTimeMs, workers, executorOverrides, killAtMs, conf);
    }

    /** A copy marked killed, to stop at {@code at}. */
    public TopologyInfo killedAt(long at) {
        return new TopologyInfo(id, name, TopologyStatus.KILLED, launchTimeMs, workers, executorOverrides, at, conf);
    }

    /** A copy with a new worker count and executor overrides. */
    public TopologyInfo rebalanced(int newWorkers, Map<String, Integer> overrides) {
        return new TopologyInfo(id, name, status, launchTimeMs, newWorkers, Map.copyOf(overrides), killAtMs, conf);
    }
}
