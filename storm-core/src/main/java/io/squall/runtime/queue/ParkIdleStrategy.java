package io.squall.runtime.queue;

/** Parks at once when idle until a producer wakes the thread: no CPU when idle, a wake-up cost per batch. */
public final class ParkIdleStrategy implements IdleStrategy {
    private final Parker parker;
    private final long maxParkNanos;

    /** Parks through {@code parker} for at most {@code maxParkNanos} at a time. */
    public ParkIdleStrategy(Parker parker, long maxParkNanos) {
        this.parker = parker;
        this.maxParkNanos = maxParkNanos;
    }

    @Override
    public void idle(int workCount) {
        if (workCount == 0) {
            parker.park(maxParkNanos);
        }
    }
}
