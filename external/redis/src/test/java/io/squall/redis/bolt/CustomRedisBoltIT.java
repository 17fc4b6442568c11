package io.squall.redis.bolt;

import io.squall.Await;
import io.squall.Config;
import io.squall.LocalCluster;
import io.squall.redis.common.RedisClients;
import io.squall.redis.common.config.JedisPoolConfig;
import io.squall.redis.common.container.JedisCommandsContainer;
import io.squall.redis.common.container.JedisCommandsContainerBuilder;
import io.squall.testing.AckTracker;
import io.squall.testing.FixedTupleSpout;
import io.squall.testsupport.RedisServer;
import io.squall.topology.OutputFieldsDeclarer;
import io.squall.topology.TopologyBuilder;
import io.squall.tuple.Fields;
import io.squall.tuple.Tuple;
import io.squall.tuple.Values;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.commands.JedisCommands;
import redis.clients.jedis.exceptions.JedisDataException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bolts that extend {@link AbstractRedisBolt} as storm-redis users write them, against a real redis-server: with
 * Storm 2's {@code JedisCommandsContainer} from {@code getInstance()}, and with the older {@code JedisCommands} and
 * {@code returnInstance} of storm-redis's documentation.
 */
@Timeout(120)
class CustomRedisBoltIT {
    private static RedisServer server;
    private static JedisPoolConfig config;
    private static RedisClient redis;

    @BeforeAll
    static void startRedis() {
        server = RedisServer.start();
        config = new JedisPoolConfig.Builder().setHost(server.host()).setPort(server.port()).build();
        redis = RedisClients.connect(config, "the test");
    }

    @AfterAll
    static void stopRedis() {
        if (redis != null) {
            redis.close();
        }
        if (server != null) {
            server.close();
        }
    }

    /** Storm 2.7's shape: the container from getInstance(), one of its commands per tuple. */
    public static class ContainerBolt extends AbstractRedisBolt {
        public ContainerBolt(JedisPoolConfig config) {
            super(config);
        }

        @Override
        protected void process(Tuple input) {
            JedisCommandsContainer container = getInstance();
            container.hset("container", input.getString(0), input.getInteger(1).toString());
            collector.ack(input);
        }

        @Override
        public void declareOutputFields(OutputFieldsDeclarer declarer) {
        }
    }

    /** storm-redis's documented shape: JedisCommands borrowed with getInstance() and given back. */
    public static class DocumentedBolt extends AbstractRedisBolt {
        public DocumentedBolt(JedisPoolConfig config) {
            super(config);
        }

        @Override
        protected void process(Tuple input) {
            JedisCommands jedisCommands = null;
            try {
                jedisCommands = getInstance();
                jedisCommands.set("documented:" + input.getString(0), input.getInteger(1).toString());
            } finally {
                if (jedisCommands != null) {
                    returnInstance(jedisCommands);
                }
                collector.ack(input);
            }
        }

        @Override
        public void declareOutputFields(OutputFieldsDeclarer declarer) {
        }
    }

    @Test
    void boltsWrittenAgainstEitherOfStormsRedisApisStoreEveryTuple() {
        int n = 100;
        List<List<Object>> tuples = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            tuples.add(new Values("w" + i, i));
        }
        AckTracker acks = AckTracker.named("custom");
        try (LocalCluster cluster = new LocalCluster()) {
            TopologyBuilder b = new TopologyBuilder();
            b.setSpout("words", new FixedTupleSpout(tuples, new Fields("word", "count"), "custom"));
            b.setBolt("container", new ContainerBolt(config), 2).shuffleGrouping("words");
            b.setBolt("documented", new DocumentedBolt(config), 2).shuffleGrouping("words");
            cluster.submitTopology("custom", new Config(), b.createTopology());
            Await.until(Duration.ofSeconds(60), () -> acks.distinctAcked() == n,
                    () -> acks.distinctAcked() + " of " + n + " tuples acked");
            cluster.killTopology("custom");
        } finally {
            AckTracker.remove("custom");
        }
        assertEquals(n, redis.hlen("container"));
        assertEquals("42", redis.hget("container", "w42"));
        assertEquals("99", redis.get("documented:w99"));
    }

    @Test
    void aBuiltContainerRunsCommandsThrowsTheirErrorsAndClosesItsPool() {
        JedisCommandsContainer c = JedisCommandsContainerBuilder.build(config);
        assertEquals("OK", c.set("built", "1"));
        assertEquals("1", c.get("built"));
        assertTrue(c.exists("built"));
        JedisDataException wrongType = assertThrows(JedisDataException.class, () -> c.hget("built", "field"),
                "a command's own error, not wrapped by the container");
        assertTrue(wrongType.getMessage().contains("WRONGTYPE"), wrongType.getMessage());
        assertTrue(c.toString().startsWith("JedisCommandsContainer("), c.toString());
        c.close();
        assertThrows(RuntimeException.class, () -> c.get("built"), "closed with its pool");
    }
}
