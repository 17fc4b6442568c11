package io.squall.redis.bolt;

import io.squall.redis.common.RedisClients;
import io.squall.redis.common.RedisUnavailableException;
import io.squall.redis.common.config.JedisClusterConfig;
import io.squall.redis.common.config.JedisPoolConfig;
import io.squall.redis.common.container.JedisCommandsContainer;
import io.squall.redis.common.container.JedisCommandsContainerBuilder;
import io.squall.redis.common.mapper.RedisDataTypeDescription;
import io.squall.redis.common.mapper.RedisDataTypeDescription.RedisDataType;
import io.squall.redis.common.mapper.TupleMapper;
import io.squall.task.OutputCollector;
import io.squall.task.TopologyContext;
import io.squall.topology.base.BaseTickTupleAwareRichBolt;
import io.squall.tuple.Tuple;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.commands.JedisCommands;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisException;

import java.util.Map;
import java.util.Set;

/**
 * The base of the bolts that talk to Redis, one server or a Redis Cluster, as Storm's storm-redis
 * {@code AbstractRedisBolt}: it opens a client with a connection pool in {@link #prepare} and closes it in
 * {@link #cleanup}. Against a cluster, each command goes to the node that serves its key. A subclass
 * implements {@link #process} with {@link #getInstance()}; {@link #processSafely} runs a tuple's Redis work so
 * that a failure fails the tuple (its spout replays it) and is reported, instead of stopping the worker.
 *
 * <p>Runs on the bolt's executor thread.
 */
public abstract class AbstractRedisBolt extends BaseTickTupleAwareRichBolt {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(AbstractRedisBolt.class);

    /** The server, or null when the bolt talks to a cluster. */
    private final JedisPoolConfig config;
    /** The cluster, or null when the bolt talks to one server. */
    private final JedisClusterConfig clusterConfig;
    protected transient OutputCollector collector;
    /** The client; null while a cluster has not answered yet. */
    private transient UnifiedJedis redis;
    /** {@link #redis} as Storm's container, made at the first {@link #getInstance()}. */
    private transient JedisCommandsContainer container;
    private transient String component;

    /** A bolt that talks to the server {@code config} names. */
    protected AbstractRedisBolt(JedisPoolConfig config) {
        if (config == null) {
            throw new IllegalArgumentException("JedisPoolConfig is null: say where Redis is with "
                    + "new JedisPoolConfig.Builder().setHost(...).setPort(...).build()");
        }
        this.config = config;
        this.clusterConfig = null;
    }

    /** A bolt that talks to the Redis Cluster {@code config} names. */
    protected AbstractRedisBolt(JedisClusterConfig config) {
        if (config == null) {
            throw new IllegalArgumentException("JedisClusterConfig is null: say where the cluster is with "
                    + "new JedisClusterConfig.Builder().setNodes(...).build()");
        }
        this.config = null;
        this.clusterConfig = config;
    }

    /**
     * Opens the client. A server or cluster that does not answer yet is logged, not thrown: the bolt's tuples fail
     * (and are replayed) until it does.
     */
    @Override
    public void prepare(Map<String, Object> topoConf, TopologyContext context, OutputCollector collector) {
        this.collector = collector;
        this.component = context == null ? getClass().getSimpleName() : context.getThisComponentId();
        try {
            redis = config != null ? RedisClients.connect(config, configuredBy()) : connectCluster();
        } catch (RedisUnavailableException e) {
            LOG.warn("{}; its tuples fail until Redis answers", e.getMessage());
            if (config != null) {
                redis = RedisClients.open(config); // connects at each command
            }
        }
    }

    private UnifiedJedis connectCluster() {
        return RedisClients.connectCluster(clusterConfig, configuredBy());
    }

    private String configuredBy() {
        return "the " + (config != null ? "JedisPoolConfig" : "JedisClusterConfig") + " of bolt " + component;
    }

    /**
     * The Redis client, as Storm's {@link JedisCommandsContainer} (which is also Jedis's {@code JedisCommands}, what
     * Storm's older bolts took): it borrows a pooled connection for each command. Its {@code close()} does nothing;
     * the bolt closes the client at cleanup.
     *
     * @throws RedisUnavailableException when the bolt talks to a cluster none of whose nodes has answered yet
     */
    protected JedisCommandsContainer getInstance() {
        if (container == null) {
            container = JedisCommandsContainerBuilder.of(client(), false);
        }
        return container;
    }

    /** The client itself, for the bolt's own commands (no proxy between). */
    private UnifiedJedis client() {
        if (redis == null) {
            redis = connectCluster();
        }
        return redis;
    }

    /** Kept for Storm's API: the client returns its connections to the pool itself. */
    protected void returnInstance(JedisCommands instance) {
    }

    /** The server this bolt talks to, or null when it talks to a cluster. */
    protected JedisPoolConfig config() {
        return config;
    }

    /** The cluster this bolt talks to, or null when it talks to one server. */
    protected JedisClusterConfig clusterConfig() {
        return clusterConfig;
    }

    /** Where Redis is, for messages: {@code host:port}, or the cluster's nodes. */
    private String address() {
        return config != null ? config.address() : "cluster " + clusterConfig.addresses();
    }

    /** What a bolt's Redis work does for one tuple; returns normally when the tuple is done. */
    protected interface RedisWork {
        void run(JedisCommands redis);
    }

    /**
     * Runs {@code work} for {@code input}, then acks it; when Redis fails or refuses a command, reports the
     * error (naming the server and the data type) and fails the tuple so that its spout replays it.
     */
    protected final void processSafely(Tuple input, RedisDataTypeDescription type, RedisWork work) {
        try {
            work.run(client());
            collector.ack(input);
        } catch (JedisDataException e) {
            collector.reportError(new RedisCommandException("Redis at " + address() + " refused the "
                    + type + " command of bolt " + component + ": " + e.getMessage()
                    + ". The tuple fails and is replayed; check the data type and keys of the mapper", e));
            collector.fail(input);
        } catch (JedisException e) {
            collector.reportError(new RedisUnavailableException("Redis at " + address() + " failed for bolt "
                    + component + ": " + RedisClients.rootMessage(e) + ". The tuple fails and is replayed; "
                    + "check that Redis is up", e));
            collector.fail(input);
        } catch (RuntimeException e) {
            collector.reportError(e);
            collector.fail(input);
        }
    }

    /** Throws unless {@code type} is one of {@code supported}, naming the bolt and the supported types. */
    static void requireSupported(RedisDataTypeDescription type, Set<RedisDataType> supported, String bolt) {
        if (type == null) {
            throw new IllegalArgumentException(bolt + ": the mapper's getDataTypeDescription() returned null");
        }
        if (!supported.contains(type.getDataType())) {
            throw new IllegalArgumentException(bolt + " does not support " + type.getDataType()
                    + ": use one of " + supported);
        }
    }

    /** The key a mapper picks from {@code input}, checked for null. */
    static String key(TupleMapper mapper, Tuple input) {
        String key = mapper.getKeyFromTuple(input);
        if (key == null) {
            throw new IllegalArgumentException(mapper.getClass().getName() + ".getKeyFromTuple returned null for "
                    + input.getValues());
        }
        return key;
    }

    @Override
    public void cleanup() {
        if (redis != null) {
            redis.close();
        }
    }
}
