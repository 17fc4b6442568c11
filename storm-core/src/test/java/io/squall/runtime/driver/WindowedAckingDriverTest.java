package io.squall.runtime.driver;

import io.squall.Config;
import io.squall.runtime.driver.Fixtures.Then;
import io.squall.spout.SpoutOutputCollector;
import io.squall.task.OutputCollector;
import io.squall.task.TopologyContext;
import io.squall.testing.TopologyTestDriver;
import io.squall.topology.OutputFieldsDeclarer;
import io.squall.topology.TopologyBuilder;
import io.squall.topology.base.BaseRichSpout;
import io.squall.topology.base.BaseWindowedBolt;
import io.squall.tuple.Fields;
import io.squall.tuple.Tuple;
import io.squall.tuple.Values;
import io.squall.windowing.TupleWindow;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A window by duration keeps compact copies of its tuples (one value or several): anchoring to them, acking them when they leave and
 * failing them when the window throws must reach the spout as for the tuples themselves.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class WindowedAckingDriverTest {
    private static final int TUPLES = 5;

    /**
     * Emits {@link #TUPLES} tuples (n), or (n, "v" + n) with {@code pairs}, with message id n; logs "ack n" and
     * "fail n" in "spout".
     */
    static final class NumberSpout extends BaseRichSpout {
        private static final long serialVersionUID = 1L;
        private final boolean pairs;
        private transient SpoutOutputCollector collector;
        private transient int next;

        NumberSpout(boolean pairs) {
            this.pairs = pairs;
        }

        @Override
        public void open(Map<String, Object> conf, TopologyContext context, SpoutOutputCollector collector) {
            this.collector = collector;
        }

        @Override
        public void nextTuple() {
            if (next < TUPLES) {
                int n = next++;
                collector.emit(pairs ? new Values(n, "v" + n) : new Values(n), n);
            }
        }

        @Override
        public void ack(Object msgId) {
            Fixtures.log("spout").add("ack " + msgId);
        }

        @Override
        public void fail(Object msgId) {
            Fixtures.log("spout").add("fail " + msgId);
        }

        @Override
        public void declareOutputFields(OutputFieldsDeclarer declarer) {
            declarer.declare(pairs ? new Fields("n", "v") : new Fields("n"));
        }
    }

    /** Logs each window's values; emits a child anchored to each tuple, or throws when told to. */
    static final class AnchoringWindow extends BaseWindowedBolt {
        private static final long serialVersionUID = 1L;
        private final boolean fail;
        private transient OutputCollector collector;

        AnchoringWindow(boolean fail) {
            this.fail = fail;
        }

        @Override
        public void prepare(Map<String, Object> conf, TopologyContext context, OutputCollector collector) {
            this.collector = collector;
        }

        @Override
        public void execute(TupleWindow window) {
            List<Object> values = new ArrayList<>();
            for (Tuple t : window.get()) {
                values.add(t.getIntegerByField("n"));
                if (!fail) {
                    collector.emit(t, new Values(t.getValue(0)));
                }
            }
            Fixtures.log("windows").add(values);
            if (fail) {
                throw new IllegalStateException("the window fails on purpose");
            }
        }

        @Override
        public void declareOutputFields(OutputFieldsDeclarer declarer) {
            declarer.declare(new Fields("n"));
        }
    }

    @AfterEach
    void clearLogs() {
        Fixtures.LOGS.clear();
    }

    private static TopologyTestDriver driver(boolean failWindow, Then downstream) {
        return driver(false, failWindow, downstream);
    }

    private static TopologyTestDriver driver(boolean pairs, boolean failWindow, Then downstream) {
        TopologyBuilder b = new TopologyBuilder();
        b.setSpout("spout", new NumberSpout(pairs));
        b.setBolt("window", new AnchoringWindow(failWindow).withTumblingWindow(BaseWindowedBolt.Duration.seconds(10)))
                .shuffleGrouping("spout");
        b.setBolt("sink", new Fixtures.RecordingBolt("sink", downstream)).shuffleGrouping("window");
        Config conf = new Config();
        conf.setNumAckers(1);
        conf.setMessageTimeoutSecs(60);
        return new TopologyTestDriver(b.createTopology(), conf);
    }

    private static List<Object> spoutLog(String verb) {
        List<Object> expected = new ArrayList<>();
        for (int n = 0; n < TUPLES; n++) {
            expected.add(verb + " " + n);
        }
        return expected;
    }

    @Test
    void aWindowedTupleIsAckedOnceTheChildrenAnchoredToItAre() {
        try (TopologyTestDriver d = driver(false, Then.ACK)) {
            d.runUntilIdle();
            d.advance(Duration.ofSeconds(11), Duration.ofSeconds(1));
            d.runUntilIdle();
            assertEquals(List.of(List.of(0, 1, 2, 3, 4)), Fixtures.log("windows"));
            assertEquals(TUPLES, Fixtures.log("sink").size());
            assertEquals(spoutLog("ack"), Fixtures.log("spout"));
        }
    }

    @Test
    void aWindowedTupleWithSeveralValuesIsAckedOnceTheChildrenAnchoredToItAre() {
        try (TopologyTestDriver d = driver(true, false, Then.ACK)) {
            d.runUntilIdle();
            d.advance(Duration.ofSeconds(11), Duration.ofSeconds(1));
            d.runUntilIdle();
            assertEquals(List.of(List.of(0, 1, 2, 3, 4)), Fixtures.log("windows"));
            assertEquals(spoutLog("ack"), Fixtures.log("spout"));
        }
    }

    @Test
    void aWindowedTupleWhoseChildIsHeldStaysPendingAfterItLeavesTheWindow() {
        try (TopologyTestDriver d = driver(false, Then.HOLD)) {
            d.runUntilIdle();
            d.advance(Duration.ofSeconds(11), Duration.ofSeconds(1));
            d.runUntilIdle();
            assertEquals(TUPLES, Fixtures.log("sink").size());
            assertEquals(List.of(), Fixtures.log("spout"), "the children anchored to the window's tuples are held");
            assertEquals(TUPLES, d.counts("window").acked(), "the window acked each tuple as it left");
        }
    }

    @Test
    void theTuplesOfAWindowThatThrowsAreFailedAndNotAcked() {
        try (TopologyTestDriver d = driver(true, Then.ACK)) {
            d.runUntilIdle();
            d.advance(Duration.ofSeconds(11), Duration.ofSeconds(1));
            d.runUntilIdle();
            assertEquals(List.of(List.of(0, 1, 2, 3, 4)), Fixtures.log("windows"));
            assertEquals(spoutLog("fail"), Fixtures.log("spout"));
        }
    }
}
