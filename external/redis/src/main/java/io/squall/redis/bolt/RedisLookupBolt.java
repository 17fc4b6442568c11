package io.squall.redis.bolt;

import io.squall.redis.common.config.JedisClusterConfig;
import io.squall.redis.common.config.JedisPoolConfig;
import io.squall.redis.common.mapper.RedisDataTypeDescription;
import io.squall.redis.common.mapper.RedisDataTypeDescription.RedisDataType;
import io.squall.redis.common.mapper.RedisLookupMapper;
import io.squall.topology.OutputFieldsDeclarer;
import io.squall.tuple.Tuple;
import io.squall.tuple.Values;

import java.util.EnumSet;
import java.util.List;

/**
 * Reads the value for each tuple's key from Redis and emits what the mapper makes of it, anchored to the input,
 * then acks the input, as Storm's storm-redis {@code RedisLookupBolt}. By data type: STRING {@code GET key}
 * (a String); LIST {@code LPOP key} (a String); HASH {@code HGET additionalKey key} (a String); SET
 * {@code SCARD key} (a Long); SORTED_SET {@code ZSCORE additionalKey key} (a Double); HYPER_LOG_LOG
 * {@code PFCOUNT key} (a Long); GEO {@code GEOPOS additionalKey key} (a list of {@code GeoCoordinate}). The value
 * is null when there is none. A tuple whose lookup fails is failed, and so replayed.
 */
public class RedisLookupBolt extends AbstractRedisBolt {
    private static final long serialVersionUID = 1L;

    private final RedisLookupMapper lookupMapper;
    private final RedisDataTypeDescription type;

    /**
     * @throws IllegalArgumentException if the mapper has no data type
     */
    public RedisLookupBolt(JedisPoolConfig config, RedisLookupMapper lookupMapper) {
        super(config);
        this.lookupMapper = lookupMapper;
        this.type = checkedType(lookupMapper);
    }

    /**
     * A bolt that reads from a Redis Cluster: each command goes to the node that serves its key.
     *
     * @throws IllegalArgumentException if the mapper has no data type
     */
    public RedisLookupBolt(JedisClusterConfig config, RedisLookupMapper lookupMapper) {
        super(config);
        this.lookupMapper = lookupMapper;
        this.type = checkedType(lookupMapper);
    }

    private static RedisDataTypeDescription checkedType(RedisLookupMapper mapper) {
        RedisDataTypeDescription type = mapper.getDataTypeDescription();
        requireSupported(type, EnumSet.allOf(RedisDataType.class), "RedisLookupBolt");
        return type;
    }

    @Override
    protected void process(Tuple input) {
        processSafely(input, type, redis -> {
            String key = key(lookupMapper, input);
            String additionalKey = type.getAdditionalKey();
            Object value = switch (type.getDataType()) {
                case STRING -> redis.get(key);
                case LIST -> redis.lpop(key);
                case HASH -> redis.hget(additionalKey, key);
                case SET -> redis.scard(key);
                case SORTED_SET -> redis.zscore(additionalKey, key);
                case HYPER_LOG_LOG -> redis.pfcount(key);
                case GEO -> redis.geopos(additionalKey, key);
            };
            List<Values> out = lookupMapper.toTuple(input, value);
            if (out != null) {
                for (Values v : out) {
                    collector.emit(input, v);
                }
            }
        });
    }

    @Override
    public void declareOutputFields(OutputFieldsDeclarer declarer) {
        lookupMapper.declareOutputFields(declarer);
    }
}
