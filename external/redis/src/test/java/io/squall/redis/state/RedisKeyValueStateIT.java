package io.squall.redis.state;

import io.squall.Await;
import io.squall.config.InvalidConfigException;
import io.squall.redis.common.SharedRedisClients;
import io.squall.redis.common.config.JedisPoolConfig;
import io.squall.redis.common.RedisUnavailableException;
import io.squall.state.KeyValueState;
import io.squall.state.KeyValueStateContract;
import io.squall.state.QueryableKeyValueState;
import io.squall.testsupport.RedisServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import redis.clients.jedis.Jedis;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Redis provider against a real redis-server: the contract every key-value state passes, then what only a
 * shared store does (a new task completes or drops what a previous one staged) and Redis failing under it.
 */
@Timeout(60)
class RedisKeyValueStateIT extends KeyValueStateContract {
    private static RedisServer redis;

    @BeforeAll
    static void startRedis() {
        redis = RedisServer.start();
    }

    @AfterAll
    static void stopRedis() {
        if (redis != null) {
            redis.close();
        }
    }

    private static String providerConfig(int port, String extra) {
        return "{\"jedisPoolConfig\": {\"host\": \"127.0.0.1\", \"port\": " + port + ", \"timeout\": 2000}"
                + extra + "}";
    }

    @SuppressWarnings("unchecked")
    private static KeyValueState<String, Object> openWith(String namespace, String providerConfig) {
        return (KeyValueState<String, Object>) new RedisKeyValueStateProvider().newState(namespace,
                Map.of(RedisStateConfig.CONFIG_KEY, providerConfig), null);
    }

    @Override
    protected KeyValueState<String, Object> open(String namespace) {
        if (!redis.isRunning()) {
            redis.restart(); // a failure test that failed midway left it down
        }
        return openWith(namespace, providerConfig(redis.port(), ""));
    }

    @Test
    void theStatesOfAWorkerShareOneClientOfAFewConnectionsPerServer() throws Exception {
        JedisPoolConfig server = RedisStateConfig.parse(providerConfig(redis.port(), "")).jedisPoolConfig();
        List<KeyValueState<String, Object>> groups = new ArrayList<>();
        try (Jedis admin = new Jedis(redis.host(), redis.port())) {
            // A keyed task's 128 groups, each a state and an applied log, checkpointed one after another.
            for (int g = 0; g < 128; g++) {
                groups.add(open("count@" + g));
                groups.add(open("count@" + g + "$applied"));
            }
            for (KeyValueState<String, Object> s : groups) {
                s.put("k", 1L);
                s.prepareCommit(1);
                s.commit(1);
            }
            assertEquals(256, SharedRedisClients.leases(server));
            long connections = squallConnections(admin);
            assertTrue(connections >= 1 && connections <= 8, "256 states on one pool: " + connections
                    + " connections");
            for (KeyValueState<String, Object> s : groups) {
                ((AutoCloseable) s).close();
            }
            assertEquals(0, SharedRedisClients.leases(server), "the last state closed the client");
            Await.until(Duration.ofSeconds(10), () -> squallConnections(admin) == 0,
                    () -> "the pool's connections closed: " + admin.clientList());
        }
    }

    private static long squallConnections(Jedis admin) {
        return admin.clientList().lines().filter(l -> l.contains(" name=squall ")).count();
    }

    @Test
    @SuppressWarnings("unchecked")
    void twoTopologiesKeepTheirStatesOfTheSameNamespaceApart() throws Exception {
        String conf = providerConfig(redis.port(), "");
        try (var a = (RedisKeyValueState<String, Object>) new RedisKeyValueStateProvider().newState("$checkpointspout",
                Map.of(RedisStateConfig.CONFIG_KEY, conf, "topology.name", "twins-a"), null);
             var b = (RedisKeyValueState<String, Object>) new RedisKeyValueStateProvider().newState("$checkpointspout",
                     Map.of(RedisStateConfig.CONFIG_KEY, conf, "topology.name", "twins-b"), null);
             Jedis admin = new Jedis(redis.host(), redis.port())) {
            a.put("k", 1L);
            a.prepareCommit(1);
            a.commit(1);
            assertNull(b.get("k"), "b sees nothing of a");
            assertEquals("twins-a:$checkpointspout", a.namespace());
            assertTrue(admin.exists("twins-a:$checkpointspout"), "the topology's name prefixes its keys");
        }
    }

