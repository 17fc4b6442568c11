package io.squall.metrics.aggregate;

import io.squall.runtime.api.ComponentCounts;
import io.squall.testing.TestWordCounter;
import io.squall.testing.TestWordSpout;
import io.squall.topology.ExecutorStats;
import io.squall.topology.OutputFieldsDeclarer;
import io.squall.topology.StormTopology;
import io.squall.topology.TopologyBuilder;
import io.squall.topology.TopologyInfo;
import io.squall.topology.base.BaseBasicBolt;
import io.squall.topology.BasicOutputCollector;
import io.squall.tuple.Fields;
import io.squall.tuple.Tuple;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Storm's view of a topology's counts: keyed by the component's stream, as Storm's readers look them up. */
class StormSummariesTest {
    /** A bolt that declares two streams. */
    static final class TwoStreams extends BaseBasicBolt {
        @Override
        public void execute(Tuple input, BasicOutputCollector collector) {
        }

        @Override
        public void declareOutputFields(OutputFieldsDeclarer declarer) {
            declarer.declareStream("left", new Fields("x"));
            declarer.declareStream("right", new Fields("x"));
        }
    }

    private static StormTopology topology() {
        TopologyBuilder b = new TopologyBuilder();
        b.setSpout("words", new TestWordSpout());
        b.setBolt("split", new TwoStreams()).shuffleGrouping("words");
        b.setBolt("count", new TestWordCounter()).shuffleGrouping("split", "left");
        return b.createTopology();
    }

    @Test
    void aComponentsCountsAreUnderItsStreamWhenItDeclaresOneElseUnderAll() {
        StormTopology t = topology();
        assertEquals("default", StormSummaries.countedStream(t.getComponent("words")));
        assertEquals(ExecutorStats.ALL_STREAMS, StormSummaries.countedStream(t.getComponent("split")));
        assertEquals(ExecutorStats.ALL_STREAMS, StormSummaries.countedStream(null));
    }

    @Test
    void stormsEmittedCountOfTheDefaultStreamIsTheSpoutsTotal() {
        StormTopology t = topology();
        Map<String, ComponentCounts> counts = Map.of(
                "words", new ComponentCounts("words", 40, 40, 0, 30, 1, 0, 0, 0, 2.0, Map.of()),
                "split", new ComponentCounts("split", 70, 70, 40, 40, 0, 0, 0, 0, 0.0, Map.of()));
        TopologyInfo info = StormSummaries.fromStats("t-1", "t", "ACTIVE", 5, counts, "words"::equals,
                c -> List.of(1), c -> List.of(), c -> StormSummaries.countedStream(t.getComponent(c)));
        Map<String, ExecutorStats> byComponent = new java.util.HashMap<>();
        info.get_executors().forEach(e -> byComponent.put(e.get_component_id(), e.get_stats()));
        assertEquals(Map.of("default", 40L), byComponent.get("words").get_emitted().get(ExecutorStats.ALL_TIME));
        assertEquals(Map.of("default", 30L),
                byComponent.get("words").get_specific().get_spout().get_acked().get(ExecutorStats.ALL_TIME));
        assertEquals(Map.of(ExecutorStats.ALL_STREAMS, 70L),
                byComponent.get("split").get_emitted().get(ExecutorStats.ALL_TIME));
    }
}
