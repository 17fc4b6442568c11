package io.squall.trident.operation;

/** Base class for {@link Function}s. */
public abstract class BaseFunction extends BaseOperation implements Function {
}
