package io.squall.runtime.driver;

import io.squall.Config;
import io.squall.runtime.api.ComponentCounts;
import io.squall.runtime.driver.Fixtures.CountingSpout;
import io.squall.runtime.driver.Fixtures.PairBolt;
import io.squall.runtime.driver.Fixtures.RecordingBolt;
import io.squall.runtime.driver.Fixtures.SplitBolt;
import io.squall.runtime.driver.Fixtures.Then;
import io.squall.spout.SpoutOutputCollector;
import io.squall.task.OutputCollector;
import io.squall.task.TopologyContext;
import io.squall.testing.TopologyTestDriver;
import io.squall.topology.OutputFieldsDeclarer;
import io.squall.topology.TopologyBuilder;
import io.squall.topology.base.BaseRichBolt;
import io.squall.topology.base.BaseRichSpout;
import io.squall.tuple.Fields;
import io.squall.tuple.Tuple;
import io.squall.tuple.Values;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Tree tracking, spout pending and timeouts, on the deterministic driver and simulated time, with trees tracked
 * by their spouts' executors (the default); {@link AckerExecutorsDriverTest} runs the same with acker executors.
 */
@Timeout(value = 5, unit = TimeUnit.SECONDS)
class AckingDriverTest {
    private static final Duration SECOND = Duration.ofSeconds(1);

    @AfterEach
    void clearLogs() {
        Fixtures.LOGS.clear();
    }

    Config conf() {
        Config conf = new Config();
        conf.setNumAckers(1);
        conf.setMessageTimeoutSecs(30);
        return conf;
    }

    private static List<String> sorted(String log) {
        return Fixtures.log(log).stream().map(String::valueOf).sorted().collect(Collectors.toList());
    }

    private static List<String> expected(String verb, int n) {
        return IntStream.range(0, n).mapToObj(i -> verb + " " + i).sorted().collect(Collectors.toList());
    }

    @Test
    void completesTreesWhoseChildrenAreAnchoredToSeveralRoots() {
        TopologyBuilder b = new TopologyBuilder();
        b.setSpout("spout", new CountingSpout("multi", 10, 1));
        b.setBolt("split", new SplitBolt()).shuffleGrouping("spout");
        b.setBolt("pair", new PairBolt()).globalGrouping("split");
        b.setBolt("sink", new RecordingBolt("multi-sink", Then.ACK)).shuffleGrouping("pair");
        // Children of one tree pair up with children of the next: the pairs join trees 0+0, 1+1 ... or
        // (when split's order interleaves them) two trees; either way every tree completes exactly once.
        try (TopologyTestDriver d = new TopologyTestDriver(b.createTopology(), conf())) {
            d.runUntilIdle();
            assertEquals(expected("ack", 10), sorted("multi"));
            assertEquals(10, Fixtures.log("multi-sink").size(), "20 split tuples make 10 pairs");
            ComponentCounts spout = d.counts("spout");
            assertEquals(10, spout.acked());
            assertEquals(0, spout.failed() + spout.timedOut());
        }
    }

    @Test
    void keepsATreeOpenWhileAChildOfSeveralRootsIsPending() {
        TopologyBuilder b = new TopologyBuilder();
        b.setSpout("spout", new CountingSpout("partner", 3, 1));
        b.setBolt("pair", new PairBolt()).globalGrouping("spout");
        b.setBolt("sink", new RecordingBolt("partner-sink", Then.ACK)).shuffleGrouping("pair");
        try (TopologyTestDriver d = new TopologyTestDriver(b.createTopology(), conf())) {
            d.runUntilIdle();
            // Tuples 0 and 1 make one child of both trees, acked; tuple 2 waits for a partner that never comes.
            assertEquals(expected("ack", 2), sorted("partner"));
            d.advance(Duration.ofSeconds(40), SECOND);
            assertEquals(List.of("ack 0", "ack 1", "fail 2"), sorted("partner"));
        }
    }

