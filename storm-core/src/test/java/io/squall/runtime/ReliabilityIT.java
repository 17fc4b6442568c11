package io.squall.runtime;

import io.squall.Await;
import io.squall.Config;
import io.squall.LocalCluster;
import io.squall.runtime.api.ComponentCounts;
import io.squall.spout.SpoutOutputCollector;
import io.squall.task.OutputCollector;
import io.squall.task.TopologyContext;
import io.squall.testing.AckTracker;
import io.squall.testing.FixedTupleSpout;
import io.squall.topology.OutputFieldsDeclarer;
import io.squall.topology.TopologyBuilder;
import io.squall.topology.base.BaseRichBolt;
import io.squall.topology.base.BaseRichSpout;
import io.squall.tuple.Fields;
import io.squall.tuple.Tuple;
import io.squall.tuple.Values;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReliabilityIT {
    /** Fails about 10% of its inputs at random, anchoring its emit to the rest. */
    static class RandomFailer extends BaseRichBolt {
        private transient OutputCollector out;

        @Override
        public void prepare(Map<String, Object> conf, TopologyContext context, OutputCollector collector) {
            out = collector;
        }

        @Override
        public void execute(Tuple input) {
            if (ThreadLocalRandom.current().nextInt(10) == 0) {
                out.fail(input);
            } else {
                out.emit(input, new Values(input.getValue(0)));
                out.ack(input);
            }
        }

        @Override
        public void declareOutputFields(OutputFieldsDeclarer declarer) {
            declarer.declare(new Fields("n"));
        }
    }

    /** Throws now and then instead of acking; the executor fails the input. */
    static class SometimesThrows extends BaseRichBolt {
        private transient OutputCollector out;

        @Override
        public void prepare(Map<String, Object> conf, TopologyContext context, OutputCollector collector) {
            out = collector;
        }

        @Override
        public void execute(Tuple input) {
            if (ThreadLocalRandom.current().nextInt(100) == 0) {
                throw new IllegalStateException("injected failure");
            }
            out.ack(input);
        }

        @Override
        public void declareOutputFields(OutputFieldsDeclarer declarer) {
        }
    }

    @Test
    @Timeout(120)
    void acksEveryMessageExactlyOnceWhenBoltsFailAndThrow() {
        int n = 100_000;
        List<List<Object>> input = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            input.add(new Values(i));
        }
        AckTracker tracker = AckTracker.named("reliability");
        TopologyBuilder builder = new TopologyBuilder();
        builder.setSpout("spout", new FixedTupleSpout(input, new Fields("n"), "reliability"));
        builder.setBolt("failer", new RandomFailer(), 2).shuffleGrouping("spout");
        builder.setBolt("thrower", new SometimesThrows(), 2).shuffleGrouping("failer");
        Config conf = new Config();
        conf.setMaxSpoutPending(1000);
        try (LocalCluster cluster = new LocalCluster()) {
            cluster.submitTopology("reliability", conf, builder.createTopology());
            Await.until(Duration.ofSeconds(100), () -> tracker.distinctAcked() == n,
                    () -> tracker.distinctAcked() + " of " + n + " acked, " + tracker.totalFails() + " fails");
            ComponentCounts spout = cluster.getComponentStats("reliability").get("spout");
            assertEquals(n, tracker.totalAcks(), "every id acked exactly once");
            for (int i = 0; i < n; i++) {
                assertEquals(1, tracker.acks(i), "acks of id " + i);
            }
            // Each fail was replayed (FixedTupleSpout re-emits failed ids), and replays were acked.
            assertTrue(tracker.totalFails() > n / 20, "about 11% of attempts fail: " + tracker.totalFails());
            assertEquals(tracker.totalFails(), spout.failed() + spout.timedOut());
            assertEquals(0, spout.timedOut(), "no tree should time out");
            Map<String, Long> by = spout.failedBy();
            assertTrue(by.get("failer") > 0 && by.get("thrower") > 0, "failing components recorded: " + by);
            assertTrue(cluster.getErrors("reliability", "thrower").size() > 0, "thrown errors are reported");
        } finally {
            AckTracker.remove("reliability");
        }
    }

    /** Never acks. */
    static class BlackHole extends BaseRichBolt {
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

    @Test
    @Timeout(60)
    void failsTuplesThatAreNeverAckedAfterTheMessageTimeout() {
        AckTracker tracker = AckTracker.named("timeout");
        List<List<Object>> input = List.of(new Values(1), new Values(2), new Values(3));
        TopologyBuilder builder = new TopologyBuilder();
        builder.setSpout("spout", new FixedTupleSpout(input, new Fields("n"), "timeout"));
        builder.setBolt("hole", new BlackHole()).shuffleGrouping("spout");
        Config conf = new Config();
        conf.setMessageTimeoutSecs(1);
        try (LocalCluster cluster = new LocalCluster()) {
            long start = System.nanoTime();
            cluster.submitTopology("timeout", conf, builder.createTopology());
            Await.until(Duration.ofSeconds(20), () -> tracker.totalFails() >= 3, () -> tracker.totalFails() + " fails");
            double secs = (System.nanoTime() - start) / 1e9;
            assertTrue(secs >= 1.0, "failed after the timeout, not before: " + secs + "s");
            ComponentCounts spout = cluster.getComponentStats("timeout").get("spout");
            assertTrue(spout.timedOut() >= 3);
            assertEquals(0, spout.failed(), "timeouts are not counted as explicit fails");
            assertEquals(0, tracker.totalAcks());
        } finally {
            AckTracker.remove("timeout");
        }
    }

    static final AtomicInteger MAX_SEEN_PENDING = new AtomicInteger();

    /** Emits forever, recording the largest pending count it sees. */
    static class CountingSpout extends BaseRichSpout {
        private transient SpoutOutputCollector out;
        private transient long next;

        @Override
        public void open(Map<String, Object> conf, TopologyContext context, SpoutOutputCollector collector) {
            out = collector;
        }

        @Override
        public void nextTuple() {
            MAX_SEEN_PENDING.accumulateAndGet((int) out.getPendingCount(), Math::max);
            out.emit(new Values(next), next++);
        }

        @Override
        public void declareOutputFields(OutputFieldsDeclarer declarer) {
            declarer.declare(new Fields("n"));
        }
    }

    /** Acks slowly. */
    static class SlowAcker extends BaseRichBolt {
        private transient OutputCollector out;

        @Override
        public void prepare(Map<String, Object> conf, TopologyContext context, OutputCollector collector) {
            out = collector;
        }

        @Override
        public void execute(Tuple input) {
            java.util.concurrent.locks.LockSupport.parkNanos(20_000);
            out.ack(input);
        }

        @Override
        public void declareOutputFields(OutputFieldsDeclarer declarer) {
        }
    }

    @Test
    @Timeout(60)
    void neverExceedsMaxSpoutPending() {
        TopologyBuilder builder = new TopologyBuilder();
        builder.setSpout("spout", new CountingSpout());
        builder.setBolt("slow", new SlowAcker()).shuffleGrouping("spout");
        Config conf = new Config();
        conf.setMaxSpoutPending(50);
        try (LocalCluster cluster = new LocalCluster()) {
            cluster.submitTopology("pending", conf, builder.createTopology());
            Await.until(Duration.ofSeconds(30),
                    () -> cluster.getComponentStats("pending").get("spout").acked() > 2_000,
                    () -> "2000 acks");
        }
        assertTrue(MAX_SEEN_PENDING.get() <= 50, "pending reached " + MAX_SEEN_PENDING.get());
        assertTrue(MAX_SEEN_PENDING.get() >= 40, "the spout did fill its window: " + MAX_SEEN_PENDING.get());
    }

    @Test
    @Timeout(60)
    void withZeroAckersTuplesAreAckedAtEmit() {
        AckTracker tracker = AckTracker.named("noack");
        List<List<Object>> input = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            input.add(new Values(i));
        }
        TopologyBuilder builder = new TopologyBuilder();
        builder.setSpout("spout", new FixedTupleSpout(input, new Fields("n"), "noack"));
        builder.setBolt("hole", new BlackHole()).shuffleGrouping("spout");
        Config conf = new Config();
        conf.setNumAckers(0);
        try (LocalCluster cluster = new LocalCluster()) {
            cluster.submitTopology("noack", conf, builder.createTopology());
            Await.until(Duration.ofSeconds(20), () -> tracker.distinctAcked() == 500,
                    () -> tracker.distinctAcked() + " of 500 acked");
            assertEquals(500, tracker.totalAcks(), "a bolt that never acks does not matter without ackers");
            assertEquals(0, tracker.totalFails());
        } finally {
            AckTracker.remove("noack");
        }
    }
}
