package io.squall.topology;

import java.io.Serializable;
import java.util.HashMap;
import java.util.Map;

/** Options of a rebalance, with Storm's accessors: the wait, the new worker count, new executor counts. */
public class RebalanceOptions implements Serializable {
    private static final long serialVersionUID = 1L;
    private Integer waitSecs;
    private Integer numWorkers;
    private Map<String, Integer> numExecutors;

    public void set_wait_secs(int secs) {
        if (secs < 0) {
            throw new IllegalArgumentException("Rebalance wait must be at least 0 seconds, got " + secs);
        }
        this.waitSecs = secs;
    }

    public int get_wait_secs() {
        return waitSecs == null ? 0 : waitSecs;
    }

    public boolean is_set_wait_secs() {
        return waitSecs != null;
    }

    public void set_num_workers(int workers) {
        if (workers < 1) {
            throw new IllegalArgumentException("A rebalance needs at least 1 worker, got " + workers);
        }
        this.numWorkers = workers;
    }

    public int get_num_workers() {
        return numWorkers == null ? 0 : numWorkers;
    }

    public boolean is_set_num_workers() {
        return numWorkers != null;
    }

    public void set_num_executors(Map<String, Integer> executors) {
        this.numExecutors = executors == null ? null : new HashMap<>(executors);
    }

    public void put_to_num_executors(String component, int executors) {
        if (numExecutors == null) {
            numExecutors = new HashMap<>();
        }
        numExecutors.put(component, executors);
    }

    public Map<String, Integer> get_num_executors() {
        return numExecutors == null ? Map.of() : numExecutors;
    }

    public boolean is_set_num_executors() {
        return numExecutors != null;
    }
}