    @Test
    void failsEveryTreeAFailedChildBelongsTo() {
        TopologyBuilder b = new TopologyBuilder();
        b.setSpout("spout", new CountingSpout("multi-fail", 4, 1));
        b.setBolt("pair", new PairBolt()).globalGrouping("spout");
        b.setBolt("sink", new RecordingBolt("multi-fail-sink", Then.FAIL)).shuffleGrouping("pair");
        try (TopologyTestDriver d = new TopologyTestDriver(b.createTopology(), conf())) {
            d.runUntilIdle();
            // Two children, each anchored to two trees, both failed: all four trees fail.
            assertEquals(expected("fail", 4), sorted("multi-fail"));
            ComponentCounts spout = d.counts("spout");
            assertEquals(4, spout.failed());
            assertEquals(4L, spout.failedBy().get("sink"));
        }
    }

    @Test
    void timesOutTreesAfterTheMessageTimeoutByRotatingBuckets() {
        TopologyBuilder b = new TopologyBuilder();
        b.setSpout("spout", new CountingSpout("timeout", 5, 1));
        b.setBolt("hold", new RecordingBolt("timeout-hold", Then.HOLD)).shuffleGrouping("spout");
        try (TopologyTestDriver d = new TopologyTestDriver(b.createTopology(), conf())) {
            d.runUntilIdle();
            assertEquals(5, Fixtures.log("timeout-hold").size());
            d.advance(Duration.ofSeconds(29), SECOND);
            assertEquals(List.of(), sorted("timeout"), "nothing expires before the timeout");
            // Buckets rotate every 10 s (timeout / 3): a tree expires between 30 and 40 s after its emit.
            d.advance(Duration.ofSeconds(11), SECOND);
            assertEquals(expected("fail", 5), sorted("timeout"));
            assertEquals(5, d.counts("spout").timedOut());
            assertEquals(0, d.counts("spout").failed());
        }
    }

    @Test
    void stopsCallingNextTupleAtMaxSpoutPending() {
        TopologyBuilder b = new TopologyBuilder();
        b.setSpout("spout", new CountingSpout("pending", -1, 1));
        b.setBolt("hold", new RecordingBolt("pending-hold", Then.HOLD)).shuffleGrouping("spout");
        Config conf = conf();
        conf.setMaxSpoutPending(7);
        try (TopologyTestDriver d = new TopologyTestDriver(b.createTopology(), conf)) {
            d.runUntilIdle();
            assertEquals(7, d.counts("spout").emitted());
            assertEquals(7, Fixtures.log("pending-hold").size());
            d.advance(Duration.ofSeconds(40), SECOND);
            // The 7 time out, which frees the spout for 7 more.
            assertEquals(7, d.counts("spout").timedOut());
            assertEquals(14, d.counts("spout").emitted());
        }
    }

    @Test
    void acksAtEmitWithoutAckers() {
        TopologyBuilder b = new TopologyBuilder();
        b.setSpout("spout", new CountingSpout("no-ackers", 6, 1));
        b.setBolt("hold", new RecordingBolt("no-ackers-hold", Then.HOLD)).shuffleGrouping("spout");
        Config conf = conf();
        conf.setNumAckers(0);
        try (TopologyTestDriver d = new TopologyTestDriver(b.createTopology(), conf)) {
            d.runUntilIdle();
            assertEquals(expected("ack", 6), sorted("no-ackers"));
            assertTrue(d.errors("spout").isEmpty());
        }
    }

    /** The driver the running test's {@link CountedSpout} reads its counts from. */
    private static volatile TopologyTestDriver current;

    /** A {@link CountingSpout} that logs, on each callback, the spout's acked and failed counts at that time. */
    static final class CountedSpout extends BaseRichSpout {
        private static final long serialVersionUID = 1L;
        private transient SpoutOutputCollector collector;
        private transient int next;

        @Override
        public void open(Map<String, Object> conf, TopologyContext context, SpoutOutputCollector collector) {
            this.collector = collector;
        }

        @Override
        public void nextTuple() {
            if (next < 200) {
                int n = next++;
                collector.emit(new Values("k", n), n);
            }
        }

