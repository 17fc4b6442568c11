package io.squall.trident.operation;

/** Base class for {@link Filter}s. */
public abstract class BaseFilter extends BaseOperation implements Filter {
}
