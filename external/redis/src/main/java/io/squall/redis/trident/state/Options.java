package io.squall.redis.trident.state;

import io.squall.redis.common.mapper.RedisDataTypeDescription;
import io.squall.trident.state.Serializer;

import java.io.Serializable;

/** How a {@link RedisMapState} stores its values; every field may be left at its default. */
public class Options<T> implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Keys each partition keeps in an LRU cache in front of Redis; 0 for none. */
    public int localCacheSize = 1000;
    /** The Redis key (or hash field) of an ungrouped aggregation's single value. */
    public String globalKey = "$REDIS-MAP-STATE-GLOBAL";
    /** Makes the Redis key of a grouped key; null for {@link KeyFactory.DefaultKeyFactory}. */
    public KeyFactory keyFactory;
    /** Turns values into bytes and back; null for the JSON serializer of the state's kind. */
    public Serializer<T> serializer;
    /** STRING (one Redis key per key; the default when null) or HASH (fields of one Redis hash). */
    public RedisDataTypeDescription dataTypeDescription;
    /** Seconds until a written key (or, for HASH, the whole hash) expires; 0 for never. */
    public int expireIntervalSec;
}
