package io.squall.cluster;

import java.util.ArrayList;
import java.util.List;

/**
 * One worker of an assignment: the supervisor and port it runs on and the task groups it runs.
 *
 * <p>A topology's executors are dealt once into task groups (as many as the workers it asks for); a worker
 * runs one group, or several when the cluster has fewer free slots than the topology asked for. A reassignment
 * moves whole groups, so the other workers only redirect a group's tuples to its new address and keep
 * running.
 *
 * @param groups the task groups placed in this worker
 */
public record WorkerSlot(String supervisorId, String host, int port, List<TaskGroup> groups) {
    /** A slot; {@code groups} null (a node written before groups existed) reads as none. */
    public WorkerSlot {
        groups = groups == null ? List.of() : List.copyOf(groups);
    }

    /** The worker's name, {@code host:port}, unique in a cluster. */
    public String name() {
        return host + ":" + port;
    }

    /** Every task of every executor in this worker. */
    public List<Integer> tasks() {
        List<Integer> all = new ArrayList<>();
        for (TaskGroup g : groups) {
            all.addAll(g.tasks());
        }
        return all;
    }

    /** Whether this worker runs on {@code supervisorId}'s {@code port}. */
    public boolean isOn(String supervisor, int slotPort) {
        return supervisorId.equals(supervisor) && port == slotPort;
    }

    /**
     * The tasks of a group of executors that always move together.
     *
     * @param id    unique within the assignment
     * @param tasks the task ids of the group's executors
     */
    public record TaskGroup(int id, List<Integer> tasks) {
        /** The name of the outbound queue that carries this group's tuples from other workers. */
        public String queueName() {
            return "group-" + id;
        }
    }
}
