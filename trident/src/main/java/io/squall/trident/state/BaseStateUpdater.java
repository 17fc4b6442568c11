package io.squall.trident.state;

import io.squall.trident.operation.BaseOperation;

/** Base class for {@link StateUpdater}s. */
public abstract class BaseStateUpdater<S extends State> extends BaseOperation implements StateUpdater<S> {
}
