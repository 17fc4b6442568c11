package io.squall.trident.tuple;

import io.squall.tuple.ITuple;

import java.util.List;

/**
 * One tuple of a Trident batch: values with named fields, readable as a list. Operations receive only the fields
 * they asked for, in the order they asked for them.
 */
public interface TridentTuple extends ITuple, List<Object> {
    /** Number of values. */
    @Override
    int size();
}
