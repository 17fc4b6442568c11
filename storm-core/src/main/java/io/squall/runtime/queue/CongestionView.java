package io.squall.runtime.queue;

/** A read-only view of a worker's congestion, for executors that must stop emitting while it lasts. */
@FunctionalInterface
public interface CongestionView {
    /** Whether anything is congested now. Any thread; one volatile read. */
    boolean isCongested();

    /**
     * Asks to have {@code wake} run whenever the congestion ends, so an executor that stopped emitting for it and
     * then parked resumes at once instead of at the end of its park. Call once per executor, at construction.
     */
    default void wakeOnRelief(Runnable wake) {
    }
}
