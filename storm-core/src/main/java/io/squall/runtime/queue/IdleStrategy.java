package io.squall.runtime.queue;

/**
 * How an executor waits when a round of work did nothing. Owned by one executor thread.
 */
public interface IdleStrategy {
    /**
     * Called after each round with the amount of work it did: zero means idle, and the strategy waits
     * (more the longer it has been idle); non-zero resets it.
     */
    void idle(int workCount);

    /** Parks the thread until woken or the deadline passes; the queue decides who may wake it. */
    @FunctionalInterface
    interface Parker {
        /** Parks for at most {@code maxNanos}. */
        void park(long maxNanos);
    }

    /**
     * The strategy of a name in {@code topology.executor.wait.strategy}.
     *
     * @param parker        how to park until woken (the executor's receive queue)
     * @param maxParkNanos  the longest single park, which bounds how late timers fire
     */
    static IdleStrategy of(String name, Parker parker, long maxParkNanos) {
        return switch (name) {
            case "busy-spin" -> new BusySpinIdleStrategy();
            case "yield" -> new YieldIdleStrategy();
            case "park" -> new ParkIdleStrategy(parker, maxParkNanos);
            case "progressive" -> new ProgressiveIdleStrategy(parker, maxParkNanos);
            default -> throw new IllegalArgumentException("Unknown wait strategy '" + name
                    + "'; use progressive, park, yield or busy-spin");
        };
    }
}
