package io.squall.runtime.driver;

import io.squall.Config;
import io.squall.task.OutputCollector;
import io.squall.task.TopologyContext;
import io.squall.testing.TopologyTestDriver;
import io.squall.topology.OutputFieldsDeclarer;
import io.squall.topology.TopologyBuilder;
import io.squall.topology.base.BaseRichBolt;
import io.squall.tuple.Tuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** What configuration a bolt's {@code prepare} gets: as in Storm, every topology default it does not set. */
@Timeout(value = 5, unit = TimeUnit.SECONDS)
class ComponentConfDriverTest {

    /** Logs the message timeout and the debug flag it is prepared with, as storm-starter's SingleJoinBolt reads them. */
    static final class ConfReadingBolt extends BaseRichBolt {
        private static final long serialVersionUID = 1L;

        @Override
        public void prepare(Map<String, Object> conf, TopologyContext context, OutputCollector collector) {
            Fixtures.log("conf").add(((Number) conf.get(Config.TOPOLOGY_MESSAGE_TIMEOUT_SECS)).intValue());
            Fixtures.log("conf").add(conf.get(Config.TOPOLOGY_DEBUG));
            Fixtures.log("conf").add(conf.get(Config.TOPOLOGY_WORKERS));
        }

        @Override
        public void execute(Tuple input) {
        }

        @Override
        public void declareOutputFields(OutputFieldsDeclarer declarer) {
        }
    }

    @Test
    void aBoltSeesTheDefaultsOfTheTopologyKeysNobodySetAndTheValuesOfThoseSet() {
        Fixtures.LOGS.remove("conf");
        TopologyBuilder b = new TopologyBuilder();
        b.setSpout("spout", new Fixtures.CountingSpout("spout", 0, 1));
        b.setBolt("bolt", new ConfReadingBolt()).shuffleGrouping("spout");
        Config conf = new Config();
        conf.setNumWorkers(1);
        conf.put(Config.TOPOLOGY_MESSAGE_TIMEOUT_SECS, 45);
        try (TopologyTestDriver d = new TopologyTestDriver(b.createTopology(), conf)) {
            d.runUntilIdle();
        }
        assertEquals(List.of(45, false, 1L), Fixtures.log("conf"), "whole numbers as Storm's JSON gives them: Long");

        Fixtures.LOGS.remove("conf");
        try (TopologyTestDriver d = new TopologyTestDriver(b.createTopology(), new Config())) {
            d.runUntilIdle();
        }
        assertEquals(List.of(30, false, 1L), Fixtures.log("conf"), "Storm's defaults: 30 s, no debug, 1 worker");
    }
}
