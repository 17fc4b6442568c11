package io.squall.redis.trident.state;

import io.squall.redis.common.RedisClients;
import io.squall.redis.common.config.JedisPoolConfig;
import io.squall.redis.common.mapper.RedisDataTypeDescription;
import io.squall.redis.common.mapper.RedisDataTypeDescription.RedisDataType;
import io.squall.trident.state.StateFactory;
import io.squall.trident.state.StateType;
import io.squall.trident.state.map.IBackingMap;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.SetParams;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A Trident map state in Redis, as storm-redis's: each key's value under its own Redis key (STRING, the default) or
 * as a field of one Redis hash (HASH), serialized by the state kind's JSON serializer unless {@link Options} give
 * another. What a batch commits survives the topology, and any worker finds it. Make one with the factories,
 * {@code RedisMapState.transactional(poolConfig)} and the like. A Redis that does not answer fails the batch, which
 * Trident replays until it answers: nothing is lost, and with a transactional or opaque state nothing counts twice.
 *
 * @param <T> what is stored for a key: the user's value, or its transactional or opaque wrapper
 */
public final class RedisMapState<T> implements IBackingMap<T>, AutoCloseable {
    /** Connects a client; it may throw (a cluster none of whose nodes answers), and is called again at next use. */
    private final Supplier<UnifiedJedis> connect;
    private UnifiedJedis redis;
    private final Options<T> options;
    private final RedisDataTypeDescription type;
    private final KeyFactory keyFactory;

    private RedisMapState(Supplier<UnifiedJedis> connect, Options<T> options) {
        this.connect = connect;
        this.options = options;
        this.type = options.dataTypeDescription != null ? options.dataTypeDescription
                : new RedisDataTypeDescription(RedisDataType.STRING);
        this.keyFactory = options.keyFactory != null ? options.keyFactory : new KeyFactory.DefaultKeyFactory();
    }

    /** An opaque map state; values under their own STRING keys. */
    public static StateFactory opaque(JedisPoolConfig config) {
        return opaque(config, new Options<>());
    }

    /** An opaque map state in the given data type (STRING, or HASH with the hash's key). */
    public static StateFactory opaque(JedisPoolConfig config, RedisDataTypeDescription dataTypeDescription) {
        return opaque(config, options(dataTypeDescription, null));
    }

    /** An opaque map state whose Redis keys {@code factory} makes. */
    public static StateFactory opaque(JedisPoolConfig config, KeyFactory factory) {
        return opaque(config, options(null, factory));
    }

    /** An opaque map state in the given data type, whose Redis keys {@code factory} makes. */
    public static StateFactory opaque(JedisPoolConfig config, RedisDataTypeDescription dataTypeDescription,
                                      KeyFactory factory) {
        return opaque(config, options(dataTypeDescription, factory));
    }

    /** An opaque map state stored as {@code options} say. */
    public static StateFactory opaque(JedisPoolConfig config, Options<?> options) {
        return new Factory(config, StateType.OPAQUE, options);
    }

    /** A transactional map state; values under their own STRING keys. */
    public static StateFactory transactional(JedisPoolConfig config) {
        return transactional(config, new Options<>());
    }

    /** A transactional map state in the given data type (STRING, or HASH with the hash's key). */
    public static StateFactory transactional(JedisPoolConfig config, RedisDataTypeDescription dataTypeDescription) {
        return transactional(config, options(dataTypeDescription, null));
    }

    /** A transactional map state whose Redis keys {@code factory} makes. */
    public static StateFactory transactional(JedisPoolConfig config, KeyFactory factory) {
        return transactional(config, options(null, factory));
    }

    /** A transactional map state in the given data type, whose Redis keys {@code factory} makes. */
    public static StateFactory transactional(JedisPoolConfig config, RedisDataTypeDescription dataTypeDescription,
                                             KeyFactory factory) {
        return transactional(config, options(dataTypeDescription, factory));
    }

    /** A transactional map state stored as {@code options} say. */
    public static StateFactory transactional(JedisPoolConfig config, Options<?> options) {
        return new Factory(config, StateType.TRANSACTIONAL, options);
    }

    /** A non-transactional map state; values under their own STRING keys. */
    public static StateFactory nonTransactional(JedisPoolConfig config) {
        return nonTransactional(config, new Options<>());
    }

    /** A non-transactional map state in the given data type (STRING, or HASH with the hash's key). */
    public static StateFactory nonTransactional(JedisPoolConfig config,
                                                RedisDataTypeDescription dataTypeDescription) {
        return nonTransactional(config, options(dataTypeDescription, null));
    }

