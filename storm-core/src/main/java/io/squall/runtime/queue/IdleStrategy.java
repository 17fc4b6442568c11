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
     * The strategy of a name in {@code topology.executor.wait.strategy}, parking for {@code maxParkNanos} at a time.
     *
     * @param parker        how to park until woken (the executor's receive queue)
     * @param maxParkNanos  the longest single park, which bounds how late timers fire
     */
    static IdleStrategy of(String name, Parker parker, long maxParkNanos) {
        return of(name, parker, maxParkNanos, maxParkNanos);
    }

    /**
     * The strategy of a name in {@code topology.executor.wait.strategy}, whose parks back off: the first park of an
     * idle spell lasts {@code firstParkNanos}, each further park that finds no work twice as long, up to
     * {@code maxParkNanos}. A publish to the queue ends a park at once, whatever its length.
     *
     * @param parker         how to park until woken (the executor's receive queue)
     * @param firstParkNanos the first park of an idle spell, which bounds how late work that arrives without a
     *                       publish (a spout's {@code nextTuple} finding new data) is seen after a short lull
     * @param maxParkNanos   the longest single park, which bounds how late timers fire
     */
    static IdleStrategy of(String name, Parker parker, long firstParkNanos, long maxParkNanos) {
        if (firstParkNanos <= 0 || firstParkNanos > maxParkNanos) {
            throw new IllegalArgumentException("First park " + firstParkNanos + " ns must be positive and at most "
                    + "the longest park " + maxParkNanos + " ns");
        }
        return switch (name) {
            case "busy-spin" -> new BusySpinIdleStrategy();
            case "yield" -> new YieldIdleStrategy();
            case "park" -> new ParkIdleStrategy(new ParkBackoff(parker, firstParkNanos, maxParkNanos));
            case "progressive" -> new ProgressiveIdleStrategy(new ParkBackoff(parker, firstParkNanos, maxParkNanos));
            default -> throw new IllegalArgumentException("Unknown wait strategy '" + name
                    + "'; use progressive, park, yield or busy-spin");
        };
    }
}
