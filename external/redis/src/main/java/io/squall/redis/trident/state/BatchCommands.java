package io.squall.redis.trident.state;

import io.squall.redis.common.mapper.RedisDataTypeDescription;
import io.squall.redis.common.mapper.RedisDataTypeDescription.RedisDataType;
import io.squall.redis.common.mapper.RedisLookupMapper;
import io.squall.redis.common.mapper.RedisMapper;
import io.squall.redis.common.mapper.RedisStoreMapper;
import io.squall.trident.tuple.TridentTuple;
import io.squall.tuple.Values;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.params.SetParams;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Redis commands of the updaters and queriers of {@link RedisState} and {@link RedisClusterState}: a batch's
 * writes or reads queued on one pipeline, which a cluster's pipeline sends to each node in one round trip.
 */
final class BatchCommands {
    private BatchCommands() {
    }

    /** The mapper's data type, which must be STRING or HASH; otherwise says which class refuses it. */
    static RedisDataTypeDescription stringOrHash(RedisMapper mapper, String user) {
        RedisDataTypeDescription type = mapper.getDataTypeDescription();
        if (type == null || type.getDataType() != RedisDataType.STRING && type.getDataType() != RedisDataType.HASH) {
            throw new IllegalArgumentException(user + " uses STRING keys or a HASH, not "
                    + (type == null ? "null" : type.getDataType()) + " (mapper " + mapper.getClass().getName() + ")");
        }
        return type;
    }

    /** Checks an expiry given to {@code withExpire}. */
    static int expiry(int seconds, String user) {
        if (seconds < 0) {
            throw new IllegalArgumentException(user + ".withExpire needs 0 or more seconds, got " + seconds);
        }
        return seconds;
    }

    /** Each tuple's key and value, as the mapper makes them; of several tuples with one key, the last one's value. */
    static Map<String, String> values(RedisStoreMapper mapper, List<TridentTuple> tuples) {
        Map<String, String> values = new LinkedHashMap<>();
        for (TridentTuple t : tuples) {
            values.put(mapper.getKeyFromTuple(t), mapper.getValueFromTuple(t));
        }
        return values;
    }

    /**
     * Queues the writes of {@code values}: each under its key (STRING) or as the key's field of the hash (HASH),
     * expiring after {@code expireSec} seconds (the keys, or the whole hash) unless it is 0.
     */
    static void queueWrites(AbstractPipeline p, RedisDataTypeDescription type, Map<String, String> values,
                            int expireSec) {
        if (type.getDataType() == RedisDataType.HASH) {
            p.hset(type.getAdditionalKey(), values);
            if (expireSec > 0) {
                p.expire(type.getAdditionalKey(), expireSec);
            }
        } else {
            values.forEach((k, v) -> {
                if (expireSec > 0) {
                    p.set(k, v, SetParams.setParams().ex(expireSec));
                } else {
                    p.set(k, v);
                }
            });
        }
    }

    /** The key the lookup mapper picks from each tuple. */
    static String[] keys(RedisLookupMapper mapper, List<TridentTuple> tuples) {
        String[] keys = new String[tuples.size()];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = mapper.getKeyFromTuple(tuples.get(i));
        }
        return keys;
    }

    /** For each tuple, the tuples the lookup mapper makes of it and the value read for its key. */
    static List<List<Values>> results(RedisLookupMapper mapper, List<TridentTuple> tuples, List<String> values) {
        List<List<Values>> out = new ArrayList<>(tuples.size());
        for (int i = 0; i < tuples.size(); i++) {
            out.add(mapper.toTuple(tuples.get(i), values.get(i)));
        }
        return out;
    }

    /** Reads the value of each key (STRING) or of its field of the hash (HASH); null where there is none. */
    static List<String> read(AbstractPipeline p, RedisDataTypeDescription type, String[] keys) {
        if (type.getDataType() == RedisDataType.HASH) {
            Response<List<String>> values = p.hmget(type.getAdditionalKey(), keys);
            p.sync();
            return values.get();
        }
        List<Response<String>> responses = new ArrayList<>(keys.length);
        for (String k : keys) {
            responses.add(p.get(k));
        }
        p.sync();
        List<String> values = new ArrayList<>(keys.length);
        responses.forEach(r -> values.add(r.get()));
        return values;
    }
}
