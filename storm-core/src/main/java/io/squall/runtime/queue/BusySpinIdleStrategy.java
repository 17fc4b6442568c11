package io.squall.runtime.queue;

/** Spins with {@link Thread#onSpinWait()}: the lowest latency, at the price of a whole core per executor. */
public final class BusySpinIdleStrategy implements IdleStrategy {
    @Override
    public void idle(int workCount) {
        if (workCount == 0) {
            Thread.onSpinWait();
        }
    }
}