    @Test
    void itsCommittedSizeIsTheCommittedHashsAsOfTheLastCommitAndOpen() {
        QueryableKeyValueState<String, Object> s = (QueryableKeyValueState<String, Object>) state();
        assertEquals(0, s.committedSize());
        s.put("a", 1L);
        s.put("b", 2L);
        s.prepareCommit(1);
        assertEquals(0, s.committedSize(), "staged only");
        s.commit(1);
        assertEquals(2, s.committedSize());
        s.delete("a");
        s.put("c", 3L);
        s.put("d", 4L);
        s.prepareCommit(2);
        s.commit(2);
        assertEquals(3, s.committedSize());
        s.put("e", 5L);
        s.commit();
        assertEquals(4, s.committedSize(), "a commit outside the checkpoints");
        assertEquals(4, ((QueryableKeyValueState<?, ?>) state()).committedSize(), "a state opened anew");
    }

    @Test
    void aNewTaskCommitsTheTxidAPreviousTaskStaged() {
        KeyValueState<String, Object> dead = state();
        dead.put("a", 1L);
        dead.prepareCommit(1);
        dead.commit(1);
        dead.put("a", 2L);
        dead.delete("gone");
        dead.put("b", 2L);
        dead.prepareCommit(2);

        KeyValueState<String, Object> next = state();
        assertEquals(Map.of("a", 1L), contents(next));
        next.commit(2);
        assertEquals(Map.of("a", 2L, "b", 2L), contents(next));
        assertEquals(Map.of("a", 2L, "b", 2L), contents(state()));
    }

    @Test
    void aNewTaskRollsBackWhatAPreviousTaskStaged() {
        KeyValueState<String, Object> dead = state();
        dead.put("a", 1L);
        dead.prepareCommit(1);
        dead.commit(1);
        dead.put("a", 2L);
        dead.prepareCommit(2);

        KeyValueState<String, Object> next = state();
        next.rollback();
        next.commit(2);
        assertEquals(Map.of("a", 1L), contents(state()), "nothing is staged under 2 any more: nothing committed");
        next.put("c", 3L);
        next.prepareCommit(2);
        next.commit(2);
        assertEquals(Map.of("a", 1L, "c", 3L), contents(state()));
    }

    @Test
    void aNewTaskThatStagesReplacesAStagingItDidNotMake() {
        KeyValueState<String, Object> dead = state();
        dead.put("zombie", 1L);
        dead.prepareCommit(5);

        KeyValueState<String, Object> next = state();
        next.put("live", 1L);
        next.prepareCommit(5);
        next.commit(5);
        assertEquals(Map.of("live", 1L), contents(state()));
    }

    @Test
    void aCommitThatFailsWhileRedisIsDownSucceedsWhenRetriedAfterItIsBack() {
        KeyValueState<String, Object> s = state();
        s.put("a", 1L);
        s.prepareCommit(1);
        s.commit(1);
        s.put("a", 2L);
        s.put("b", 2L);
        s.prepareCommit(2);

        redis.kill();
        RedisUnavailableException e = assertThrows(RedisUnavailableException.class, () -> s.commit(2));
        assertTrue(e.getMessage().contains("127.0.0.1:" + redis.port()), e.getMessage());
        assertEquals(2L, s.get("a"), "the staged changes are still seen while Redis is down");

        redis.restart();
        s.commit(2);
        assertEquals(Map.of("a", 2L, "b", 2L), contents(state()));
    }

    /**
     * With Redis down, a bolt's reads fail at once for a moment after a failure instead of each trying to connect
     * (its tuples, which the spouts replay, would otherwise hold the checkpoint barriers back for minutes); a call
     * Redis answers ends the pause.
     */
    @Test
    void readsFailAtOnceForAMomentAfterAFailureAndResumeWhenRedisAnswers() {
        KeyValueState<String, Object> s = state();
        s.put("a", 1L);
        s.prepareCommit(1);
        s.commit(1);
        KeyValueState<String, Object> reader = state(); // reads go to Redis: nothing of its own is staged
        redis.kill();
        RedisUnavailableException tried = assertThrows(RedisUnavailableException.class, () -> reader.get("a"));
        assertTrue(tried.getMessage().contains("failed during get"), tried.getMessage());
        Await.until(Duration.ofSeconds(10), () -> {
            RedisUnavailableException e = assertThrows(RedisUnavailableException.class, () -> reader.get("a"));
            return e.getMessage().contains("did not answer") && e.getMessage().contains("127.0.0.1:" + redis.port());
        }, () -> "a read right after a failure fails without trying");

        redis.restart();
        s.put("b", 2L);
        s.prepareCommit(2);
        s.commit(2); // Checkpoints always try; this one is answered, which ends the pause.
        assertEquals(1L, reader.get("a"));
        assertEquals(2L, reader.get("b"));
    }

