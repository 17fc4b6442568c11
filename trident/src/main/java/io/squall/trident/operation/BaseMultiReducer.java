package io.squall.trident.operation;

import java.util.Map;

/** A {@link MultiReducer} that needs no preparing or cleaning up. */
public abstract class BaseMultiReducer<T> implements MultiReducer<T> {
    private static final long serialVersionUID = 1L;

    @Override
    public void prepare(Map<String, Object> conf, TridentMultiReducerContext context) {
    }

    @Override
    public void cleanup() {
    }
}
