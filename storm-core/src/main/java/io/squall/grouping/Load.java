package io.squall.grouping;

import java.io.Serializable;

/**
 * How loaded one target task is, as a {@link LoadMapping} reports it to a {@link LoadAwareCustomStreamGrouping}
 * (Storm's {@code Load}): the fill of its receive queue ({@code boltLoad}) and of the connection to its worker
 * ({@code connectionLoad}), each from 0 (idle) to 1 (full). Immutable.
 */
public class Load implements Serializable {
    private static final long serialVersionUID = 1L;

    private final boolean hasMetrics;
    private final double boltLoad;
    private final double connectionLoad;

    /**
     * @param hasMetrics     whether the loads were measured; a task without them counts as fully loaded
     * @param boltLoad       the task's receive queue's fill, 0 to 1
     * @param connectionLoad the fill of what waits to be sent to the task's worker, 0 to 1
     */
    public Load(boolean hasMetrics, double boltLoad, double connectionLoad) {
        this.hasMetrics = hasMetrics;
        this.boltLoad = boltLoad;
        this.connectionLoad = connectionLoad;
    }

    /** Whether the loads were measured. */
    public boolean hasMetrics() {
        return hasMetrics;
    }

    /** The task's receive queue's fill, 0 to 1. */
    public double getBoltLoad() {
        return boltLoad;
    }

    /** The fill of what waits to be sent to the task's worker, 0 to 1. */
    public double getConnectionLoad() {
        return connectionLoad;
    }

    /** The larger of the two loads; 1 when they were not measured. */
    public double getLoad() {
        return hasMetrics ? Math.max(boltLoad, connectionLoad) : 1.0;
    }

    @Override
    public String toString() {
        return hasMetrics ? "Load[bolt " + boltLoad + ", connection " + connectionLoad + "]" : "Load[not measured]";
    }
}
