package io.squall.trident.testing;

import io.squall.trident.operation.BaseFilter;
import io.squall.trident.tuple.TridentTuple;

/** Keeps every tuple. */
public class TrueFilter extends BaseFilter {
    private static final long serialVersionUID = 1L;

    @Override
    public boolean isKeep(TridentTuple tuple) {
        return true;
    }
}
