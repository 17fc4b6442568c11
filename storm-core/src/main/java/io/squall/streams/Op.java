package io.squall.streams;

import java.io.Serializable;

/**
 * One stateless step of a stream inside a bolt: takes a value and hands any number of values on. Ops run on the
 * bolt's executor thread, one value at a time.
 */
@FunctionalInterface
interface Op extends Serializable {
    /** Where an op hands its results. */
    @FunctionalInterface
    interface Downstream {
        void accept(Object value);
    }

    void apply(Object value, Downstream out);
}
