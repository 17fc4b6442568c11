package io.squall;

import io.squall.spout.SpoutOutputCollector;
import io.squall.task.OutputCollector;
import io.squall.task.TopologyContext;
import io.squall.testing.AckFailMapTracker;
import io.squall.testing.CompleteTopologyParam;
import io.squall.testing.FeederSpout;
import io.squall.testing.FixedTuple;
import io.squall.testing.MkClusterParam;
import io.squall.testing.MockedSources;
import io.squall.testing.TestWordSpout;
import io.squall.topology.OutputFieldsDeclarer;
import io.squall.topology.TopologyBuilder;
import io.squall.topology.base.BaseRichBolt;
import io.squall.topology.base.BaseRichSpout;
import io.squall.topology.base.BaseWindowedBolt;
import io.squall.tuple.Fields;
import io.squall.tuple.Tuple;
import io.squall.tuple.Values;
import io.squall.utils.Time;
import io.squall.utils.TupleUtils;
import io.squall.windowing.TupleWindow;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Topologies on simulated time, written as Storm users write such tests: minutes of message timeouts, tick
 * tuples and time windows pass in a fraction of a second of wall time.
 */
class SimulatedTimeIT {
    /** What the components saw; they are copies made from the serialized topology, so they report here. */
    private static final AtomicInteger TICKS = new AtomicInteger();
    private static final Queue<Long> TICK_TIMES = new ConcurrentLinkedQueue<>();
    private static final Queue<List<Object>> WINDOWS = new ConcurrentLinkedQueue<>();
    private static final AtomicInteger EXECUTED = new AtomicInteger();

    @BeforeEach
    void reset() {
        TICKS.set(0);
        TICK_TIMES.clear();
        WINDOWS.clear();
        EXECUTED.set(0);
    }

    /** Counts tick tuples, with the simulated time each arrived at, and swallows (never acks) other tuples. */
    public static class TickCounter extends BaseRichBolt {
        @Override
        public void prepare(Map<String, Object> conf, TopologyContext context, OutputCollector collector) {
        }

        @Override
        public void execute(Tuple input) {
            if (TupleUtils.isTick(input)) {
                TICKS.incrementAndGet();
                TICK_TIMES.add(Time.currentTimeMillis());
            } else {
                EXECUTED.incrementAndGet();
            }
        }

        @Override
        public Map<String, Object> getComponentConfiguration() {
            return TupleUtils.putTickFrequencyIntoComponentConfig(null, 10);
        }

        @Override
        public void declareOutputFields(OutputFieldsDeclarer declarer) {
        }
    }

