package io.squall.grouping;

import java.util.HashMap;
import java.util.Map;

/**
 * The load of each task a worker sends to (Storm's {@code LoadMapping}): the tasks of this worker by the fill of
 * their receive queues ({@link #setLocal}), those of other workers as measured over the connection
 * ({@link #setRemote}). A task it knows nothing of is {@linkplain Load#hasMetrics() not measured}, load 1. Written
 * by one thread and read by any: each set replaces a whole map.
 */
public class LoadMapping {
    private static final Load NOT_MEASURED = new Load(false, 1.0, 1.0);

    private volatile Map<Integer, Load> local = Map.of();
    private volatile Map<Integer, Load> remote = Map.of();

    /** Sets the loads of this worker's tasks: each task's receive queue's fill, 0 to 1 (null: none). */
    public void setLocal(Map<Integer, Double> local) {
        Map<Integer, Load> loads = new HashMap<>();
        if (local != null) {
            local.forEach((task, load) -> loads.put(task, new Load(true, load, 0.0)));
        }
        this.local = loads;
    }

    /** Sets the loads of other workers' tasks (null: none). */
    public void setRemote(Map<Integer, Load> remote) {
        this.remote = remote == null ? Map.of() : new HashMap<>(remote);
    }

    /** The load of {@code task}: as this worker measures it if the task is here, else as set remotely. */
    public Load getLoad(int task) {
        Load l = local.get(task);
        if (l == null) {
            l = remote.get(task);
        }
        return l == null ? NOT_MEASURED : l;
    }

    /** {@code getLoad(task).getLoad()}: from 0 (idle) to 1 (full, or not measured). */
    public double get(int task) {
        return getLoad(task).getLoad();
    }
}
