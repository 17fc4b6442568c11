package io.squall.runtime;

import io.squall.Config;
import io.squall.config.InvalidConfigException;
import io.squall.testing.TestWordSpout;
import io.squall.topology.TopologyBuilder;
import io.squall.topology.base.BaseWindowedBolt;
import io.squall.windowing.TupleWindow;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The checks Nimbus runs at submit and a worker at start, without starting anything. */
class TopologyCheckTest {
    static class Windowed extends BaseWindowedBolt {
        @Override
        public void execute(TupleWindow window) {
        }
    }

    private static TopologyBuilder builder(BaseWindowedBolt bolt) {
        TopologyBuilder b = new TopologyBuilder();
        b.setSpout("words", new TestWordSpout());
        b.setBolt("window", bolt).shuffleGrouping("words").addConfiguration(Config.TOPOLOGY_TICK_TUPLE_FREQ_SECS, 5);
        return b;
    }

    @Test
    void acceptsAGoodTopologyAndMergesEachComponentsConfiguration() {
        Config conf = new Config();
        conf.setMaxSpoutPending(100);
        TopologyCheck.Checked checked = TopologyCheck.check(
                builder(new Windowed().withTumblingWindow(BaseWindowedBolt.Count.of(10))).createTopology(), conf,
                getClass().getClassLoader());
        assertEquals(100, checked.componentSettings().get("window").maxSpoutPending());
        assertEquals(5, checked.componentSettings().get("window").tickFreqSecs());
        assertEquals(0, checked.componentSettings().get("words").tickFreqSecs());
        assertEquals(5, checked.componentConf().get("window").get(Config.TOPOLOGY_TICK_TUPLE_FREQ_SECS));
    }

    @Test
    void refusesAWindowLongerThanTheMessageTimeoutNamingTheComponent() {
        Config conf = new Config();
        conf.setMessageTimeoutSecs(10);
        String m = assertThrows(InvalidConfigException.class, () -> TopologyCheck.check(
                builder(new Windowed().withTumblingWindow(BaseWindowedBolt.Duration.seconds(20))).createTopology(), conf,
                getClass().getClassLoader())).getMessage();
        assertTrue(m.startsWith("Component 'window': ") && m.contains("topology.message.timeout.secs = 10"), m);
    }

    @Test
    void acceptsAWindowByEventTimeLongerThanTheMessageTimeout() {
        Config conf = new Config();
        conf.setMessageTimeoutSecs(10);
        // A quarter hour of event time may pass in seconds (a replay); the window resets its tuples' timeouts.
        TopologyCheck.check(builder(new Windowed().withTumblingWindow(BaseWindowedBolt.Duration.minutes(15))
                .withTimestampField("ts")).createTopology(), conf, getClass().getClassLoader());
    }

    @Test
    void refusesAComponentConfigurationOfTheWrongType() {
        TopologyBuilder b = builder(new Windowed().withTumblingWindow(BaseWindowedBolt.Count.of(10)));
        b.setBolt("other", new Windowed().withTumblingWindow(BaseWindowedBolt.Count.of(2))).shuffleGrouping("words")
                .addConfiguration(Config.TOPOLOGY_MAX_SPOUT_PENDING, "lots");
        String m = assertThrows(InvalidConfigException.class,
                () -> TopologyCheck.check(b.createTopology(), new Config(), getClass().getClassLoader())).getMessage();
        assertTrue(m.startsWith("Component 'other': ") && m.contains("topology.max.spout.pending"), m);
    }
}
