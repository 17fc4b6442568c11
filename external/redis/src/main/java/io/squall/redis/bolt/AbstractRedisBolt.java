package io.squall.redis.bolt;

import io.squall.redis.common.RedisClients;
import io.squall.redis.common.RedisUnavailableException;
import io.squall.redis.common.config.JedisPoolConfig;
import io.squall.redis.common.mapper.RedisDataTypeDescription;
import io.squall.redis.common.mapper.RedisDataTypeDescription.RedisDataType;
import io.squall.redis.common.mapper.TupleMapper;
import io.squall.task.OutputCollector;
import io.squall.task.TopologyContext;
import io.squall.topology.base.BaseTickTupleAwareRichBolt;
import io.squall.tuple.Tuple;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.commands.JedisCommands;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisException;

import java.util.Map;
import java.util.Set;

/**
 * The base of the bolts that talk to one Redis server, as Storm's storm-redis {@code AbstractRedisBolt}: it
 * opens a client with a connection pool in {@link #prepare} and closes it in {@link #cleanup}. A subclass
 * implements {@link #process} with {@link #getInstance()}; {@link #processSafely} runs a tuple's Redis work so
 * that a failure fails the tuple (its spout replays it) and is reported, instead of stopping the worker.
 *
 * <p>Runs on the bolt's executor thread.
 */
public abstract class AbstractRedisBolt extends BaseTickTupleAwareRichBolt {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(AbstractRedisBolt.class);

    private final JedisPoolConfig config;
    protected transient OutputCollector collector;
    private transient RedisClient redis;
    private transient String component;

    /** A bolt that talks to the server {@code config} names. */
    protected AbstractRedisBolt(JedisPoolConfig config) {
        if (config == null) {
            throw new IllegalArgumentException("JedisPoolConfig is null: say where Redis is with "
                    + "new JedisPoolConfig.Builder().setHost(...).setPort(...).build()");
        }
        this.config = config;
    }

    /**
     * Opens the client. A server that does not answer yet is logged, not thrown: the bolt's tuples fail (and
     * are replayed) until it does.
     */
    @Override
    public void prepare(Map<String, Object> topoConf, TopologyContext context, OutputCollector collector) {
        this.collector = collector;
        this.component = context == null ? getClass().getSimpleName() : context.getThisComponentId();
        try {
            redis = RedisClients.connect(config, "the JedisPoolConfig of bolt " + component);
        } catch (RedisUnavailableException e) {
            LOG.warn("{}; its tuples fail until Redis answers", e.getMessage());
            redis = RedisClients.open(config);
        }
    }

    /** The Redis client; it borrows a pooled connection for each command. */
    protected JedisCommands getInstance() {
        return redis;
    }

    /** Kept for Storm's API: the client returns its connections to the pool itself. */
    protected void returnInstance(JedisCommands instance) {
    }

    /** The server this bolt talks to. */
    protected JedisPoolConfig config() {
        return config;
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
            work.run(redis);
            collector.ack(input);
        } catch (JedisDataException e) {
            collector.reportError(new RedisCommandException("Redis at " + config.address() + " refused the "
                    + type + " command of bolt " + component + ": " + e.getMessage()
                    + ". The tuple fails and is replayed; check the data type and keys of the mapper", e));
            collector.fail(input);
        } catch (JedisException e) {
            collector.reportError(new RedisUnavailableException("Redis at " + config.address() + " failed for bolt "
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
