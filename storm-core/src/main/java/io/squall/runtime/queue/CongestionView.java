package io.squall.runtime.queue;

/** A read-only view of a worker's congestion, for executors that must stop emitting while it lasts. */
@FunctionalInterface
public interface CongestionView {
    /** Whether anything is congested now. Any thread; one volatile read. */
    boolean isCongested();
}
