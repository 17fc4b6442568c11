package io.squall.runtime.queue;

/**
 * Parks at once when idle until a producer wakes the thread, backing off (see {@link ParkBackoff}) while the
 * executor stays idle: no CPU when idle, a wake-up cost per batch.
 */
public final class ParkIdleStrategy implements IdleStrategy {
    private final ParkBackoff backoff;

    ParkIdleStrategy(ParkBackoff backoff) {
        this.backoff = backoff;
    }

    @Override
    public void idle(int workCount) {
        if (workCount == 0) {
            backoff.park();
        } else {
            backoff.reset();
        }
    }
}
