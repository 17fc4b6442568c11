package io.squall.trident.operation.builtin;

import io.squall.trident.operation.BaseFilter;
import io.squall.trident.tuple.TridentTuple;

import java.util.Objects;

/** Keeps the tuples whose input fields are all equal (by {@code equals}; two nulls are equal). */
public class Equals extends BaseFilter {
    private static final long serialVersionUID = 1L;

    @Override
    public boolean isKeep(TridentTuple tuple) {
        for (int i = 1; i < tuple.size(); i++) {
            if (!Objects.equals(tuple.get(0), tuple.get(i))) {
                return false;
            }
        }
        return true;
    }
}
