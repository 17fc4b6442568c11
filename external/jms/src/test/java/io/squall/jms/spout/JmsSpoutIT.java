package io.squall.jms.spout;

import io.squall.Await;
import io.squall.Config;
import io.squall.LocalCluster;
import io.squall.jms.Broker;
import io.squall.jms.QueueProvider;
import io.squall.jms.TextProducer;
import io.squall.task.OutputCollector;
import io.squall.task.TopologyContext;
import io.squall.topology.OutputFieldsDeclarer;
import io.squall.topology.TopologyBuilder;
import io.squall.topology.base.BaseRichBolt;
import io.squall.tuple.Tuple;
import org.apache.activemq.ActiveMQSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import javax.jms.Session;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The JMS spout against a real ActiveMQ broker: in each reliable acknowledge mode a bolt that fails every message's
 * first tuple still sees every message, and the broker ends with none left; with the broker stopped mid-run every
 * message is processed once it is back.
 */
@Timeout(180)
class JmsSpoutIT {
    static final Set<String> PROCESSED = ConcurrentHashMap.newKeySet();
    static final Set<String> FAILED_ONCE = ConcurrentHashMap.newKeySet();
    static final AtomicLong FAILS = new AtomicLong();

    private Broker broker;

    @BeforeEach
    void start() {
        PROCESSED.clear();
        FAILED_ONCE.clear();
        FAILS.set(0);
        broker = Broker.start("spout");
    }

    @AfterEach
    void stop() {
        broker.close();
    }

    /** Fails each text's first tuple when asked to, acks the rest and records them; waits {@code micros} each. */
    static final class Process extends BaseRichBolt {
        private static final long serialVersionUID = 1L;
        private final boolean failFirst;
        private final long micros;
        private transient OutputCollector collector;

        Process(boolean failFirst, long micros) {
            this.failFirst = failFirst;
            this.micros = micros;
        }

        @Override
        public void prepare(Map<String, Object> conf, TopologyContext context, OutputCollector collector) {
            this.collector = collector;
        }

        @Override
        public void execute(Tuple input) {
            String text = input.getString(0);
            if (micros > 0) {
                LockSupport.parkNanos(micros * 1000);
            }
            if (failFirst && FAILED_ONCE.add(text)) {
                FAILS.incrementAndGet();
                collector.fail(input);
                return;
            }
            PROCESSED.add(text);
            collector.ack(input);
        }

        @Override
        public void declareOutputFields(OutputFieldsDeclarer declarer) {
        }
    }

    private static List<String> texts(int n) {
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            texts.add("m" + i);
        }
        return texts;
    }

    private JmsSpout spout(String queue, int mode, boolean individual) {
        JmsSpout spout = new JmsSpout();
        spout.setJmsProvider(new QueueProvider(broker.url(), queue));
        spout.setJmsTupleProducer(new TextProducer());
        spout.setJmsAcknowledgeMode(mode);
        if (individual) {
            spout.setIndividualAcks();
        }
        return spout;
    }

    @ParameterizedTest(name = "acknowledge mode {0}")
    @ValueSource(ints = {Session.CLIENT_ACKNOWLEDGE, Session.SESSION_TRANSACTED,
            ActiveMQSession.INDIVIDUAL_ACKNOWLEDGE})
    void everyMessageIsProcessedThoughEachFailsOnceAndTheQueueEndsEmpty(int mode) {
        int n = 300;
        String queue = "in-" + mode;
        broker.send(queue, texts(n));
        TopologyBuilder b = new TopologyBuilder();
        b.setSpout("jms", spout(queue, mode, mode == ActiveMQSession.INDIVIDUAL_ACKNOWLEDGE));
        b.setBolt("process", new Process(true, 0), 2).shuffleGrouping("jms");
        try (LocalCluster cluster = new LocalCluster()) {
            cluster.submitTopology("jms-" + mode, new Config(), b.createTopology());
            Await.until(Duration.ofSeconds(90), () -> PROCESSED.size() == n,
                    () -> PROCESSED.size() + " of " + n + " messages processed, " + FAILS + " tuples failed");
            Await.until(Duration.ofSeconds(30), () -> broker.queued(queue) == 0,
                    () -> broker.queued(queue) + " messages still not acknowledged to the broker");
        }
        assertEquals(n, FAILS.get(), "each message's first tuple failed, and was replayed");
    }

    @Test
    void everyMessageIsProcessedThoughTheBrokerStopsMidRun() {
        int n = 2000;
        String queue = "restart";
        broker.send(queue, texts(n));
        TopologyBuilder b = new TopologyBuilder();
        b.setSpout("jms", spout(queue, Session.CLIENT_ACKNOWLEDGE, false));
        b.setBolt("process", new Process(false, 2000), 1).shuffleGrouping("jms");
        Config conf = new Config();
        conf.setMaxSpoutPending(50);
        try (LocalCluster cluster = new LocalCluster()) {
            cluster.submitTopology("jms-restart", conf, b.createTopology());
            Await.until(Duration.ofSeconds(60), () -> PROCESSED.size() >= 300,
                    () -> PROCESSED.size() + " messages processed, waiting for 300");
            broker.stop();
            assertTrue(PROCESSED.size() < n, "the run must still be going when the broker stops");
            LockSupport.parkNanos(Duration.ofMillis(1500).toNanos()); // the spout finds its connection broken
            broker.restart();
            Await.until(Duration.ofSeconds(120), () -> PROCESSED.size() == n,
                    () -> PROCESSED.size() + " of " + n + " messages processed after the broker came back");
            Await.until(Duration.ofSeconds(30), () -> broker.queued(queue) == 0,
                    () -> broker.queued(queue) + " messages still not acknowledged to the broker");
        }
    }

    @Test
    void aSpoutThatCannotWorkIsRefusedWhereTheTopologyIsBuilt() {
        TopologyBuilder noProducer = new TopologyBuilder();
        JmsSpout spout = new JmsSpout();
        spout.setJmsProvider(new QueueProvider(broker.url(), "q"));
        noProducer.setSpout("jms", spout);
        IllegalStateException e = assertThrows(IllegalStateException.class, noProducer::createTopology);
        assertTrue(e.getMessage().contains("setJmsTupleProducer"), e.getMessage());

        JmsSpout vendorMode = spout("q", ActiveMQSession.INDIVIDUAL_ACKNOWLEDGE, false);
        TopologyBuilder b = new TopologyBuilder();
        b.setSpout("jms", vendorMode);
        IllegalArgumentException mode = assertThrows(IllegalArgumentException.class, b::createTopology);
        assertTrue(mode.getMessage().contains("setIndividualAcks"), mode.getMessage());
    }
}
