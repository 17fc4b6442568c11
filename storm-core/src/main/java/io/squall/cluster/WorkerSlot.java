package io.squall.cluster;

import java.util.List;

/**
 * One worker of an assignment: the supervisor and port it runs on and the tasks it runs.
 *
 * @param tasks the task ids of every executor placed in this worker
 */
public record WorkerSlot(String supervisorId, String host, int port, List<Integer> tasks) {
    /** The worker's name, {@code host:port}, unique in a cluster. */
    public String name() {
        return host + ":" + port;
    }
}
