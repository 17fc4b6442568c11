package io.squall.jms.bolt;

import io.squall.Await;
import io.squall.Config;
import io.squall.LocalCluster;
import io.squall.jms.Broker;
import io.squall.jms.JmsMessageProducer;
import io.squall.jms.QueueProvider;
import io.squall.jms.trident.JmsState;
import io.squall.jms.trident.JmsStateFactory;
import io.squall.jms.trident.JmsUpdater;
import io.squall.testing.AckTracker;
import io.squall.testing.FixedTupleSpout;
import io.squall.topology.TopologyBuilder;
import io.squall.trident.TridentTopology;
import io.squall.trident.testing.FixedBatchSpout;
import io.squall.tuple.Fields;
import io.squall.tuple.ITuple;
import io.squall.tuple.Values;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import javax.jms.JMSException;
import javax.jms.Message;
import javax.jms.Session;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The JMS bolt and Trident state sending to a real ActiveMQ broker, which is down when the bolt starts and goes away
 * in the middle of the Trident run.
 */
@Timeout(180)
class JmsBoltIT {
    private Broker broker;

    @BeforeEach
    void start() {
        broker = Broker.start("bolt");
    }

    @AfterEach
    void stop() {
        broker.close();
    }

    /** A text message of the tuple's first field. */
    public static class TextMessages implements JmsMessageProducer {
        private static final long serialVersionUID = 1L;

        @Override
        public Message toMessage(Session session, ITuple input) throws JMSException {
            return session.createTextMessage(input.getString(0));
        }
    }

    private static List<List<Object>> words(int n) {
        List<List<Object>> words = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            words.add(new Values("w" + i));
        }
        return words;
    }

    private static Set<String> expected(int n) {
        Set<String> all = new HashSet<>();
        for (int i = 0; i < n; i++) {
            all.add("w" + i);
        }
        return all;
    }

    @Test
    void tuplesFailWhileTheBrokerIsDownAndAreAllSentOnceItIsUp() {
        int n = 200;
        AckTracker acks = AckTracker.named("jms-bolt");
        JmsBolt bolt = new JmsBolt();
        bolt.setJmsProvider(new QueueProvider(broker.url(), "out"));
        bolt.setJmsMessageProducer(new TextMessages());
        TopologyBuilder b = new TopologyBuilder();
        b.setSpout("words", new FixedTupleSpout(words(n), new Fields("word"), "jms-bolt"));
        b.setBolt("send", bolt, 2).shuffleGrouping("words");
        try (LocalCluster cluster = new LocalCluster()) {
            broker.stop();
            cluster.submitTopology("jms-bolt", new Config(), b.createTopology());
            Await.until(Duration.ofSeconds(30), () -> acks.totalFails() >= 20,
                    () -> acks.totalFails() + " tuples failed while the broker is down");
            assertEquals(0, acks.distinctAcked());
            broker.restart();
            Await.until(Duration.ofSeconds(120), () -> acks.distinctAcked() == n,
                    () -> acks.distinctAcked() + " of " + n + " tuples acked after the broker came up");
        } finally {
            AckTracker.remove("jms-bolt");
        }
        assertEquals(expected(n), new HashSet<>(broker.drain("out", 1000)), "every word was sent");
    }

    @Test
    void theTridentStateSendsEveryTupleOfEveryBatchThoughTheBrokerStopsMidRun() {
        int n = 600;
        TridentTopology t = new TridentTopology();
        t.newStream("words", new FixedBatchSpout(new Fields("word"), 7, words(n)))
                .partitionPersist(new JmsStateFactory(new JmsState.Options()
                                .withJmsProvider(new QueueProvider(broker.url(), "trident"))
                                .withMessageProducer(new TextMessages())),
                        new Fields("word"), new JmsUpdater());
        Set<String> received = ConcurrentHashMap.newKeySet();
        try (LocalCluster cluster = new LocalCluster()) {
            cluster.submitTopology("jms-trident", new Config(), t.build());
            Await.until(Duration.ofSeconds(60), () -> {
                received.addAll(broker.drain("trident", 50));
                return received.size() >= 50;
            }, () -> received.size() + " words received, waiting for 50");
            broker.stop();
            assertTrue(received.size() < n, "the run must still be going when the broker stops");
            LockSupport.parkNanos(Duration.ofMillis(1500).toNanos()); // batches fail meanwhile
            broker.restart();
            Await.until(Duration.ofSeconds(120), () -> {
                received.addAll(broker.drain("trident", 200));
                return received.size() == n;
            }, () -> received.size() + " of " + n + " words received");
        }
        assertEquals(expected(n), received);
    }

    @Test
    void componentsThatCannotWorkAreRefusedWhereTheTopologyIsBuilt() {
        TopologyBuilder b = new TopologyBuilder();
        JmsBolt bolt = new JmsBolt();
        bolt.setJmsProvider(new QueueProvider(broker.url(), "out"));
        b.setBolt("send", bolt);
        IllegalStateException noProducer = assertThrows(IllegalStateException.class, b::createTopology);
        assertTrue(noProducer.getMessage().contains("setJmsMessageProducer"), noProducer.getMessage());
        IllegalStateException options = assertThrows(IllegalStateException.class,
                () -> new JmsStateFactory(new JmsState.Options().withMessageProducer(new TextMessages())));
        assertTrue(options.getMessage().contains("withJmsProvider"), options.getMessage());
    }
}
