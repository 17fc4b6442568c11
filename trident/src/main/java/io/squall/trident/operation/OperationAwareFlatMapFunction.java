package io.squall.trident.operation;

/**
 * A {@link FlatMapFunction} with the life cycle of an {@link Operation}: {@code prepare} before the first tuple of its
 * task, {@code cleanup} when the task stops.
 */
public interface OperationAwareFlatMapFunction extends FlatMapFunction, Operation {
}