    @Test
    @Timeout(60)
    void tickTuplesArriveEveryTenSimulatedSecondsAndAThirtySecondTimeoutFailsOnlyAfterThirty() {
        long wallStart = System.nanoTime();
        Testing.withSimulatedTimeLocalCluster(cluster -> {
            FeederSpout feeder = new FeederSpout(new Fields("n"));
            AckFailMapTracker tracker = new AckFailMapTracker();
            feeder.setAckFailDelegate(tracker);
            TopologyBuilder builder = new TopologyBuilder();
            builder.setSpout("feeder", feeder);
            builder.setBolt("swallow", new TickCounter()).shuffleGrouping("feeder");
            Config conf = new Config();
            conf.setMessageTimeoutSecs(30);
            cluster.submitTopology("sim", conf, builder.createTopology());
            feeder.feed(new Values(1), "one");
            cluster.advanceClusterTime(1);
            assertEquals(1, EXECUTED.get());

            cluster.advanceClusterTime(28);
            assertEquals(29_000, Time.currentTimeMillis());
            assertFalse(tracker.isFailed("one"), "29 s is within the 30 s timeout");
            assertEquals(List.of(10_000L, 20_000L), List.copyOf(TICK_TIMES), "a tick every 10 s of simulated time");

            cluster.advanceClusterTime(300);
            assertTrue(tracker.isFailed("one"), "the tuple timed out");
            assertFalse(tracker.isAcked("one"));
            assertEquals(32, TICKS.get(), "a tick every 10 s for 329 s");
        });
        long wallMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - wallStart);
        assertTrue(wallMs < 20_000, "five minutes of simulated time took " + wallMs + " ms of wall time");
        assertFalse(Time.isSimulating(), "the cluster's simulation ended with it");
    }

    /** Emits the count of each window it is given. */
    public static class WindowCounter extends BaseWindowedBolt {
        private OutputCollector collector;

        @Override
        public void prepare(Map<String, Object> conf, TopologyContext context, OutputCollector collector) {
            this.collector = collector;
        }

        @Override
        public void execute(TupleWindow window) {
            List<Object> values = window.get().stream().map(t -> t.getValue(0)).toList();
            WINDOWS.add(List.of(Time.currentTimeMillis(), values));
        }
    }

    @Test
    @Timeout(60)
    void aTumblingTimeWindowFiresWhenSimulatedTimePassesItsEnd() {
        Testing.withSimulatedTimeLocalCluster(cluster -> {
            FeederSpout feeder = new FeederSpout(new Fields("n"));
            TopologyBuilder builder = new TopologyBuilder();
            builder.setSpout("feeder", feeder);
            builder.setBolt("window", new WindowCounter().withTumblingWindow(BaseWindowedBolt.Duration.seconds(10)))
                    .shuffleGrouping("feeder");
            Config conf = new Config();
            conf.setMessageTimeoutSecs(60);
            cluster.submitTopology("windows", conf, builder.createTopology());
            feeder.feed(new Values("a"), 1);
            feeder.feed(new Values("b"), 2);
            cluster.advanceClusterTime(5);
            assertTrue(WINDOWS.isEmpty(), "the first window has not ended yet: " + WINDOWS);
            feeder.feed(new Values("c"), 3);
            cluster.advanceClusterTime(10);
            feeder.feed(new Values("d"), 4);
            cluster.advanceClusterTime(30);
            List<List<Object>> windows = List.copyOf(WINDOWS);
            assertEquals(List.of("a", "b", "c"), windows.get(0).get(1), "window [0, 10 s): " + windows);
            assertEquals(List.of("d"), windows.get(1).get(1), "window [10 s, 20 s): " + windows);
            assertEquals(10_000L, windows.get(0).get(0), "fired at its end, 10 s");
            assertEquals(20_000L, windows.get(1).get(0));
        });
    }

    /** Fails nothing and acks nothing: only the message timeout ends its tuples' trees. */
    public static class Swallow extends BaseRichBolt {
        @Override
        public void prepare(Map<String, Object> conf, TopologyContext context, OutputCollector collector) {
        }

        @Override
        public void execute(Tuple input) {
            EXECUTED.incrementAndGet();
        }

        @Override
        public void declareOutputFields(OutputFieldsDeclarer declarer) {
        }
    }

    @Test
    @Timeout(60)
    void completeTopologyAdvancesSimulatedTimeUntilTimedOutTuplesHaveFailed() {
        MkClusterParam param = new MkClusterParam();
        param.setDaemonConf(Map.of(Config.TOPOLOGY_MESSAGE_TIMEOUT_SECS, 120));
        long wallStart = System.nanoTime();
        Testing.withSimulatedTimeLocalCluster(param, cluster -> {
            TopologyBuilder builder = new TopologyBuilder();
            builder.setSpout("words", new TestWordSpout(true));
            builder.setBolt("swallow", new Swallow()).shuffleGrouping("words");
            MockedSources sources = new MockedSources();
            sources.addMockData("words", new Values("x"), new Values("y"));
            CompleteTopologyParam p = new CompleteTopologyParam();
            p.setMockedSources(sources);
            Map<String, List<FixedTuple>> result = Testing.completeTopology(cluster, builder.createTopology(), p);
            assertEquals(List.of(List.of("x"), List.of("y")), Testing.readTuples(result, "words"));
            assertTrue(Time.currentTimeMillis() >= 120_000, "the 120 s timeout passed in simulated time: "
                    + Time.currentTimeMillis());
            assertEquals(2, EXECUTED.get());
        });
        long wallMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - wallStart);
        assertTrue(wallMs < 20_000, "took " + wallMs + " ms of wall time");
    }

    /** Sleeps a simulated second before each emit, as Storm's spouts often do. */
    public static class SleepySpout extends BaseRichSpout {
        private SpoutOutputCollector collector;
        private int n;

        @Override
        public void open(Map<String, Object> conf, TopologyContext context, SpoutOutputCollector collector) {
            this.collector = collector;
        }

        @Override
        public void nextTuple() {
            io.squall.utils.Utils.sleep(1000);
            collector.emit(new Values(n++));
        }

        @Override
        public void declareOutputFields(OutputFieldsDeclarer declarer) {
            declarer.declare(new Fields("n"));
        }
    }

    @Test
    @Timeout(60)
    void aSpoutThatSleepsEmitsOncePerSimulatedSleepAndTheClusterClosesWhileItSleeps() {
        try (LocalCluster cluster = new LocalCluster.Builder().withSimulatedTime().build()) {
            assertTrue(Time.isSimulating());
            TopologyBuilder builder = new TopologyBuilder();
            builder.setSpout("sleepy", new SleepySpout());
            builder.setBolt("swallow", new Swallow()).shuffleGrouping("sleepy");
            cluster.submitTopology("sleepy", new Config(), builder.createTopology());
            cluster.advanceClusterTime(20);
            assertEquals(20, EXECUTED.get(), "one tuple per simulated second");
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
        assertFalse(Time.isSimulating());
    }

    @Test
    void advancingAClusterOnRealTimeIsRefusedWithAHint() {
        try (LocalCluster cluster = new LocalCluster()) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> cluster.advanceClusterTime(1));
            assertTrue(e.getMessage().contains("withSimulatedTime"), e.getMessage());
        }
    }
}
