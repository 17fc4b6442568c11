package io.squall.redis.state;

import io.squall.config.InvalidConfigException;
import io.squall.redis.common.config.JedisPoolConfig;
import io.squall.state.DefaultStateSerializer;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RedisStateConfigTest {
    private static String error(Object conf) {
        return assertThrows(InvalidConfigException.class, () -> RedisStateConfig.parse(conf)).getMessage();
    }

    @Test
    void readsStormsJsonShape() {
        RedisStateConfig c = RedisStateConfig.parse("""
                {"keyClass": "java.lang.String", "valueClass": "java.lang.Long",
                 "valueSerializerClass": "io.squall.redis.state.Utf8Serializer",
                 "jedisPoolConfig": {"host": "redis.example", "port": 6380, "timeout": 500, "database": 3,
                                     "password": "secret"}}""");
        assertEquals(new JedisPoolConfig("redis.example", 6380, 500, "secret", 3), c.jedisPoolConfig());
        assertInstanceOf(DefaultStateSerializer.class, c.keySerializer());
        assertInstanceOf(Utf8Serializer.class, c.valueSerializer());
        assertEquals("a", c.keySerializer().deserialize(c.keySerializer().serialize("a")));
    }

    @Test
    void noConfigMeansRedisOnLocalhostWithKryo() {
        RedisStateConfig c = RedisStateConfig.parse(null);
        assertEquals("localhost:6379", c.jedisPoolConfig().address());
        assertInstanceOf(DefaultStateSerializer.class, c.valueSerializer());
    }

    @Test
    void acceptsAMapAsYamlGivesIt() {
        RedisStateConfig c = RedisStateConfig.parse(Map.of("jedisPoolConfig", Map.of("port", 7000)));
        assertEquals("localhost:7000", c.jedisPoolConfig().address());
        c = RedisStateConfig.parse(Map.of("jedisPoolConfig", Map.of("port", 7001L, "timeout", "100")));
        assertEquals("localhost:7001", c.jedisPoolConfig().address());
        assertEquals(100, c.jedisPoolConfig().getTimeout());
    }

    @Test
    void malformedJsonIsReportedWithWhereItBreaks() {
        String e = error("{\"jedisPoolConfig\": {\"port\": 6379,}");
        assertTrue(e.contains("topology.state.provider.config is not valid JSON"), e);
        assertTrue(e.contains("line 1"), e);
        assertTrue(error("[1, 2]").contains("not an object"));
    }

    @Test
    void aClusterConfigIsRefusedSayingWhy() {
        String e = error("{\"jedisClusterConfig\": {\"nodes\": [\"localhost:7000\"]}}");
        assertTrue(e.contains("jedisClusterConfig") && e.contains("one Redis server") && e.contains("jedisPoolConfig"),
                e);
    }

    @Test
    void anUnknownSerializerClassIsNamed() {
        String e = error("{\"keySerializerClass\": \"com.example.Missing\"}");
        assertTrue(e.contains("keySerializerClass") && e.contains("com.example.Missing")
                && e.contains("not on the topology's classpath"), e);
    }

    @Test
    void aSerializerClassThatIsNoSerializerIsNamed() {
        String e = error("{\"valueSerializerClass\": \"java.lang.String\"}");
        assertTrue(e.contains("java.lang.String does not implement io.squall.state.Serializer"), e);
    }

    @Test
    void anUnknownKeyClassIsNamed() {
        String e = error("{\"valueClass\": \"com.example.Count\"}");
        assertTrue(e.contains("valueClass") && e.contains("com.example.Count"), e);
    }

    @Test
    void aMisspelledFieldIsNamedWithTheKnownOnes() {
        String e = error("{\"jedisPoolconfig\": {}}");
        assertTrue(e.contains("\"jedisPoolconfig\"") && e.contains("jedisPoolConfig"), e);
        e = error("{\"jedisPoolConfig\": {\"hots\": \"x\"}}");
        assertTrue(e.contains("\"hots\"") && e.contains("host"), e);
    }

    @Test
    void badPortsAndTypesAreNamed() {
        assertTrue(error("{\"jedisPoolConfig\": {\"port\": \"sixty\"}}").contains("jedisPoolConfig.port is sixty"));
        assertTrue(error("{\"jedisPoolConfig\": {\"port\": 70000}}").contains("70000 is out of range"));
        assertTrue(error("{\"jedisPoolConfig\": {\"host\": 5}}").contains("jedisPoolConfig.host is 5"));
        assertTrue(error("{\"jedisPoolConfig\": {\"timeout\": 1.5}}").contains("give a whole number"));
        assertTrue(error(42).contains("java.lang.Integer"));
    }
}
