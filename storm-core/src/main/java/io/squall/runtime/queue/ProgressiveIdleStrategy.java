package io.squall.runtime.queue;

/**
 * The default: spins briefly, then yields, then parks until woken, each park of an idle spell longer than the one
 * before up to the maximum (see {@link ParkBackoff}). A busy executor never parks; an idle one costs nothing but
 * the timer wake-ups bounded by the maximum park.
 */
public final class ProgressiveIdleStrategy implements IdleStrategy {
    /** Measured on 2 cores: past this many empty rounds a producer is unlikely to publish within a yield. */
    private static final int SPINS = 20;
    private static final int YIELDS = 40;

    private final ParkBackoff backoff;
    private int idleRounds;

    ProgressiveIdleStrategy(ParkBackoff backoff) {
        this.backoff = backoff;
    }

    @Override
    public void idle(int workCount) {
        if (workCount > 0) {
            if (idleRounds > SPINS + YIELDS) {
                backoff.reset();
            }
            idleRounds = 0;
            return;
        }
        idleRounds++;
        if (idleRounds <= SPINS) {
            Thread.onSpinWait();
        } else if (idleRounds <= SPINS + YIELDS) {
            Thread.yield();
        } else {
            backoff.park();
        }
    }
}
