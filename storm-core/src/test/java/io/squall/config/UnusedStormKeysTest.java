package io.squall.config;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.squall.Config;
import io.squall.testing.TestWordSpout;
import io.squall.topology.InvalidTopologyException;
import io.squall.topology.TopologyBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Storm's key constants that Squall does not use compile, and setting one is logged as having no effect. */
class UnusedStormKeysTest {
    private final Logger log = (Logger) LoggerFactory.getLogger(TopologySettings.class);
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
    private Level level;

    @BeforeEach
    void listen() {
        level = log.getLevel();
        log.setLevel(Level.INFO);
        logged.start();
        log.addAppender(logged);
    }

    @AfterEach
    void stopListening() {
        log.detachAppender(logged);
        log.setLevel(level);
    }

    @Test
    void configHasStormsKeysUnderStormsNamesAndValues() {
        assertEquals("topology.bolt.wait.park.microsec", Config.TOPOLOGY_BOLT_WAIT_PARK_MICROSEC);
        assertEquals("topology.spout.recvq.skips", Config.TOPOLOGY_SPOUT_RECVQ_SKIPS);
        assertEquals("storm.messaging.netty.buffer_size", Config.STORM_MESSAGING_NETTY_BUFFER_SIZE);
        assertEquals("nimbus.seeds", Config.NIMBUS_SEEDS);
        assertEquals("topology.tasks", Config.TOPOLOGY_TASKS);
    }

    @Test
    void aKeySquallUsesIsNeverAlsoListedAsUnused() throws IllegalAccessException {
        for (Field f : UnusedStormKeys.class.getFields()) {
            String key = (String) f.get(null);
            assertNull(ConfigKeys.get(key), f.getName() + " is in ConfigKeys: remove it from UnusedStormKeys");
            assertTrue(ConfigKeys.isUnusedStormKey(key), key);
        }
        assertTrue(UnusedStormKeys.class.getFields().length > 200, "Storm's keys are all there");
    }

    @Test
    void everyKeyConstantOfConfigIsAPublicStaticString() {
        for (Field f : Config.class.getFields()) {
            assertTrue(Modifier.isStatic(f.getModifiers()) && f.getType() == String.class, f.getName());
        }
    }

    @Test
    void anUnusedStormKeyIsAcceptedAndLoggedOnceAsHavingNoEffectNotWarnedOfAsUnknown() {
        Map<String, Object> conf = Map.of(Config.TOPOLOGY_SPOUT_RECVQ_SKIPS, 8,
                Config.TOPOLOGY_BOLT_WAIT_PARK_MICROSEC, 0);
        TopologySettings.validate(conf);
        TopologySettings.validate(conf);
        List<ILoggingEvent> events = logged.list;
        assertTrue(events.stream().noneMatch(e -> e.getLevel() == Level.WARN), events.toString());
        for (String key : conf.keySet()) {
            assertEquals(1, events.stream().filter(e -> e.getFormattedMessage().equals(
                    "Storm's config key '" + key + "' is accepted but has no effect in Squall")).count(), key);
        }
    }

    @Test
    void aTypoIsStillWarnedOfWithTheKeyItIsNearest() {
        TopologySettings.validate(Map.of("topology.max.spout.pendng", 10));
        assertTrue(logged.list.stream().anyMatch(e -> e.getLevel() == Level.WARN
                && e.getFormattedMessage().contains("'topology.max.spout.pendng'")
                && e.getFormattedMessage().contains("topology.max.spout.pending")), logged.list.toString());
    }

    @Test
    void stormsSettersPutTheirKeys() {
        Config conf = new Config();
        conf.setStatsSampleRate(0.05);
        conf.setNumEventLoggers(2);
        conf.setSkipMissingKryoRegistrations(true);
        conf.setTopologyVersion("2.1");
        conf.setClasspath("/opt/lib/*");
        conf.setEnvironment(Map.of("A", "1"));
        conf.setTopologyComponentWorkerConstraints("a", "b");
        conf.setTopologyConstraintsMaxStateSearch(1000);
        Config.setMaxTaskParallelism(conf, 3);
        Config.setFallBackOnJavaSerialization(conf, false);
        assertEquals(0.05, conf.get(Config.TOPOLOGY_STATS_SAMPLE_RATE));
        assertEquals(2, conf.get(Config.TOPOLOGY_EVENTLOGGER_EXECUTORS));
        assertEquals(true, conf.get(Config.TOPOLOGY_SKIP_MISSING_KRYO_REGISTRATIONS));
        assertEquals("2.1", conf.get(Config.TOPOLOGY_VERSION));
        assertEquals("/opt/lib/*", conf.get(Config.TOPOLOGY_CLASSPATH));
        assertEquals(Map.of("A", "1"), conf.get(Config.TOPOLOGY_ENVIRONMENT));
        assertEquals(List.of(List.of("a", "b")), conf.get(Config.TOPOLOGY_RAS_CONSTRAINTS));
        assertEquals(1000, conf.get(Config.TOPOLOGY_RAS_CONSTRAINT_MAX_STATE_SEARCH));
        assertEquals(3, conf.get(Config.TOPOLOGY_MAX_TASK_PARALLELISM));
        assertEquals(false, conf.get(Config.TOPOLOGY_FALL_BACK_ON_JAVA_SERIALIZATION));
        TopologySettings.validate(conf); // All of them pass the submit's checks.
    }

    @Test
    void topologyTasksInAComponentsConfigurationSetsItsTasksAndAnythingButANumberIsRefused() {
        TopologyBuilder b = new TopologyBuilder();
        b.setSpout("words", new TestWordSpout(), 2).addConfigurations(Map.of(Config.TOPOLOGY_TASKS, 6));
        assertEquals(6, b.createTopology().getComponent("words").getNumTasks());
        InvalidTopologyException e = assertThrows(InvalidTopologyException.class,
                () -> new TopologyBuilder().setSpout("w", new TestWordSpout()).addConfiguration(Config.TOPOLOGY_TASKS,
                        "six"));
        assertTrue(e.getMessage().contains("'w'") && e.getMessage().contains("six"), e.getMessage());
    }
}
