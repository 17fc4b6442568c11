package io.squall.runtime.queue;

/**
 * The default: spins briefly, then yields, then parks until woken. A busy executor never parks; an idle
 * one costs nothing but the timer wake-ups bounded by the maximum park.
 */
public final class ProgressiveIdleStrategy implements IdleStrategy {
    /** Measured on 2 cores: past this many empty rounds a producer is unlikely to publish within a yield. */
    private static final int SPINS = 20;
    private static final int YIELDS = 40;

    private final Parker parker;
    private final long maxParkNanos;
    private int idleRounds;

    /** Parks through {@code parker} for at most {@code maxParkNanos} at a time. */
    public ProgressiveIdleStrategy(Parker parker, long maxParkNanos) {
        this.parker = parker;
        this.maxParkNanos = maxParkNanos;
    }

    @Override
    public void idle(int workCount) {
        if (workCount > 0) {
            idleRounds = 0;
            return;
        }
        idleRounds++;
        if (idleRounds <= SPINS) {
            Thread.onSpinWait();
        } else if (idleRounds <= SPINS + YIELDS) {
            Thread.yield();
        } else {
            parker.park(maxParkNanos);
        }
    }
}
