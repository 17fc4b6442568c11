package io.squall.runtime.queue;

/**
 * The park lengths of an idle spell: the first park lasts {@code firstParkNanos}, each one after it twice as long
 * as the one before, up to {@code maxParkNanos}; {@link #reset} after a round that did work starts over. A
 * publish to the queue ends any park at once (see {@link ReceiveQueue#awaitMessages}), so the backoff only
 * delays work that arrives without a publish: timers and a spout's own source. Owned by one executor thread.
 */
final class ParkBackoff {
    private final IdleStrategy.Parker parker;
    private final long firstParkNanos;
    private final long maxParkNanos;
    private long nextParkNanos;

    ParkBackoff(IdleStrategy.Parker parker, long firstParkNanos, long maxParkNanos) {
        this.parker = parker;
        this.firstParkNanos = firstParkNanos;
        this.maxParkNanos = maxParkNanos;
        this.nextParkNanos = firstParkNanos;
    }

    /** Parks for the current length and doubles the next one, up to the maximum. */
    void park() {
        long n = nextParkNanos;
        nextParkNanos = Math.min(maxParkNanos, n * 2);
        parker.park(n);
    }

    /** The last round did work: the next idle spell starts with the first park again. */
    void reset() {
        nextParkNanos = firstParkNanos;
    }

    /** How long the next park will last. */
    long nextParkNanos() {
        return nextParkNanos;
    }
}
