package io.squall.trident.state;

import io.squall.trident.operation.BaseOperation;

/** Base class for {@link QueryFunction}s. */
public abstract class BaseQueryFunction<S extends State, T> extends BaseOperation implements QueryFunction<S, T> {
}
