package io.squall.topology;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.squall.Await;
import io.squall.Config;
import io.squall.LocalCluster;
import io.squall.config.InvalidConfigException;
import io.squall.runtime.executor.SerializationCheck;
import io.squall.spout.SpoutOutputCollector;
import io.squall.task.OutputCollector;
import io.squall.task.TopologyContext;
import io.squall.testing.TestWordSpout;
import io.squall.topology.base.BaseRichBolt;
import io.squall.topology.base.BaseRichSpout;
import io.squall.tuple.Fields;
import io.squall.tuple.Tuple;
import io.squall.tuple.Values;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every mistake in building or submitting a topology gets an error that names it. */
class BadInputTest {
    static class Sink extends BaseRichBolt {
        @Override
        public void prepare(Map<String, Object> conf, TopologyContext context, OutputCollector collector) {
        }

        @Override
        public void execute(Tuple input) {
        }

        @Override
        public void declareOutputFields(OutputFieldsDeclarer declarer) {
        }
    }

    static class HoldsAThread extends Sink {
        private final Thread worker = new Thread(() -> { });
    }

    private static String message(Runnable r, Class<? extends Throwable> type) {
        return assertThrows(type, r::run).getMessage();
    }

    /**
     * The message a local cluster refuses {@code b}'s topology with. As in Storm, a subscription to what does not
     * exist builds ({@code createTopology}) and is refused at submit.
     */
    private static String refusedAtSubmit(TopologyBuilder b) {
        StormTopology topology = b.createTopology();
        try (LocalCluster cluster = new LocalCluster()) {
            return message(() -> cluster.submitTopology("refused", new Config(), topology),
                    InvalidTopologyException.class);
        }
    }

    @Test
    void groupingOnAMissingComponentNamesIt() {
        TopologyBuilder b = new TopologyBuilder();
        b.setSpout("words", new TestWordSpout());
        b.setBolt("sink", new Sink()).shuffleGrouping("wrods");
        String m = refusedAtSubmit(b);
        assertTrue(m.contains("'sink'") && m.contains("'wrods'") && m.contains("does not exist"), m);
    }

    @Test
    void groupingOnAMissingStreamNamesIt() {
        TopologyBuilder b = new TopologyBuilder();
        b.setSpout("words", new TestWordSpout());
        b.setBolt("sink", new Sink()).shuffleGrouping("words", "nouns");
        String m = refusedAtSubmit(b);
        assertTrue(m.contains("'nouns'") && m.contains("'words'") && m.contains("[default]"), m);
    }

    @Test
    void fieldsGroupingOnAMissingFieldNamesIt() {
        TopologyBuilder b = new TopologyBuilder();
        b.setSpout("words", new TestWordSpout());
        b.setBolt("sink", new Sink()).fieldsGrouping("words", new Fields("wrod"));
        String m = refusedAtSubmit(b);
        assertTrue(m.contains("'wrod'") && m.contains("[word]"), m);
    }

    @Test
    void duplicateComponentIdIsRejected() {
        TopologyBuilder b = new TopologyBuilder();
        b.setSpout("words", new TestWordSpout());
        // IllegalArgumentException where Storm's builder throws one.
        String m = message(() -> b.setBolt("words", new Sink()), IllegalArgumentException.class);
        assertTrue(m.contains("'words'") && m.contains("twice"), m);
    }

    @Test
    void parallelismBelowOneIsRejected() {
        TopologyBuilder b = new TopologyBuilder();
        String m = message(() -> b.setBolt("sink", new Sink(), 0), IllegalArgumentException.class);
        assertTrue(m.contains("'sink'") && m.contains("at least 1"), m);
        assertThrows(IllegalArgumentException.class, () -> b.addWorkerHook(null));
        String t = message(() -> b.setSpout("words", new TestWordSpout()).setNumTasks(0),
                InvalidTopologyException.class);
        assertTrue(t.contains("'words'"), t);
    }

    @Test
    void nonSerializableBoltNamesClassAndField() {
        TopologyBuilder b = new TopologyBuilder();
        b.setSpout("words", new TestWordSpout());
        b.setBolt("threaded", new HoldsAThread()).shuffleGrouping("words");
        String m = message(b::createTopology, InvalidTopologyException.class);
        assertTrue(m.contains("'threaded'") && m.contains("HoldsAThread.worker") && m.contains("java.lang.Thread"), m);
    }

