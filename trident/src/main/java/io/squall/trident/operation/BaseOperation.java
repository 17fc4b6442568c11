package io.squall.trident.operation;

import java.util.Map;

/** An {@link Operation} with empty {@code prepare} and {@code cleanup}. */
public abstract class BaseOperation implements Operation {
    @Override
    public void prepare(Map<String, Object> conf, TridentOperationContext context) {
    }

    @Override
    public void cleanup() {
    }
}