        @Override
        public void ack(Object msgId) {
            ComponentCounts c = current.counts("spout");
            Fixtures.log("counted").add(c.acked() + c.failed() + c.timedOut());
        }

        @Override
        public void fail(Object msgId) {
            ack(msgId);
        }

        @Override
        public void declareOutputFields(OutputFieldsDeclarer declarer) {
            declarer.declare(new Fields("key", "n"));
        }
    }

    /** Fails the tuples whose second field is a multiple of 3, acks the others. */
    static final class FailEveryThirdBolt extends BaseRichBolt {
        private static final long serialVersionUID = 1L;
        private transient OutputCollector collector;

        @Override
        public void prepare(Map<String, Object> conf, TopologyContext context, OutputCollector collector) {
            this.collector = collector;
        }

        @Override
        public void execute(Tuple input) {
            if (input.getInteger(1) % 3 == 0) {
                collector.fail(input);
            } else {
                collector.ack(input);
            }
        }

        @Override
        public void declareOutputFields(OutputFieldsDeclarer declarer) {
        }
    }

    @Test
    void aSpoutCallbackSeesItsTreeCounted() {
        TopologyBuilder b = new TopologyBuilder();
        b.setSpout("spout", new CountedSpout());
        // Every third tuple fails, the rest are acked; the acks reach the spout in batches.
        b.setBolt("sink", new FailEveryThirdBolt()).shuffleGrouping("spout");
        try (TopologyTestDriver d = new TopologyTestDriver(b.createTopology(), conf())) {
            current = d;
            d.runUntilIdle();
            List<Object> counted = Fixtures.log("counted");
            assertEquals(200, counted.size());
            for (int i = 0; i < counted.size(); i++) {
                assertTrue((Long) counted.get(i) >= i + 1,
                        "callback " + i + " saw " + counted.get(i) + " trees counted");
            }
            assertEquals(200, d.counts("spout").acked() + d.counts("spout").failed());
        } finally {
            current = null;
        }
    }

    /**
     * Emits 40 seed trees; the callback of each seed (ack or fail) emits 50 more trees, so new trees take ring slots
     * while the trees of the same acker message still wait for their callbacks. Logs every id emitted and every id
     * called back.
     */
    static final class EmitsInCallbacksSpout extends BaseRichSpout {
        private static final long serialVersionUID = 1L;
        private transient SpoutOutputCollector collector;
        private int seeds;
        private int next;
        private final Set<Object> spawned = new HashSet<>();

        @Override
        public void open(Map<String, Object> conf, TopologyContext context, SpoutOutputCollector collector) {
            this.collector = collector;
        }

        @Override
        public void nextTuple() {
            if (seeds < 40) {
                emit("seed-" + seeds++);
            }
        }

        private void emit(String id) {
            Fixtures.log("emitted").add(id);
            collector.emit(new Values("k", next++), id);
        }

        @Override
        public void ack(Object msgId) {
            calledBack(msgId);
        }

        @Override
        public void fail(Object msgId) {
            calledBack(msgId);
        }

        private void calledBack(Object msgId) {
            Fixtures.log("called back").add(msgId);
            if (String.valueOf(msgId).startsWith("seed-") && spawned.add(msgId)) { // Once, whatever the runtime does.
                for (int j = 0; j < 50; j++) {
                    emit("child-" + msgId + "/" + j);
                }
            }
        }

        @Override
        public void declareOutputFields(OutputFieldsDeclarer declarer) {
            declarer.declare(new Fields("key", "n"));
        }
    }

    @Test
    void everyTreeIsCalledBackOnceWithItsOwnIdWhenCallbacksEmit() {
        TopologyBuilder b = new TopologyBuilder();
        b.setSpout("spout", new EmitsInCallbacksSpout());
        b.setBolt("sink", new FailEveryThirdBolt()).shuffleGrouping("spout");
        try (TopologyTestDriver d = new TopologyTestDriver(b.createTopology(), conf())) {
            d.runUntilIdle();
            List<Object> emitted = Fixtures.log("emitted");
            List<Object> calledBack = Fixtures.log("called back");
            assertEquals(40 + 40 * 50, emitted.size());
            assertEquals(emitted.stream().map(String::valueOf).sorted().collect(Collectors.toList()),
                    calledBack.stream().map(String::valueOf).sorted().collect(Collectors.toList()));
            assertEquals(emitted.size(), d.counts("spout").acked() + d.counts("spout").failed());
        }
    }

