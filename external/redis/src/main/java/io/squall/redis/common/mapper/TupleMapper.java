package io.squall.redis.common.mapper;

import io.squall.tuple.ITuple;

import java.io.Serializable;

/** Picks a Redis key and value out of a tuple, as Storm's storm-redis {@code TupleMapper}. */
public interface TupleMapper extends Serializable {
    /** The key (or, for the data types with an additional key, the field or member) for {@code tuple}. */
    String getKeyFromTuple(ITuple tuple);

    /** The value to store for {@code tuple}; a lookup or filter mapper may return null. */
    String getValueFromTuple(ITuple tuple);
}
