package io.squall.runtime.executor;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.squall.Await;
import io.squall.Config;
import io.squall.LocalCluster;
import io.squall.task.OutputCollector;
import io.squall.task.TopologyContext;
import io.squall.testing.FeederSpout;
import io.squall.topology.OutputFieldsDeclarer;
import io.squall.topology.TopologyBuilder;
import io.squall.topology.base.BaseRichBolt;
import io.squall.tuple.Fields;
import io.squall.tuple.Tuple;
import io.squall.tuple.Values;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code topology.debug} logs emits, executes, acks and fails in Storm 2's words, and nothing without it. */
class TopologyDebugLogIT {
    private static final Duration DEADLINE = Duration.ofSeconds(30);
    private final List<Logger> loggers = List.of((Logger) LoggerFactory.getLogger(TaskOutput.class),
            (Logger) LoggerFactory.getLogger(BoltExecutor.class),
            (Logger) LoggerFactory.getLogger(SpoutExecutor.class));
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();

    /** Acks every word but "bad", which it fails. */
    public static class Judge extends BaseRichBolt {
        private transient OutputCollector collector;

        @Override
        public void prepare(Map<String, Object> conf, TopologyContext context, OutputCollector collector) {
            this.collector = collector;
        }

        @Override
        public void execute(Tuple input) {
            if (input.getString(0).equals("bad")) {
                collector.fail(input);
            } else {
                collector.ack(input);
            }
        }

        @Override
        public void declareOutputFields(OutputFieldsDeclarer declarer) {
        }
    }

    @BeforeEach
    void listen() {
        logged.start();
        for (Logger l : loggers) {
            l.setLevel(Level.INFO);
            l.addAppender(logged);
        }
    }

    @AfterEach
    void stopListening() {
        for (Logger l : loggers) {
            l.detachAppender(logged);
            l.setLevel(null);
        }
    }

    private long lines(String start) {
        synchronized (logged.list) {
            return logged.list.stream().filter(e -> e.getFormattedMessage().startsWith(start)).count();
        }
    }

    private void run(boolean debug, String name) {
        FeederSpout feeder = new FeederSpout(new Fields("word"));
        TopologyBuilder b = new TopologyBuilder();
        b.setSpout("words", feeder);
        b.setBolt("judge", new Judge()).shuffleGrouping("words");
        Config conf = new Config();
        conf.setDebug(debug);
        try (LocalCluster cluster = new LocalCluster()) {
            cluster.submitTopology(name, conf, b.createTopology());
            feeder.feed(new Values("good"), 1);
            feeder.feed(new Values("bad"), 2);
            Await.until(DEADLINE, () -> cluster.getComponentStats(name).get("words").acked() == 1
                    && cluster.getComponentStats(name).get("words").failed() == 1, () -> "one ack, one fail");
        }
    }

    @Test
    @Timeout(60)
    void debugLogsEveryStepOfATupleAsStorm2Does() {
        run(true, "debugged");
        assertEquals(2, lines("Emitting Tuple: taskId="), "the spout's two emits");
        assertEquals(2, lines("Processing received TUPLE: "));
        assertEquals(2, lines("Execute done TUPLE "));
        assertEquals(1, lines("BOLT ack TASK: "));
        assertEquals(1, lines("BOLT fail TASK: "));
        assertEquals(1, lines("SPOUT Acking message "));
        assertEquals(1, lines("SPOUT Failing "));
        synchronized (logged.list) {
            assertTrue(logged.list.stream().anyMatch(e -> e.getFormattedMessage().startsWith("SPOUT Failing ")
                    && e.getFormattedMessage().endsWith(": 2 REASON: FAIL-STREAM")), logged.list::toString);
        }
    }

    @Test
    @Timeout(60)
    void withoutDebugNothingIsLogged() {
        run(false, "quiet");
        for (String start : List.of("Emitting", "Processing received", "Execute done", "BOLT ", "SPOUT ")) {
            assertEquals(0, lines(start), start);
        }
    }
}