    /** Emits 120 trees, in turn on streams "s1" and "s2", each tuple (stream, n) with message id n. */
    static final class TwoStreamSpout extends BaseRichSpout {
        private static final long serialVersionUID = 1L;
        private transient SpoutOutputCollector collector;
        private transient int next;

        @Override
        public void open(Map<String, Object> conf, TopologyContext context, SpoutOutputCollector collector) {
            this.collector = collector;
        }

        @Override
        public void nextTuple() {
            if (next < 120) {
                int n = next++;
                String stream = n % 2 == 0 ? "s1" : "s2";
                collector.emit(stream, new Values(stream, n), n);
            }
        }

        @Override
        public void ack(Object msgId) {
            Fixtures.log("kept-spout").add("ack " + msgId);
        }

        @Override
        public void fail(Object msgId) {
            Fixtures.log("kept-spout").add("fail " + msgId);
        }

        @Override
        public void declareOutputFields(OutputFieldsDeclarer declarer) {
            declarer.declareStream("s1", new Fields("stream", "n"));
            declarer.declareStream("s2", new Fields("stream", "n"));
        }
    }

    /**
     * Keeps every tuple it is given; once it holds all 120, checks each one's stream and values, emits a child anchored
     * to each (acked by the sink), and acks them, last first.
     */
    static final class KeepAllBolt extends BaseRichBolt {
        private static final long serialVersionUID = 1L;
        private transient OutputCollector collector;
        private transient List<Tuple> kept;

        @Override
        public void prepare(Map<String, Object> conf, TopologyContext context, OutputCollector collector) {
            this.collector = collector;
            this.kept = new java.util.ArrayList<>();
        }

        @Override
        public void execute(Tuple input) {
            kept.add(input);
            if (kept.size() < 120) {
                return;
            }
            Set<Tuple> distinct = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
            distinct.addAll(kept);
            Fixtures.log("kept-bolt").add("distinct " + distinct.size());
            for (int i = kept.size() - 1; i >= 0; i--) {
                Tuple t = kept.get(i);
                boolean right = t.getSourceStreamId().equals(t.getString(0)) && t.getFields().size() == 2
                        && "spout".equals(t.getSourceComponent());
                Fixtures.log("kept-bolt").add((right ? "ok " : "wrong ") + t.getInteger(1));
                collector.emit(t, new Values(t.getInteger(1)));
                collector.ack(t);
            }
            kept.clear();
        }

        @Override
        public void declareOutputFields(OutputFieldsDeclarer declarer) {
            declarer.declare(new Fields("n"));
        }
    }

    @Test
    void tuplesABoltKeepsStayItsOwnAndAreAckedAndAnchoredToLater() {
        TopologyBuilder b = new TopologyBuilder();
        b.setSpout("spout", new TwoStreamSpout());
        b.setBolt("keep", new KeepAllBolt()).shuffleGrouping("spout", "s1").shuffleGrouping("spout", "s2");
        b.setBolt("sink", new RecordingBolt("kept-sink", Then.ACK)).shuffleGrouping("keep");
        Config conf = conf();
        conf.setMaxSpoutPending(1000);
        try (TopologyTestDriver d = new TopologyTestDriver(b.createTopology(), conf)) {
            d.runUntilIdle();
            List<String> bolt = Fixtures.log("kept-bolt").stream().map(String::valueOf).collect(Collectors.toList());
            assertEquals("distinct 120", bolt.get(0), "a tuple object per tree, none reused");
            assertEquals(expected("ok", 120), bolt.subList(1, bolt.size()).stream().sorted().collect(Collectors.toList()));
            assertEquals(expected("ack", 120), sorted("kept-spout"), "every tree acked once, after its child");
            assertEquals(120, Fixtures.log("kept-sink").size());
        }
    }
}
