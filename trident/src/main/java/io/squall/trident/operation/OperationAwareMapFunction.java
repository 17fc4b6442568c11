package io.squall.trident.operation;

/**
 * A {@link MapFunction} with the life cycle of an {@link Operation}: {@code prepare} before the first tuple of its
 * task, {@code cleanup} when the task stops.
 */
public interface OperationAwareMapFunction extends MapFunction, Operation {
}
