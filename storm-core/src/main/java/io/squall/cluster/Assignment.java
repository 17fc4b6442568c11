package io.squall.cluster;

import java.util.List;

/**
 * Where a topology's executors run, in {@code /assignments/<topologyId>}. Every change gets a higher
 * {@code version}. A worker whose own task groups are unchanged keeps running across versions (it redirects
 * the tuples of groups that moved); one whose groups changed restarts with the new ones.
 *
 * @param version     increases with each reassignment
 * @param workers     the workers and their tasks
 * @param timeMs      when the assignment was made (the workers' start time)
 */
public record Assignment(String topologyId, long version, List<WorkerSlot> workers, long timeMs) {
    /** The worker on {@code supervisorId}'s {@code port}, or null. */
    public WorkerSlot slot(String supervisorId, int port) {
        for (WorkerSlot w : workers) {
            if (w.isOn(supervisorId, port)) {
                return w;
            }
        }
        return null;
    }
}
