package io.squall.redis.trident.state;

import io.squall.redis.common.mapper.RedisDataTypeDescription;
import io.squall.redis.common.mapper.RedisLookupMapper;
import io.squall.trident.operation.TridentCollector;
import io.squall.trident.state.BaseQueryFunction;
import io.squall.trident.tuple.TridentTuple;
import io.squall.tuple.Values;
import redis.clients.jedis.AbstractPipeline;

import java.util.List;

/**
 * Reads, for each tuple of a batch, the value of the lookup mapper's key from a {@link RedisClusterState} (a STRING
 * key, on whichever node serves it, or the key's field of the mapper's hash; one round trip per node and batch) and
 * emits the tuples the mapper makes of it ({@code stateQuery}); a missing key is given to the mapper as null.
 */
public class RedisClusterStateQuerier extends BaseQueryFunction<RedisClusterState, List<Values>> {
    private static final long serialVersionUID = 1L;

    private final RedisLookupMapper lookupMapper;
    private final RedisDataTypeDescription type;

    /**
     * @throws IllegalArgumentException when the mapper's data type is not STRING or HASH
     */
    public RedisClusterStateQuerier(RedisLookupMapper lookupMapper) {
        this.lookupMapper = lookupMapper;
        this.type = BatchCommands.stringOrHash(lookupMapper, "RedisClusterStateQuerier");
    }

    @Override
    @SuppressWarnings("deprecation")
    public List<List<Values>> batchRetrieve(RedisClusterState state, List<TridentTuple> args) {
        if (args.isEmpty()) {
            return List.of();
        }
        List<String> values;
        try (AbstractPipeline p = state.getJedisCluster().pipelined()) {
            values = BatchCommands.read(p, type, BatchCommands.keys(lookupMapper, args));
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
