package io.squall.redis.trident.state;

import io.squall.redis.common.RedisClients;
import io.squall.redis.common.config.JedisClusterConfig;
import io.squall.redis.common.mapper.RedisDataTypeDescription;
import io.squall.trident.state.StateFactory;
import io.squall.trident.state.StateType;
import redis.clients.jedis.UnifiedJedis;

import static io.squall.redis.trident.state.RedisMapState.options;

/**
 * A Trident map state in a Redis Cluster, as storm-redis's: as {@link RedisMapState}, each key's value under its own
 * Redis key (STRING, the default; the keys spread over the cluster's nodes, and a batch reads and writes each node's
 * keys in one round trip) or as a field of one Redis hash (HASH; the hash lives on the one node that serves its
 * slot). Make one with the factories, {@code RedisClusterMapState.transactional(clusterConfig)} and the like. A
 * cluster that does not answer, or that is failing over, fails the batch, which Trident replays: nothing is lost,
 * and with a transactional or opaque state nothing counts twice.
 */
public final class RedisClusterMapState {
    private RedisClusterMapState() {
    }

    /** An opaque map state; values under their own STRING keys. */
    public static StateFactory opaque(JedisClusterConfig config) {
        return opaque(config, new Options<>());
    }

    /** An opaque map state in the given data type (STRING, or HASH with the hash's key). */
    public static StateFactory opaque(JedisClusterConfig config, RedisDataTypeDescription dataTypeDescription) {
        return opaque(config, options(dataTypeDescription, null));
    }

    /** An opaque map state whose Redis keys {@code factory} makes. */
    public static StateFactory opaque(JedisClusterConfig config, KeyFactory factory) {
        return opaque(config, options(null, factory));
    }

    /** An opaque map state in the given data type, whose Redis keys {@code factory} makes. */
    public static StateFactory opaque(JedisClusterConfig config, RedisDataTypeDescription dataTypeDescription,
                                      KeyFactory factory) {
        return opaque(config, options(dataTypeDescription, factory));
    }

    /** An opaque map state stored as {@code options} say. */
    public static StateFactory opaque(JedisClusterConfig config, Options<?> options) {
        return new Factory(config, StateType.OPAQUE, options);
    }

    /** A transactional map state; values under their own STRING keys. */
    public static StateFactory transactional(JedisClusterConfig config) {
        return transactional(config, new Options<>());
    }

    /** A transactional map state in the given data type (STRING, or HASH with the hash's key). */
    public static StateFactory transactional(JedisClusterConfig config, RedisDataTypeDescription dataTypeDescription) {
        return transactional(config, options(dataTypeDescription, null));
    }

    /** A transactional map state whose Redis keys {@code factory} makes. */
    public static StateFactory transactional(JedisClusterConfig config, KeyFactory factory) {
        return transactional(config, options(null, factory));
    }

    /** A transactional map state in the given data type, whose Redis keys {@code factory} makes. */
    public static StateFactory transactional(JedisClusterConfig config, RedisDataTypeDescription dataTypeDescription,
                                             KeyFactory factory) {
        return transactional(config, options(dataTypeDescription, factory));
    }

    /** A transactional map state stored as {@code options} say. */
    public static StateFactory transactional(JedisClusterConfig config, Options<?> options) {
        return new Factory(config, StateType.TRANSACTIONAL, options);
    }

    /** A non-transactional map state; values under their own STRING keys. */
    public static StateFactory nonTransactional(JedisClusterConfig config) {
        return nonTransactional(config, new Options<>());
    }

    /** A non-transactional map state in the given data type (STRING, or HASH with the hash's key). */
    public static StateFactory nonTransactional(JedisClusterConfig config,
                                                RedisDataTypeDescription dataTypeDescription) {
        return nonTransactional(config, options(dataTypeDescription, null));
    }

    /** A non-transactional map state whose Redis keys {@code factory} makes. */
    public static StateFactory nonTransactional(JedisClusterConfig config, KeyFactory factory) {
        return nonTransactional(config, options(null, factory));
    }

    /** A non-transactional map state in the given data type, whose Redis keys {@code factory} makes. */
    public static StateFactory nonTransactional(JedisClusterConfig config, RedisDataTypeDescription dataTypeDescription,
                                                KeyFactory factory) {
        return nonTransactional(config, options(dataTypeDescription, factory));
    }

    /** A non-transactional map state stored as {@code options} say. */
    public static StateFactory nonTransactional(JedisClusterConfig config, Options<?> options) {
        return new Factory(config, StateType.NON_TRANSACTIONAL, options);
    }

    /** Makes a task's partition of a Redis Cluster map state: its own client, the kind's map and the LRU cache. */
    public static class Factory extends MapStateFactory {
        private static final long serialVersionUID = 1L;

        private final JedisClusterConfig config;

        /**
         * @throws IllegalArgumentException when the data type is not STRING or HASH, or a setting is negative
         */
        public Factory(JedisClusterConfig config, StateType type, Options<?> options) {
            super("RedisClusterMapState", config, type, options);
            this.config = config;
        }

        /**
         * Connects at the partition's first batch: a cluster none of whose nodes answers fails the batch (Trident
         * replays it), and the next batch tries again.
         */
        @Override
        UnifiedJedis connect() {
            return RedisClients.connectCluster(config, "the JedisClusterConfig of a RedisClusterMapState");
        }
    }
}
