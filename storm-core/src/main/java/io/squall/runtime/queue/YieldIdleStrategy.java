package io.squall.runtime.queue;

/** Yields the core when idle: low latency, but the thread stays runnable and uses CPU. */
public final class YieldIdleStrategy implements IdleStrategy {
    @Override
    public void idle(int workCount) {
        if (workCount == 0) {
            Thread.yield();
        }
    }
}
