package io.squall.redis.state;

import io.squall.Config;
import io.squall.runtime.state.UnserializableStateTest;
import io.squall.testsupport.RedisServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.concurrent.TimeUnit;

/**
 * squall-core's {@link UnserializableStateTest} against a real redis-server: a stateful bolt that puts a value Kryo
 * cannot serialize gets an error naming its component, task, key and class and what to do, the checkpoint fails and
 * is counted, the tuple is replayed, and Redis ends with the exact counts and no poisoned value.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class RedisUnserializableStateIT {
    @Test
    void refusesAValueKryoCannotWriteAndReplaysItsTuple() {
        try (RedisServer redis = RedisServer.start()) {
            Config conf = UnserializableStateTest.conf("poison-redis", RedisKeyValueStateProvider.class.getName(),
                    "{\"jedisPoolConfig\": {\"host\": \"127.0.0.1\", \"port\": " + redis.port() + "}}");
            // Redis serializes at the put only, so a value that changes after it is written as it was then.
            UnserializableStateTest.runPoisoned(conf, false,
                    c -> UnserializableStateTest.committedCounts(new RedisKeyValueStateProvider(), c));
        }
    }
}
