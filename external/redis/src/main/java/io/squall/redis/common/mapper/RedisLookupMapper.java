package io.squall.redis.common.mapper;

import io.squall.topology.OutputFieldsDeclarer;
import io.squall.tuple.ITuple;
import io.squall.tuple.Values;

import java.util.List;

/** What {@link io.squall.redis.bolt.RedisLookupBolt} reads for a tuple and what it emits from the answer. */
public interface RedisLookupMapper extends TupleMapper, RedisMapper {
    /**
     * The tuples to emit, anchored to {@code input}, for the value Redis returned (null when there is none;
     * its type depends on the data type: a String, a Long count, a Double score, a list of coordinates).
     */
    List<Values> toTuple(ITuple input, Object value);

    /** Declares the fields of the tuples {@link #toTuple} makes. */
    void declareOutputFields(OutputFieldsDeclarer declarer);
}