    @Test
    void aRedisRestartBetweenCheckpointsGoesUnnoticed() {
        KeyValueState<String, Object> s = state();
        s.put("a", 1L);
        s.prepareCommit(1);
        s.commit(1);
        redis.kill();
        redis.restart();
        assertEquals(1L, s.get("a"), "read on a new connection, from the append-only file");
        s.put("b", 2L);
        s.prepareCommit(2);
        s.commit(2);
        assertEquals(Map.of("a", 1L, "b", 2L), contents(state()));
    }

    @Test
    void aPrepareThatFailsWhileRedisIsDownKeepsTheChangesForTheRetry() {
        KeyValueState<String, Object> s = state();
        s.put("a", 1L);
        redis.kill();
        assertThrows(RedisUnavailableException.class, () -> s.prepareCommit(1));
        assertEquals(1L, s.get("a"));
        redis.restart();
        s.prepareCommit(1);
        s.commit(1);
        assertEquals(Map.of("a", 1L), contents(state()));
    }

    @Test
    void aCommitWhoseReplyWasLostIsNotAppliedTwice() {
        KeyValueState<String, Object> first = state();
        first.put("a", 1L);
        first.prepareCommit(1);
        first.commit(1);
        // A retry by an object that does not know its commit went through (its reply was lost): Redis already
        // has txid 1 committed, so nothing is applied again and nothing fails.
        KeyValueState<String, Object> retrying = state();
        retrying.commit(1);
        assertEquals(Map.of("a", 1L), contents(state()));
    }

    @Test
    void redisDownAtStartIsReportedWithItsAddress() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        int closedPort = port;
        RedisUnavailableException e = assertThrows(RedisUnavailableException.class,
                () -> openWith("down", providerConfig(closedPort, "")));
        assertTrue(e.getMessage().contains("127.0.0.1:" + closedPort), e.getMessage());
        assertTrue(e.getMessage().contains("Start Redis"), e.getMessage());
    }

    @Test
    void configuredSerializersWriteTheKeysAndValues() {
        String conf = providerConfig(redis.port(), ", \"keySerializerClass\": \"" + Utf8Serializer.class.getName()
                + "\", \"valueSerializerClass\": \"" + Utf8Serializer.class.getName() + "\"");
        KeyValueState<String, Object> s = openWith("plain-" + System.nanoTime(), conf);
        String namespace = ((RedisKeyValueState<?, ?>) s).namespace();
        s.put("word", "seven");
        s.prepareCommit(1);
        s.commit(1);
        assertEquals(":1", redis.command("HEXISTS", namespace, "word"), "the key is written as plain UTF-8");
        assertEquals(":5", redis.command("HSTRLEN", namespace, "word"), "the value is written as plain UTF-8");
        assertEquals("seven", openWith(namespace, conf).get("word"));
        ((RedisKeyValueState<?, ?>) s).close();
    }

    @Test
    void aNamespaceWhoseKeyHoldsAnotherTypeIsRefusedNamingIt() {
        KeyValueState<String, Object> s = state();
        String namespace = ((RedisKeyValueState<?, ?>) s).namespace();
        assertEquals("+OK", redis.command("SET", namespace, "not a hash"));
        s.put("a", 1L);
        s.prepareCommit(1);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> s.commit(1));
        assertTrue(e.getMessage().contains("WRONGTYPE") && e.getMessage().contains(namespace + "$staged"),
                e.getMessage());
        e = assertThrows(IllegalStateException.class, () -> s.get("b"));
        assertTrue(e.getMessage().contains("WRONGTYPE"), e.getMessage());
    }

    @Test
    void anUnknownSerializerClassIsNamed() {
        InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> openWith("x",
                providerConfig(redis.port(), ", \"valueSerializerClass\": \"com.example.NoSuchSerializer\"")));
        assertTrue(e.getMessage().contains("com.example.NoSuchSerializer"), e.getMessage());
    }

    @Test
    void aNullValueIsRefusedWithAPointerToDelete() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> state().put("a", null));
        assertTrue(e.getMessage().contains("delete"), e.getMessage());
        assertNull(state().get("a"));
        assertInstanceOf(RedisKeyValueState.class, state());
    }
}
