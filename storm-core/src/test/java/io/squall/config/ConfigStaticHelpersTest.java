package io.squall.config;

import io.squall.Config;
import io.squall.metric.LoggingMetricsConsumer;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ConfigStaticHelpersTest {
    @Test
    void staticRegisterMetricsConsumerAddsTheSameEntriesAsTheInstanceOne() {
        Map<String, Object> plain = new HashMap<>();
        Config.registerMetricsConsumer(plain, LoggingMetricsConsumer.class);
        Config.registerMetricsConsumer(plain, LoggingMetricsConsumer.class, 3);
        Config.registerMetricsConsumer(plain, LoggingMetricsConsumer.class, Map.of("k", "v"), 2);

        Config conf = new Config();
        conf.registerMetricsConsumer(LoggingMetricsConsumer.class);
        conf.registerMetricsConsumer(LoggingMetricsConsumer.class, 3);
        conf.registerMetricsConsumer(LoggingMetricsConsumer.class, Map.of("k", "v"), 2);

        assertEquals(conf.get(Config.TOPOLOGY_METRICS_CONSUMER_REGISTER),
                plain.get(Config.TOPOLOGY_METRICS_CONSUMER_REGISTER));
        List<?> entries = (List<?>) plain.get(Config.TOPOLOGY_METRICS_CONSUMER_REGISTER);
        assertEquals(3, entries.size());
        Map<?, ?> last = (Map<?, ?>) entries.get(2);
        assertEquals(LoggingMetricsConsumer.class.getName(), last.get("class"));
        assertEquals(2L, last.get("parallelism.hint"));
        assertEquals(Map.of("k", "v"), last.get("argument"));
        assertThrows(IllegalArgumentException.class, () -> Config.registerMetricsConsumer(plain, null));
    }
}
