package io.squall.jms.trident;

import io.squall.Await;
import io.squall.Config;
import io.squall.LocalCluster;
import io.squall.jms.Broker;
import io.squall.jms.QueueProvider;
import io.squall.jms.TextProducer;
import io.squall.topology.FailedException;
import io.squall.trident.TridentTopology;
import io.squall.trident.operation.BaseFilter;
import io.squall.trident.tuple.TridentTuple;
import io.squall.tuple.Fields;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import javax.jms.Session;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Trident JMS spout against a real ActiveMQ broker: a failed batch comes again with the same messages. */
@Timeout(120)
class TridentJmsSpoutIT {
    static final Set<String> SEEN = ConcurrentHashMap.newKeySet();
    static final AtomicInteger FAILED_BATCHES = new AtomicInteger();

    private Broker broker;

    @BeforeEach
    void start() {
        SEEN.clear();
        FAILED_BATCHES.set(0);
        broker = Broker.start("trident-spout");
    }

    @AfterEach
    void stop() {
        broker.close();
    }

    /** Fails the batch of the first three tuples it sees whose text ends in 7; records the rest. */
    static final class FailSome extends BaseFilter {
        private static final long serialVersionUID = 1L;
        private static final Set<String> FAILED = ConcurrentHashMap.newKeySet();

        @Override
        public boolean isKeep(TridentTuple tuple) {
            String text = tuple.getString(0);
            if (text.endsWith("7") && FAILED.size() < 3 && FAILED.add(text)) {
                FAILED_BATCHES.incrementAndGet();
                throw new FailedException("fail the batch of " + text);
            }
            SEEN.add(text);
            return true;
        }
    }

    @Test
    void everyMessageOfAFailedBatchComesAgainAndTheQueueEndsEmpty() {
        int n = 500;
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            texts.add("m" + i);
        }
        broker.send("trident-in", texts);
        TridentTopology t = new TridentTopology();
        t.newStream("jms", new TridentJmsSpout().named("in")
                        .withJmsProvider(new QueueProvider(broker.url(), "trident-in"))
                        .withTupleProducer(new TextProducer())
                        .withJmsAcknowledgeMode(Session.CLIENT_ACKNOWLEDGE))
                .each(new Fields("text"), new FailSome());
        Config conf = new Config();
        conf.put(TridentJmsSpout.MAX_BATCH_SIZE_CONF, 50);
        try (LocalCluster cluster = new LocalCluster()) {
            cluster.submitTopology("trident-jms", conf, t.build());
            Await.until(Duration.ofSeconds(60), () -> SEEN.size() == n,
                    () -> SEEN.size() + " of " + n + " messages seen, " + FAILED_BATCHES + " batches failed");
            Await.until(Duration.ofSeconds(30), () -> broker.queued("trident-in") == 0,
                    () -> broker.queued("trident-in") + " messages still not acknowledged to the broker");
        }
        assertEquals(3, FAILED_BATCHES.get());
    }

    @Test
    void aSpoutThatCannotWorkIsRefusedSayingWhatIsMissing() {
        IllegalStateException missing = assertThrows(IllegalStateException.class,
                () -> new TridentJmsSpout().named("x").getOutputFields());
        assertTrue(missing.getMessage().contains("withTupleProducer"), missing.getMessage());
        IllegalArgumentException mode = assertThrows(IllegalArgumentException.class,
                () -> new TridentJmsSpout().withJmsAcknowledgeMode(Session.SESSION_TRANSACTED));
        assertTrue(mode.getMessage().contains("CLIENT_ACKNOWLEDGE"), mode.getMessage());
    }
}
