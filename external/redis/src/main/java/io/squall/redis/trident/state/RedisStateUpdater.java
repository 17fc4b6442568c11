package io.squall.redis.trident.state;

import io.squall.redis.common.mapper.RedisDataTypeDescription;
import io.squall.redis.common.mapper.RedisStoreMapper;
import io.squall.trident.operation.TridentCollector;
import io.squall.trident.state.BaseStateUpdater;
import io.squall.trident.tuple.TridentTuple;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;

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
        this.type = BatchCommands.stringOrHash(storeMapper, "RedisStateUpdater");
    }

    /**
     * Makes what a batch writes expire after {@code expireIntervalSec} seconds (each STRING key, or the whole hash);
     * 0, the default, for never.
     */
    public RedisStateUpdater withExpire(int expireIntervalSec) {
        this.expireIntervalSec = BatchCommands.expiry(expireIntervalSec, "RedisStateUpdater");
        return this;
    }

    @Override
    public void updateState(RedisState state, List<TridentTuple> tuples, TridentCollector collector) {
        Map<String, String> values = BatchCommands.values(storeMapper, tuples);
        if (values.isEmpty()) {
            return;
        }
        Jedis jedis = state.getJedis();
        try (Pipeline p = jedis.pipelined()) {
            BatchCommands.queueWrites(p, type, values, expireIntervalSec);
            p.sync();
        } finally {
            state.returnJedis(jedis);
        }
    }
}
