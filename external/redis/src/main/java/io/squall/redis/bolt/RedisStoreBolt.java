package io.squall.redis.bolt;

import io.squall.redis.common.config.JedisClusterConfig;
import io.squall.redis.common.config.JedisPoolConfig;
import io.squall.redis.common.mapper.RedisDataTypeDescription;
import io.squall.redis.common.mapper.RedisDataTypeDescription.RedisDataType;
import io.squall.redis.common.mapper.RedisStoreMapper;
import io.squall.topology.OutputFieldsDeclarer;
import io.squall.tuple.Tuple;

import java.util.EnumSet;

/**
 * Writes each tuple's key and value to Redis, then acks it, as Storm's storm-redis {@code RedisStoreBolt}. By
 * data type: STRING {@code SET key value}; LIST {@code RPUSH key value}; HASH {@code HSET additionalKey key value};
 * SET {@code SADD key value}; SORTED_SET {@code ZADD additionalKey value key} (the value is the score);
 * HYPER_LOG_LOG {@code PFADD key value}; GEO {@code GEOADD additionalKey longitude latitude key} (the value is
 * {@code longitude:latitude}). A tuple whose write fails is failed, and so replayed. Emits nothing.
 */
public class RedisStoreBolt extends AbstractRedisBolt {
    private static final long serialVersionUID = 1L;

    private final RedisStoreMapper storeMapper;
    private final RedisDataTypeDescription type;

    /**
     * @throws IllegalArgumentException if the mapper has no data type
     */
    public RedisStoreBolt(JedisPoolConfig config, RedisStoreMapper storeMapper) {
        super(config);
        this.storeMapper = storeMapper;
        this.type = checkedType(storeMapper);
    }

    /**
     * A bolt that writes to a Redis Cluster: each command goes to the node that serves its key (for HASH,
     * SORTED_SET and GEO, the additional key).
     *
     * @throws IllegalArgumentException if the mapper has no data type
     */
    public RedisStoreBolt(JedisClusterConfig config, RedisStoreMapper storeMapper) {
        super(config);
        this.storeMapper = storeMapper;
        this.type = checkedType(storeMapper);
    }

    private static RedisDataTypeDescription checkedType(RedisStoreMapper mapper) {
        RedisDataTypeDescription type = mapper.getDataTypeDescription();
        requireSupported(type, EnumSet.allOf(RedisDataType.class), "RedisStoreBolt");
        return type;
    }

    @Override
    protected void process(Tuple input) {
        processSafely(input, type, redis -> {
            String key = key(storeMapper, input);
            String value = storeMapper.getValueFromTuple(input);
            if (value == null) {
                throw new IllegalArgumentException(storeMapper.getClass().getName()
                        + ".getValueFromTuple returned null for " + input.getValues() + ": nothing to store");
            }
            String additionalKey = type.getAdditionalKey();
            switch (type.getDataType()) {
                case STRING -> redis.set(key, value);
                case LIST -> redis.rpush(key, value);
                case HASH -> redis.hset(additionalKey, key, value);
                case SET -> redis.sadd(key, value);
                case SORTED_SET -> redis.zadd(additionalKey, number(value, "score"), key);
                case HYPER_LOG_LOG -> redis.pfadd(key, value);
                case GEO -> {
                    String[] lonLat = value.split(":");
                    if (lonLat.length != 2) {
                        throw new IllegalArgumentException("GEO value \"" + value + "\" for member " + key
                                + " is not longitude:latitude");
                    }
                    redis.geoadd(additionalKey, number(lonLat[0], "longitude"), number(lonLat[1], "latitude"), key);
                }
                default -> throw new IllegalStateException("unhandled data type " + type.getDataType());
            }
        });
    }

    private static double number(String s, String what) {
        try {
            return Double.parseDouble(s.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("The " + what + " \"" + s + "\" is not a number", e);
        }
    }

    @Override
    public void declareOutputFields(OutputFieldsDeclarer declarer) {
    }
}