    @Test
    void configValueOfTheWrongTypeNamesTheKey() {
        TopologyBuilder b = new TopologyBuilder();
        b.setSpout("words", new TestWordSpout());
        Config conf = new Config();
        conf.put(Config.TOPOLOGY_MAX_SPOUT_PENDING, "1000");
        try (LocalCluster cluster = new LocalCluster()) {
            String m = message(() -> cluster.submitTopology("bad-conf", conf, b.createTopology()),
                    InvalidConfigException.class);
            assertTrue(m.contains("topology.max.spout.pending") && m.contains("integer") && m.contains("\"1000\""), m);
            assertFalse(cluster.isRunning("bad-conf"));
        }
    }

    @Test
    void aMetricsConsumerThatCannotBeMadeOrFilteredIsRefusedAtSubmitNamingIt() {
        TopologyBuilder b = new TopologyBuilder();
        b.setSpout("words", new TestWordSpout());
        Config both = new Config();
        both.put(Config.TOPOLOGY_METRICS_CONSUMER_REGISTER, java.util.List.of(java.util.Map.of("class",
                io.squall.metric.LoggingMetricsConsumer.class.getName(), "whitelist", java.util.List.of("a"),
                "blacklist", java.util.List.of("b"))));
        Config missing = new Config();
        missing.put(Config.TOPOLOGY_METRICS_CONSUMER_REGISTER, java.util.List.of(java.util.Map.of("class",
                "no.such.Consumer")));
        try (LocalCluster cluster = new LocalCluster()) {
            String m = message(() -> cluster.submitTopology("bad-filter", both, b.createTopology()),
                    InvalidConfigException.class);
            assertTrue(m.contains("whitelist or a blacklist") && m.contains("not both"), m);
            m = message(() -> cluster.submitTopology("bad-consumer", missing, b.createTopology()),
                    InvalidConfigException.class);
            assertTrue(m.contains("'no.such.Consumer'") && m.contains("cannot be created"), m);
            assertFalse(cluster.isRunning("bad-filter") || cluster.isRunning("bad-consumer"));
        }
    }

    @Test
    void aNameAlreadyRunningIsRejected() {
        TopologyBuilder b = new TopologyBuilder();
        b.setSpout("words", new TestWordSpout());
        try (LocalCluster cluster = new LocalCluster()) {
            cluster.submitTopology("twice", new Config(), b.createTopology());
            String m = message(() -> cluster.submitTopology("twice", new Config(), b.createTopology()),
                    AlreadyAliveException.class);
            assertTrue(m.contains("'twice'"), m);
        }
    }

    @Test
    void killingAnUnknownTopologyNamesIt() {
        try (LocalCluster cluster = new LocalCluster()) {
            String m = message(() -> cluster.killTopology("ghost"), NotAliveException.class);
            assertTrue(m.contains("'ghost'"), m);
        }
    }

    /** A value class nobody registered with Kryo. */
    static final class Reading {
        final double value = 1.5;
    }

    static class EmitsReadings extends BaseRichSpout {
        private transient SpoutOutputCollector out;

        @Override
        public void open(Map<String, Object> conf, TopologyContext context, SpoutOutputCollector collector) {
            out = collector;
        }

        @Override
        public void nextTuple() {
            out.emit("readings", new Values(new Reading()));
        }

        @Override
        public void declareOutputFields(OutputFieldsDeclarer declarer) {
            declarer.declareStream("readings", new Fields("reading"));
        }
    }

    @Test
    @Timeout(30)
    void withAlwaysTrySerializeAnUnregisteredValueClassStopsTheTopologyNamingComponentStreamAndClass() {
        TopologyBuilder b = new TopologyBuilder();
        b.setSpout("meter", new EmitsReadings());
        b.setBolt("sink", new Sink()).shuffleGrouping("meter", "readings");
        Config conf = new Config();
        conf.put(Config.TOPOLOGY_TESTING_ALWAYS_TRY_SERIALIZE, true);
        try (LocalCluster cluster = new LocalCluster()) {
            cluster.submitTopology("unregistered", conf, b.createTopology());
            Await.until(Duration.ofSeconds(20), () -> !cluster.isRunning("unregistered"), () -> "topology to stop");
            String m = cluster.getTopologyFailure("unregistered").getMessage();
            assertTrue(m.contains("'meter'") && m.contains("'readings'") && m.contains(Reading.class.getName()), m);
        }
    }

