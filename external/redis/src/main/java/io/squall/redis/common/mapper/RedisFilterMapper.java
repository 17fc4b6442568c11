package io.squall.redis.common.mapper;

import io.squall.topology.OutputFieldsDeclarer;

/**
 * What {@link io.squall.redis.bolt.RedisFilterBolt} looks for in Redis. The bolt forwards each input tuple
 * whose key exists, unchanged, so declare the input's fields.
 */
public interface RedisFilterMapper extends TupleMapper, RedisMapper {
    void declareOutputFields(OutputFieldsDeclarer declarer);
}
