package io.squall.redis.common.mapper;

import java.io.Serializable;

/** Says which Redis data type a bolt works on, as Storm's storm-redis {@code RedisMapper}. */
public interface RedisMapper extends Serializable {
    RedisDataTypeDescription getDataTypeDescription();
}
