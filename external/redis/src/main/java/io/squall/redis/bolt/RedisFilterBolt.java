package io.squall.redis.bolt;

import io.squall.redis.common.config.JedisClusterConfig;
import io.squall.redis.common.config.JedisPoolConfig;
import io.squall.redis.common.mapper.RedisDataTypeDescription;
import io.squall.redis.common.mapper.RedisDataTypeDescription.RedisDataType;
import io.squall.redis.common.mapper.RedisFilterMapper;
import io.squall.topology.OutputFieldsDeclarer;
import io.squall.tuple.Tuple;
import redis.clients.jedis.GeoCoordinate;

import java.util.EnumSet;
import java.util.List;
import java.util.Objects;

/**
 * Forwards each input tuple, unchanged and anchored, whose key exists in Redis, and drops the others (both are
 * acked), as Storm's storm-redis {@code RedisFilterBolt}. By data type: STRING {@code EXISTS key} (any type of
 * key); HASH {@code HEXISTS additionalKey key}; SET {@code SISMEMBER additionalKey key}; SORTED_SET
 * {@code ZRANK additionalKey key}; GEO {@code GEOPOS additionalKey key}; HYPER_LOG_LOG {@code PFCOUNT key} above
 * zero (a HyperLogLog cannot tell whether it holds one element). LIST is not supported. A tuple whose check fails
 * is failed, and so replayed.
 */
public class RedisFilterBolt extends AbstractRedisBolt {
    private static final long serialVersionUID = 1L;

    private final RedisFilterMapper filterMapper;
    private final RedisDataTypeDescription type;

    /**
     * @throws IllegalArgumentException if the data type is LIST, or SET without an additional key
     */
    public RedisFilterBolt(JedisPoolConfig config, RedisFilterMapper filterMapper) {
        super(config);
        this.filterMapper = filterMapper;
        this.type = checkedType(filterMapper);
    }

    /**
     * A bolt that checks keys in a Redis Cluster: each command goes to the node that serves its key.
     *
     * @throws IllegalArgumentException if the data type is LIST, or SET without an additional key
     */
    public RedisFilterBolt(JedisClusterConfig config, RedisFilterMapper filterMapper) {
        super(config);
        this.filterMapper = filterMapper;
        this.type = checkedType(filterMapper);
    }

    private static RedisDataTypeDescription checkedType(RedisFilterMapper mapper) {
        RedisDataTypeDescription type = mapper.getDataTypeDescription();
        requireSupported(type, EnumSet.complementOf(EnumSet.of(RedisDataType.LIST)), "RedisFilterBolt");
        if (type.getDataType() == RedisDataType.SET && type.getAdditionalKey() == null) {
            throw new IllegalArgumentException("RedisFilterBolt with SET needs an additional key: the Redis key of "
                    + "the set whose members the tuples' keys name");
        }
        return type;
    }

    @Override
    protected void process(Tuple input) {
        processSafely(input, type, redis -> {
            String key = key(filterMapper, input);
            String additionalKey = type.getAdditionalKey();
            boolean found = switch (type.getDataType()) {
                case STRING -> redis.exists(key);
                case HASH -> redis.hexists(additionalKey, key);
                case SET -> redis.sismember(additionalKey, key);
                case SORTED_SET -> redis.zrank(additionalKey, key) != null;
                case HYPER_LOG_LOG -> redis.pfcount(key) > 0;
                case GEO -> {
                    List<GeoCoordinate> pos = redis.geopos(additionalKey, key);
                    yield pos != null && pos.stream().anyMatch(Objects::nonNull);
                }
                case LIST -> throw new IllegalStateException("LIST is refused by the constructor");
            };
            if (found) {
                collector.emit(input, input.getValues());
            }
        });
    }

    @Override
    public void declareOutputFields(OutputFieldsDeclarer declarer) {
        filterMapper.declareOutputFields(declarer);
    }
}