    /** A non-transactional map state whose Redis keys {@code factory} makes. */
    public static StateFactory nonTransactional(JedisPoolConfig config, KeyFactory factory) {
        return nonTransactional(config, options(null, factory));
    }

    /** A non-transactional map state in the given data type, whose Redis keys {@code factory} makes. */
    public static StateFactory nonTransactional(JedisPoolConfig config, RedisDataTypeDescription dataTypeDescription,
                                                KeyFactory factory) {
        return nonTransactional(config, options(dataTypeDescription, factory));
    }

    /** A non-transactional map state stored as {@code options} say. */
    public static StateFactory nonTransactional(JedisPoolConfig config, Options<?> options) {
        return new Factory(config, StateType.NON_TRANSACTIONAL, options);
    }

    static Options<Object> options(RedisDataTypeDescription type, KeyFactory factory) {
        Options<Object> o = new Options<>();
        o.dataTypeDescription = type;
        o.keyFactory = factory;
        return o;
    }

    /** Makes a task's partition of a Redis map state: its own client, the kind's map and the LRU cache. */
    public static class Factory extends MapStateFactory {
        private static final long serialVersionUID = 2L;

        private final JedisPoolConfig config;

        /**
         * @throws IllegalArgumentException when the data type is not STRING or HASH, or a setting is negative
         */
        public Factory(JedisPoolConfig config, StateType type, Options<?> options) {
            super("RedisMapState", config, type, options);
            this.config = config;
        }

        /** Opened without a check: a Redis that is down now fails the first batch, which Trident replays. */
        @Override
        UnifiedJedis connect() {
            return RedisClients.open(config);
        }
    }

    /** The backing map of a partition that talks to Redis through the client {@code connect} makes at first use. */
    static <T> RedisMapState<T> backing(Supplier<UnifiedJedis> connect, Options<T> options) {
        return new RedisMapState<>(connect, options);
    }

    private UnifiedJedis redis() {
        if (redis == null) {
            redis = connect.get();
        }
        return redis;
    }

    @Override
    public List<T> multiGet(List<List<Object>> keys) {
        if (keys.isEmpty()) {
            return new ArrayList<>(); // MGET and HMGET need a key.
        }
        byte[][] redisKeys = redisKeys(keys);
        List<byte[]> raw = type.getDataType() == RedisDataType.HASH
                ? redis().hmget(bytes(type.getAdditionalKey()), redisKeys)
                : redis().mget(redisKeys);
        List<T> values = new ArrayList<>(raw.size());
        for (byte[] b : raw) {
            values.add(b == null ? null : options.serializer.deserialize(b));
        }
        return values;
    }

    @Override
    public void multiPut(List<List<Object>> keys, List<T> vals) {
        if (keys.isEmpty()) {
            return;
        }
        byte[][] redisKeys = redisKeys(keys);
        UnifiedJedis client = redis();
        int ttl = options.expireIntervalSec;
        if (type.getDataType() == RedisDataType.HASH) {
            Map<byte[], byte[]> fields = new LinkedHashMap<>();
            for (int i = 0; i < redisKeys.length; i++) {
                fields.put(redisKeys[i], options.serializer.serialize(vals.get(i)));
            }
            byte[] hash = bytes(type.getAdditionalKey());
            client.hset(hash, fields);
            if (ttl > 0) {
                client.expire(hash, ttl);
            }
        } else if (ttl > 0) {
            for (int i = 0; i < redisKeys.length; i++) {
                client.set(redisKeys[i], options.serializer.serialize(vals.get(i)), SetParams.setParams().ex(ttl));
            }
        } else {
            byte[][] pairs = new byte[redisKeys.length * 2][];
            for (int i = 0; i < redisKeys.length; i++) {
                pairs[2 * i] = redisKeys[i];
                pairs[2 * i + 1] = options.serializer.serialize(vals.get(i));
            }
            client.mset(pairs);
        }
    }

    /** The Redis keys (or hash fields) of {@code keys}; the empty key of an ungrouped aggregation is the global key. */
    private byte[][] redisKeys(List<List<Object>> keys) {
        byte[][] out = new byte[keys.size()][];
        for (int i = 0; i < out.length; i++) {
            List<Object> k = keys.get(i);
            out[i] = bytes(k.isEmpty() ? options.globalKey : keyFactory.build(k));
        }
        return out;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        if (redis != null) {
            redis.close();
        }
    }
}
