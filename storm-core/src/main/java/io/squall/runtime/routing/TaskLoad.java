package io.squall.runtime.routing;

/**
 * How loaded a receiving task is, from 0 (idle) to 1 (its queue is full), as its emitter sees it: the
 * population of the task's receive queue in this worker, or of the outbound queue to the worker that runs it.
 * Read by the emitting executor's thread; implementations must not lock or allocate.
 */
@FunctionalInterface
public interface TaskLoad {
    /** The load of {@code task}, in [0, 1]. */
    double load(int task);
}
