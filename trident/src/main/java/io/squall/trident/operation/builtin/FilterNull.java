package io.squall.trident.operation.builtin;

import io.squall.trident.operation.BaseFilter;
import io.squall.trident.tuple.TridentTuple;

/** Keeps the tuples none of whose input fields is null. */
public class FilterNull extends BaseFilter {
    private static final long serialVersionUID = 1L;

    @Override
    public boolean isKeep(TridentTuple tuple) {
        for (Object v : tuple) {
            if (v == null) {
                return false;
            }
        }
        return true;
    }
}
