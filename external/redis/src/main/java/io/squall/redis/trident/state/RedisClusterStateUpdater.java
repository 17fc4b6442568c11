package io.squall.redis.trident.state;

import io.squall.redis.common.mapper.RedisDataTypeDescription;
import io.squall.redis.common.mapper.RedisStoreMapper;
import io.squall.trident.operation.TridentCollector;
import io.squall.trident.state.BaseStateUpdater;
import io.squall.trident.tuple.TridentTuple;
import redis.clients.jedis.AbstractPipeline;

import java.util.List;
import java.util.Map;

/**
 * Writes each tuple of a batch into a {@link RedisClusterState}: the store mapper's value under its key (STRING, on
 * whichever node serves it) or as the key's field of the mapper's hash (HASH), one round trip per node and batch; of
 * several tuples with one key, the last one's value stays. {@link #withExpire} makes the written keys (or the hash)
 * expire.
 */
public class RedisClusterStateUpdater extends BaseStateUpdater<RedisClusterState> {
    private static final long serialVersionUID = 1L;

    private final RedisStoreMapper storeMapper;
    private final RedisDataTypeDescription type;
    private int expireIntervalSec;

    /**
     * @throws IllegalArgumentException when the mapper's data type is not STRING or HASH
     */
    public RedisClusterStateUpdater(RedisStoreMapper storeMapper) {
        this.storeMapper = storeMapper;
        this.type = BatchCommands.stringOrHash(storeMapper, "RedisClusterStateUpdater");
    }

    /**
     * Makes what a batch writes expire after {@code expireIntervalSec} seconds (each STRING key, or the whole hash);
     * 0, the default, for never.
     */
    public RedisClusterStateUpdater withExpire(int expireIntervalSec) {
        this.expireIntervalSec = BatchCommands.expiry(expireIntervalSec, "RedisClusterStateUpdater");
        return this;
    }

    @Override
    @SuppressWarnings("deprecation")
    public void updateState(RedisClusterState state, List<TridentTuple> tuples, TridentCollector collector) {
        Map<String, String> values = BatchCommands.values(storeMapper, tuples);
        if (values.isEmpty()) {
            return;
        }
        try (AbstractPipeline p = state.getJedisCluster().pipelined()) {
            BatchCommands.queueWrites(p, type, values, expireIntervalSec);
            p.sync();
        }
    }
}