    /**
     * As in Storm's local mode, a value that could not cross workers still reaches a task in the same worker; the
     * check names it in a warning instead of stopping a topology that Storm would run.
     */
    @Test
    @Timeout(30)
    void byDefaultAnUnregisteredValueClassIsLoggedAndStillReachesTheBoltInTheSameWorker() {
        TopologyBuilder b = new TopologyBuilder();
        b.setSpout("meter", new EmitsReadings());
        b.setBolt("sink", new Sink()).shuffleGrouping("meter", "readings");
        Logger log = (Logger) LoggerFactory.getLogger(SerializationCheck.class);
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        log.addAppender(logged);
        try (LocalCluster cluster = new LocalCluster()) {
            cluster.submitTopology("unregistered-passes", new Config(), b.createTopology());
            Await.until(Duration.ofSeconds(20),
                    () -> cluster.getComponentStats("unregistered-passes").get("sink").executed() > 1000,
                    () -> "1000 readings through the sink");
            assertEquals(null, cluster.getTopologyFailure("unregistered-passes"));
            List<String> warnings = logged.list.stream().map(ILoggingEvent::getFormattedMessage)
                    .filter(m -> m.contains(Reading.class.getName())).toList();
            assertEquals(1, warnings.size(), warnings.toString());
            assertTrue(warnings.get(0).contains("'meter'") && warnings.get(0).contains("'readings'")
                    && warnings.get(0).contains("Config.registerSerialization(Reading.class)"), warnings.get(0));
        } finally {
            log.detachAppender(logged);
        }
    }

    @Test
    @Timeout(30)
    void registeredValueClassPassesTheCheck() {
        TopologyBuilder b = new TopologyBuilder();
        b.setSpout("meter", new EmitsReadings());
        b.setBolt("sink", new Sink()).shuffleGrouping("meter", "readings");
        Config conf = new Config();
        conf.registerSerialization(Reading.class);
        try (LocalCluster cluster = new LocalCluster()) {
            cluster.submitTopology("registered", conf, b.createTopology());
            Await.until(Duration.ofSeconds(20),
                    () -> cluster.getComponentStats("registered").get("sink").executed() > 1000,
                    () -> "1000 readings through the sink");
            assertEquals(null, cluster.getTopologyFailure("registered"));
        }
    }

    /** Serializable, but never registered with Kryo. */
    static final class SerializableReading implements java.io.Serializable {
        private static final long serialVersionUID = 1L;
        final double value = 2.5;
    }

    static class EmitsSerializableReadings extends EmitsReadings {
        private transient SpoutOutputCollector out;

        @Override
        public void open(Map<String, Object> conf, TopologyContext context, SpoutOutputCollector collector) {
            out = collector;
        }

        @Override
        public void nextTuple() {
            out.emit("readings", new Values(new SerializableReading()));
        }
    }

    @Test
    @Timeout(30)
    void withoutFallBackOnJavaSerializationAndWithAlwaysTrySerializeAnUnregisteredSerializableValueStopsTheTopology() {
        TopologyBuilder b = new TopologyBuilder();
        b.setSpout("meter", new EmitsSerializableReadings());
        b.setBolt("sink", new Sink()).shuffleGrouping("meter", "readings");
        Config conf = new Config();
        conf.setFallBackOnJavaSerialization(false);
        conf.put(Config.TOPOLOGY_TESTING_ALWAYS_TRY_SERIALIZE, true);
        try (LocalCluster cluster = new LocalCluster()) {
            cluster.submitTopology("no-fallback", conf, b.createTopology());
            Await.until(Duration.ofSeconds(20), () -> !cluster.isRunning("no-fallback"), () -> "topology to stop");
            String m = cluster.getTopologyFailure("no-fallback").getMessage();
            assertTrue(m.contains("'meter'") && m.contains(SerializableReading.class.getName())
                    && m.contains("Config.registerSerialization(SerializableReading.class)"), m);
        }
    }

    @Test
    @Timeout(30)
    void anUnregisteredSerializableValuePassesTheCheckByDefault() {
        TopologyBuilder b = new TopologyBuilder();
        b.setSpout("meter", new EmitsSerializableReadings());
        b.setBolt("sink", new Sink()).shuffleGrouping("meter", "readings");
        try (LocalCluster cluster = new LocalCluster()) {
            cluster.submitTopology("fallback", new Config(), b.createTopology());
            Await.until(Duration.ofSeconds(20),
                    () -> cluster.getComponentStats("fallback").get("sink").executed() > 1000,
                    () -> "1000 readings through the sink");
            assertEquals(null, cluster.getTopologyFailure("fallback"));
        }
    }
}
