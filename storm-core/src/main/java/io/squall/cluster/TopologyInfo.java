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
 * @param rebalance         for a REBALANCING topology, what is to be done when its wait is over; else null
 */
public record TopologyInfo(String id, String name, TopologyStatus status, long launchTimeMs, int workers,
                           Map<String, Integer> executorOverrides, long killAtMs, Map<String, Object> conf,
                           PendingRebalance rebalance) {

    /**
     * A rebalance asked with a wait: at {@code atMs} the topology goes over {@code workers} workers (0 keeps the
     * count) with {@code executors} per component, and back to {@code resumeStatus}.
     */
    public record PendingRebalance(long atMs, int workers, Map<String, Integer> executors,
                                   TopologyStatus resumeStatus) {
    }

    /** A topology as submitted: no rebalance pending. */
    public TopologyInfo(String id, String name, TopologyStatus status, long launchTimeMs, int workers,
                        Map<String, Integer> executorOverrides, long killAtMs, Map<String, Object> conf) {
        this(id, name, status, launchTimeMs, workers, executorOverrides, killAtMs, conf, null);
    }

    /** A copy with another status. */
    public TopologyInfo withStatus(TopologyStatus s) {
        return new TopologyInfo(id, name, s, launchTimeMs, workers, executorOverrides, killAtMs, conf, rebalance);
    }

    /** A copy marked killed, to stop at {@code at}; a pending rebalance is dropped. */
    public TopologyInfo killedAt(long at) {
        return new TopologyInfo(id, name, TopologyStatus.KILLED, launchTimeMs, workers, executorOverrides, at, conf,
                null);
    }

    /**
     * A copy with a new worker count and executor overrides, in {@code newStatus}, with no rebalance pending (the
     * status a waiting rebalance resumes).
     */
    public TopologyInfo rebalanced(int newWorkers, Map<String, Integer> overrides, TopologyStatus newStatus) {
        return new TopologyInfo(id, name, newStatus, launchTimeMs, newWorkers, Map.copyOf(overrides), killAtMs, conf,
                null);
    }

    /** A copy REBALANCING until {@code pending}'s time, its spouts deactivated meanwhile. */
    public TopologyInfo rebalancing(PendingRebalance pending) {
        return new TopologyInfo(id, name, TopologyStatus.REBALANCING, launchTimeMs, workers, executorOverrides,
                killAtMs, conf, pending);
    }
}
