package io.squall.redis.common.mapper;

/** What {@link io.squall.redis.bolt.RedisStoreBolt} writes for a tuple: key, value and data type. */
public interface RedisStoreMapper extends TupleMapper, RedisMapper {
}
