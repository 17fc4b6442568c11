package io.squall.trident.operation.builtin;

import io.squall.trident.operation.Filter;
import io.squall.trident.operation.TridentOperationContext;
import io.squall.trident.tuple.TridentTuple;

import java.util.Map;

/** Keeps the tuples another filter drops. */
public class Negate implements Filter {
    private static final long serialVersionUID = 1L;

    private final Filter delegate;

    /** The opposite of {@code delegate}. */
    public Negate(Filter delegate) {
        this.delegate = delegate;
    }

    @Override
    public boolean isKeep(TridentTuple tuple) {
        return !delegate.isKeep(tuple);
    }

    @Override
    public void prepare(Map<String, Object> conf, TridentOperationContext context) {
        delegate.prepare(conf, context);
    }

    @Override
    public void cleanup() {
        delegate.cleanup();
    }
}
