package io.squall.redis.trident.state;

import io.squall.redis.common.mapper.RedisDataTypeDescription;
import io.squall.redis.common.mapper.RedisDataTypeDescription.RedisDataType;
import io.squall.task.IMetricsContext;
import io.squall.trident.state.JSONNonTransactionalSerializer;
import io.squall.trident.state.JSONOpaqueSerializer;
import io.squall.trident.state.JSONTransactionalSerializer;
import io.squall.trident.state.Serializer;
import io.squall.trident.state.State;
import io.squall.trident.state.StateFactory;
import io.squall.trident.state.StateType;
import io.squall.trident.state.map.IBackingMap;
import io.squall.trident.state.map.MapStates;
import redis.clients.jedis.UnifiedJedis;

import java.util.Map;

/**
 * What the factories of {@link RedisMapState} and {@link RedisClusterMapState} share: the checks of the settings,
 * and a partition made of its own client, the state kind's map over a {@link RedisMapState} and the LRU cache.
 */
abstract class MapStateFactory implements StateFactory {
    private static final long serialVersionUID = 1L;

    private final StateType type;
    private final Options<Object> options;

    @SuppressWarnings("unchecked")
    MapStateFactory(String state, Object config, StateType type, Options<?> options) {
        if (config == null || type == null || options == null) {
            throw new IllegalArgumentException(state + ".Factory needs a Redis config, a StateType and Options, got "
                    + config + ", " + type + ", " + options);
        }
        RedisDataTypeDescription d = options.dataTypeDescription;
        if (d != null && d.getDataType() != RedisDataType.STRING && d.getDataType() != RedisDataType.HASH) {
            throw new IllegalArgumentException(state + " keeps its values as STRING keys or in a HASH, not "
                    + d.getDataType() + ": give RedisDataTypeDescription(STRING) or (HASH, the hash's key)");
        }
        if (options.localCacheSize < 0 || options.expireIntervalSec < 0) {
            throw new IllegalArgumentException(state + "'s Options need a localCacheSize and an expireIntervalSec "
                    + "of 0 or more, got " + options.localCacheSize + " and " + options.expireIntervalSec);
        }
        this.type = type;
        this.options = (Options<Object>) options;
    }

    /** A new client for one partition; called at the partition's first batch, and again after it threw. */
    abstract UnifiedJedis connect();

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public State makeState(Map<String, Object> conf, IMetricsContext metrics, int partitionIndex, int numPartitions) {
        Options<Object> o = copy(options);
        if (o.serializer == null) {
            o.serializer = (Serializer) switch (type) {
                case NON_TRANSACTIONAL -> new JSONNonTransactionalSerializer();
                case TRANSACTIONAL -> new JSONTransactionalSerializer();
                case OPAQUE -> new JSONOpaqueSerializer();
            };
        }
        IBackingMap backing = RedisMapState.backing(this::connect, o);
        return MapStates.build(type, backing, o.localCacheSize);
    }

    @Override
    public StateType getStateType() {
        return type;
    }

    private static Options<Object> copy(Options<Object> from) {
        Options<Object> o = new Options<>();
        o.localCacheSize = from.localCacheSize;
        o.globalKey = from.globalKey;
        o.keyFactory = from.keyFactory;
        o.serializer = from.serializer;
        o.dataTypeDescription = from.dataTypeDescription;
        o.expireIntervalSec = from.expireIntervalSec;
        return o;
    }
}
