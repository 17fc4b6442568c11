package io.squall.task;

import io.squall.Config;
import io.squall.testing.TestWordCounter;
import io.squall.testing.TestWordSpout;
import io.squall.topology.ComponentCommon;
import io.squall.topology.TopologyBuilder;
import io.squall.tuple.Fields;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GeneralTopologyContextStormTest {
    private static GeneralTopologyContext context(Map<String, Object> conf) {
        TopologyBuilder b = new TopologyBuilder();
        b.setSpout("words", new TestWordSpout()).addConfiguration(Config.TOPOLOGY_MESSAGE_TIMEOUT_SECS, 90);
        b.setSpout("slow", new TestWordSpout()).addConfiguration(Config.TOPOLOGY_MESSAGE_TIMEOUT_SECS, 5);
        b.setBolt("count", new TestWordCounter(), 2).fieldsGrouping("words", new Fields("word"));
        return new GeneralTopologyContext(b.createTopology(), conf, Map.of(1, "words", 2, "slow", 3, "count", 4,
                "count"), "t");
    }

    @Test
    void theLongestMessageTimeoutIsTheTopologysOrASpoutsOwn() {
        assertEquals(90, context(Map.of()).maxTopologyMessageTimeout());
        assertEquals(120, context(Map.of(Config.TOPOLOGY_MESSAGE_TIMEOUT_SECS, 120)).maxTopologyMessageTimeout());
        GeneralTopologyContext plain = new GeneralTopologyContext(new TopologyBuilder().createTopology(), Map.of(),
                Map.of(), "t");
        assertEquals(30, plain.maxTopologyMessageTimeout());
    }

    @Test
    void aComponentsCommonShowsItsInputsStreamsAndParallelism() {
        GeneralTopologyContext c = context(Map.of());
        ComponentCommon count = c.getComponentCommon("count");
        assertEquals(2, count.get_parallelism_hint());
        assertTrue(count.get_inputs().keySet().stream().anyMatch(g -> g.getComponentId().equals("words")));
        assertTrue(c.getComponentCommon("words").get_streams().containsKey("default"));
    }

    @Test
    void getConfIsTheTopologysConfigurationAndTuplesAreCheckedUnlessDistributed() {
        GeneralTopologyContext c = context(Map.of("k", "v"));
        assertSame(c.getTopologyConf(), c.getConf());
        assertEquals("v", c.getConf().get("k"));
        assertTrue(c.doSanityCheck());
        assertTrue(context(Map.of(Config.STORM_CLUSTER_MODE, "local")).doSanityCheck());
        assertFalse(context(Map.of(Config.STORM_CLUSTER_MODE, "distributed")).doSanityCheck());
    }
}
