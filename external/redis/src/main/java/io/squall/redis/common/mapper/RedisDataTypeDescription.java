package io.squall.redis.common.mapper;

import java.io.Serializable;

/**
 * A Redis data type and, for the types that hold many entries under one Redis key, that key (the
 * "additional key"; the tuple's key then names the field or member), as Storm's storm-redis.
 */
public final class RedisDataTypeDescription implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The data types the Redis bolts support. */
    public enum RedisDataType {
        STRING, HASH, LIST, SET, SORTED_SET, HYPER_LOG_LOG, GEO
    }

    private final RedisDataType dataType;
    private final String additionalKey;

    /** A data type that needs no additional key (STRING, LIST, SET, HYPER_LOG_LOG). */
    public RedisDataTypeDescription(RedisDataType dataType) {
        this(dataType, null);
    }

    /**
     * @throws IllegalArgumentException if HASH, SORTED_SET or GEO comes without an additional key
     */
    public RedisDataTypeDescription(RedisDataType dataType, String additionalKey) {
        if (dataType == null) {
            throw new IllegalArgumentException("Redis data type is null: give one of "
                    + java.util.Arrays.toString(RedisDataType.values()));
        }
        if (additionalKey == null && (dataType == RedisDataType.HASH || dataType == RedisDataType.SORTED_SET
                || dataType == RedisDataType.GEO)) {
            throw new IllegalArgumentException(dataType + " needs an additional key: the Redis key of the "
                    + dataType.name().toLowerCase(java.util.Locale.ROOT) + " whose fields the tuples' keys name");
        }
        this.dataType = dataType;
        this.additionalKey = additionalKey;
    }

    public RedisDataType getDataType() {
        return dataType;
    }

    /** The Redis key of the hash, sorted set, set or geo set, or null. */
    public String getAdditionalKey() {
        return additionalKey;
    }

    @Override
    public String toString() {
        return additionalKey == null ? dataType.toString() : dataType + " " + additionalKey;
    }
}
