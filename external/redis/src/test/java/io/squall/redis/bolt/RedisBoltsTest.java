package io.squall.redis.bolt;

import io.squall.redis.common.config.JedisClusterConfig;
import io.squall.redis.common.config.JedisPoolConfig;
import io.squall.redis.common.mapper.RedisDataTypeDescription;
import io.squall.redis.common.mapper.RedisDataTypeDescription.RedisDataType;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The bolts refuse what they cannot do when the topology is built, not at the first tuple. */
class RedisBoltsTest {
    private static final JedisPoolConfig LOCAL = new JedisPoolConfig.Builder().build();

    @Test
    void aHashWithoutItsKeyIsRefused() {
        String e = assertThrows(IllegalArgumentException.class,
                () -> new RedisDataTypeDescription(RedisDataType.HASH)).getMessage();
        assertTrue(e.contains("HASH needs an additional key"), e);
    }

    @Test
    void theFilterBoltRefusesListsAndSetsWithoutTheirKey() {
        String e = assertThrows(IllegalArgumentException.class, () -> new RedisFilterBolt(LOCAL,
                new WordMappers.Filter(RedisDataType.LIST, null))).getMessage();
        assertTrue(e.contains("does not support LIST"), e);
        e = assertThrows(IllegalArgumentException.class, () -> new RedisFilterBolt(LOCAL,
                new WordMappers.Filter(RedisDataType.SET, null))).getMessage();
        assertTrue(e.contains("SET needs an additional key"), e);
    }

    @Test
    void aConfigOutOfRangeIsNamed() {
        String e = assertThrows(IllegalArgumentException.class,
                () -> new JedisPoolConfig.Builder().setPort(0).build()).getMessage();
        assertTrue(e.contains("port 0 is out of range"), e);
        assertThrows(IllegalArgumentException.class, () -> new RedisStoreBolt((JedisPoolConfig) null,
                new WordMappers.Store(RedisDataType.STRING, null)));
        assertThrows(IllegalArgumentException.class, () -> new RedisStoreBolt((JedisClusterConfig) null,
                new WordMappers.Store(RedisDataType.STRING, null)));
    }
}
