package io.squall;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import io.squall.testing.TestWordSpout;
import io.squall.topology.LogConfig;
import io.squall.topology.LogLevel;
import io.squall.topology.LogLevelAction;
import io.squall.topology.NotAliveException;
import io.squall.topology.TopologyBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.LoggerFactory;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Storm's {@code setLogConfig} and {@code getLogConfig} on a local cluster, on simulated time: a logger of the JVM set
 * for a while, shown while in force, put back when its time is up, when removed or when the cluster closes.
 */
class LocalClusterLogConfigIT {
    private static final Duration DEADLINE = Duration.ofSeconds(30);
    private static final String TIMED = "io.squall.test.logconfig.timed";
    private static final String KEPT = "io.squall.test.logconfig.kept";

    private static Level levelOf(String logger) {
        return ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(logger).getLevel();
    }

    private static LogConfig update(String logger, String level, int secs) {
        LogLevel l = new LogLevel(LogLevelAction.UPDATE);
        l.set_target_log_level(level);
        l.set_reset_log_level_timeout_secs(secs);
        LogConfig config = new LogConfig();
        config.put_to_named_logger_level(logger, l);
        return config;
    }

    @Test
    @Timeout(60)
    void aLoggerIsSetWhileItsTimeLastsAndPutBackWhenRemovedOrClosed() throws Exception {
        try (LocalCluster cluster = new LocalCluster.Builder().withSimulatedTime().build()) {
            TopologyBuilder b = new TopologyBuilder();
            b.setSpout("words", new TestWordSpout(false));
            cluster.submitTopology("logs", new Config(), b.createTopology());
            assertNull(levelOf(TIMED), "inherited at first");

            cluster.setLogConfig("logs", update(TIMED, "DEBUG", 10));
            cluster.setLogConfig(cluster.topologyId("logs"), update(KEPT, "ERROR", 0));
            assertEquals(Level.DEBUG, levelOf(TIMED));
            assertEquals(Level.ERROR, levelOf(KEPT));
            LogConfig inForce = cluster.getLogConfig("logs");
            assertEquals("DEBUG", inForce.get_named_logger_level().get(TIMED).get_target_log_level());
            assertEquals(10, inForce.get_named_logger_level().get(TIMED).get_reset_log_level_timeout_secs());
            assertFalse(inForce.get_named_logger_level().get(KEPT).is_set_reset_log_level_timeout_secs());

            cluster.advanceClusterTime(11);
            Await.until(DEADLINE, () -> levelOf(TIMED) == null, () -> TIMED + " put back: " + levelOf(TIMED));
            assertEquals(1, cluster.getLogConfig("logs").get_named_logger_level_size());

            LogConfig remove = new LogConfig();
            remove.put_to_named_logger_level(KEPT, new LogLevel(LogLevelAction.REMOVE));
            cluster.setLogConfig("logs", remove);
            assertNull(levelOf(KEPT));

            cluster.setLogConfig("logs", update(KEPT, "WARN", 0));
            IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                    () -> cluster.setLogConfig("logs", update(TIMED, "LOUD", 0)));
            assertTrue(bad.getMessage().contains("LEVEL one of"), bad.getMessage());
            assertThrows(NotAliveException.class, () -> cluster.setLogConfig("nope", update(TIMED, "DEBUG", 0)));
        }
        assertNull(levelOf(KEPT), "the closed cluster puts its loggers back");
    }
}
