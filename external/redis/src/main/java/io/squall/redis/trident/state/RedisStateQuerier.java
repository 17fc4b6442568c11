package io.squall.redis.trident.state;

import io.squall.redis.common.mapper.RedisDataTypeDescription;
import io.squall.redis.common.mapper.RedisDataTypeDescription.RedisDataType;
import io.squall.redis.common.mapper.RedisLookupMapper;
import io.squall.trident.operation.TridentCollector;
import io.squall.trident.state.BaseQueryFunction;
import io.squall.trident.tuple.TridentTuple;
import io.squall.tuple.Values;
import redis.clients.jedis.Jedis;

import java.util.List;

/**
 * Reads, for each tuple of a batch, the value of the lookup mapper's key from a {@link RedisState} (a STRING key,
 * or the key's field of the mapper's hash; one round trip per batch) and emits the tuples the mapper makes of it
 * ({@code stateQuery}); a missing key is given to the mapper as null.
 */
public class RedisStateQuerier extends BaseQueryFunction<RedisState, List<Values>> {
    private static final long serialVersionUID = 1L;

    private final RedisLookupMapper lookupMapper;
    private final RedisDataTypeDescription type;

    /**
     * @throws IllegalArgumentException when the mapper's data type is not STRING or HASH
     */
    public RedisStateQuerier(RedisLookupMapper lookupMapper) {
        this.lookupMapper = lookupMapper;
        this.type = BatchCommands.stringOrHash(lookupMapper, "RedisStateQuerier");
    }

    @Override
    public List<List<Values>> batchRetrieve(RedisState state, List<TridentTuple> args) {
        if (args.isEmpty()) {
            return List.of();
        }
        String[] keys = BatchCommands.keys(lookupMapper, args);
        Jedis jedis = state.getJedis();
        List<String> values;
        try {
            values = type.getDataType() == RedisDataType.HASH
                    ? jedis.hmget(type.getAdditionalKey(), keys) : jedis.mget(keys);
        } finally {
            state.returnJedis(jedis);
        }
        return BatchCommands.results(lookupMapper, args, values);
    }

    @Override
    public void execute(TridentTuple tuple, List<Values> result, TridentCollector collector) {
        for (Values v : result) {
            collector.emit(v);
        }
    }
}
