package io.squall.redis.trident.state;

import io.squall.redis.common.mapper.RedisDataTypeDescription;
import io.squall.redis.common.mapper.RedisDataTypeDescription.RedisDataType;
import io.squall.redis.common.mapper.RedisStoreMapper;
import io.squall.trident.operation.TridentCollector;
import io.squall.trident.state.BaseStateUpdater;
import io.squall.trident.tuple.TridentTuple;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.params.SetParams;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes each tuple of a batch into a {@link RedisState}: the store mapper's value under its key (STRING) or as the
 * key's field of the mapper's hash (HASH), one round trip per batch; of several tuples with one key, the last one's
 * value stays. {@link #withExpire} makes the written keys (or the hash) expire.
 */
public class RedisStateUpdater extends BaseStateUpdater<RedisState> {
    private static final long serialVersionUID = 1L;

    private final RedisStoreMapper storeMapper;
    private final RedisDataTypeDescription type;
    private int expireIntervalSec;

    /**
     * @throws IllegalArgumentException when the mapper's data type is not STRING or HASH
     */
    public RedisStateUpdater(RedisStoreMapper storeMapper) {
        this.storeMapper = storeMapper;
        this.type = storeMapper.getDataTypeDescription();
        if (type.getDataType() != RedisDataType.STRING && type.getDataType() != RedisDataType.HASH) {
            throw new IllegalArgumentException("RedisStateUpdater writes STRING keys or a HASH, not "
                    + type.getDataType() + " (store mapper " + storeMapper.getClass().getName() + ")");
        }
    }

    /**
     * Makes what a batch writes expire after {@code expireIntervalSec} seconds (each STRING key, or the whole hash);
     * 0, the default, for never.
     */
    public RedisStateUpdater withExpire(int expireIntervalSec) {
        if (expireIntervalSec < 0) {
            throw new IllegalArgumentException("RedisStateUpdater.withExpire needs 0 or more seconds, got "
                    + expireIntervalSec);
        }
        this.expireIntervalSec = expireIntervalSec;
        return this;
    }

    @Override
    public void updateState(RedisState state, List<TridentTuple> tuples, TridentCollector collector) {
        Map<String, String> values = new LinkedHashMap<>();
        for (TridentTuple t : tuples) {
            values.put(storeMapper.getKeyFromTuple(t), storeMapper.getValueFromTuple(t));
        }
        if (values.isEmpty()) {
            return;
        }
        Jedis jedis = state.getJedis();
        try (Pipeline p = jedis.pipelined()) {
            if (type.getDataType() == RedisDataType.HASH) {
                p.hset(type.getAdditionalKey(), values);
                if (expireIntervalSec > 0) {
                    p.expire(type.getAdditionalKey(), expireIntervalSec);
                }
            } else {
                values.forEach((k, v) -> {
                    if (expireIntervalSec > 0) {
                        p.set(k, v, SetParams.setParams().ex(expireIntervalSec));
                    } else {
                        p.set(k, v);
                    }
                });
            }
            p.sync();
        } finally {
            state.returnJedis(jedis);
        }
    }
}
