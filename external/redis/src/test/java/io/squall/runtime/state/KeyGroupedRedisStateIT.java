package io.squall.runtime.state;

import io.squall.redis.state.RedisKeyValueStateProvider;
import io.squall.redis.state.RedisStateConfig;
import io.squall.state.KeyValueState;
import io.squall.testsupport.RedisServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A keyed bolt's state in Redis when the checkpoint spout sends a COMMIT again: Redis went down while the COMMIT was
 * under way, so some tasks had carried it out and others had not, and the retry reaches them all. A task that had
 * committed commits every key group again, also those the checkpoint did not change; the retry must succeed there,
 * or the topology never commits again.
 */
@Timeout(60)
class KeyGroupedRedisStateIT {
    @Test
    void aCommitRepeatedAtATaskThatCarriedItOutSucceeds() {
        try (RedisServer redis = RedisServer.start()) {
            String config = "{\"jedisPoolConfig\": {\"host\": \"127.0.0.1\", \"port\": " + redis.port() + "}}";
            Map<String, Object> conf = Map.of(RedisStateConfig.CONFIG_KEY, config);
            KeyGroupedState state = KeyGroupedState.open("count", 0, 4,
                    ns -> new RedisKeyValueStateProvider().newState(ns, conf, null));
            state.enter(1);
            state.put("apple", 3L);
            state.prepareCommit(7);
            state.commit(7);

            state.commit(7); // The retry: groups 0, 2 and 3 staged nothing under 7.

            state.enter(1);
            assertEquals(3L, state.get("apple"));
            state.put("apple", 4L);
            state.prepareCommit(8);
            state.commit(8);
            @SuppressWarnings("unchecked")
            KeyValueState<Object, Object> reopened = (KeyValueState<Object, Object>) new RedisKeyValueStateProvider()
                    .newState(KeyGroupedState.namespace("count", 1), conf, null);
            assertEquals(4L, reopened.get("apple"));
        }
    }
}
