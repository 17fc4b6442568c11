package io.squall.trident.operation;

/** Base class for {@link Aggregator}s. */
public abstract class BaseAggregator<T> extends BaseOperation implements Aggregator<T> {
}
