package io.squall;

import io.squall.testing.IdentityBolt;
import io.squall.testing.TestWordCounter;
import io.squall.testing.TestWordSpout;
import io.squall.topology.ComponentSpec;
import io.squall.topology.GlobalStreamId;
import io.squall.topology.Grouping;
import io.squall.topology.StormTopology;
import io.squall.tuple.Fields;
import io.squall.utils.Utils;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ThriftTest {
    @Test
    void buildsATopologyFromMapsOfSpoutAndBoltDetails() {
        Map<String, Thrift.SpoutDetails> spouts = Map.of("words",
                Thrift.prepareSpoutDetails(new TestWordSpout(), 2, Map.of("spout.key", "s")));
        Map<GlobalStreamId, Grouping> countInputs = Map.of(Utils.getGlobalStreamId("words", null),
                Thrift.prepareFieldsGrouping(List.of("word")));
        Map<String, Thrift.BoltDetails> bolts = new LinkedHashMap<>();
        bolts.put("count", Thrift.prepareBoltDetails(countInputs, new TestWordCounter(), 3));
        bolts.put("all", Thrift.prepareBoltDetails(Map.of(Utils.getGlobalStreamId("count", null),
                Thrift.prepareGlobalGrouping()), new IdentityBolt(new Fields("word", "count")), null,
                Map.of("bolt.key", 1)));
        StormTopology t = Thrift.buildTopology(spouts, bolts);

        ComponentSpec words = t.getComponent("words");
        assertEquals(2, words.getParallelism());
        assertEquals("s", words.getConfig().get("spout.key"));
        ComponentSpec count = t.getComponent("count");
        assertEquals(3, count.getParallelism());
        assertEquals(List.of("word"), count.getInputs().get(new GlobalStreamId("words", "default")).getFields());
        ComponentSpec all = t.getComponent("all");
        assertEquals(1, all.getParallelism());
        assertEquals(1, all.getConfig().get("bolt.key"));
        Grouping global = all.getInputs().get(new GlobalStreamId("count", "default"));
        assertTrue(Thrift.isGlobalGrouping(global));
        assertEquals(Grouping._Fields.FIELDS, Thrift.groupingType(global));
        assertEquals(List.of(), Thrift.fieldGrouping(global));
        assertFalse(Thrift.isGlobalGrouping(Thrift.prepareShuffleGrouping()));
        assertEquals(Grouping._Fields.LOCAL_OR_SHUFFLE, Thrift.groupingType(Thrift.prepareLocalOrShuffleGrouping()));
        assertTrue(Thrift.directOutputFields(List.of("a")).is_direct());
        assertEquals(List.of("a"), Thrift.outputFields(List.of("a")).get_output_fields());
    }

    @Test
    void refusesWhatItCannotBuildNamingIt() {
        IllegalArgumentException notABolt = assertThrows(IllegalArgumentException.class, () -> Thrift.buildTopology(
                Map.of("words", Thrift.prepareSpoutDetails(new TestWordSpout())),
                Map.of("odd", Thrift.prepareBoltDetails(Map.of(), "a string"))));
        assertTrue(notABolt.getMessage().contains("'odd'") && notABolt.getMessage().contains("java.lang.String"),
                notABolt.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Thrift.fieldGrouping(Thrift.prepareAllGrouping()));
        assertThrows(IllegalArgumentException.class, () -> Thrift.prepareCustomStreamGrouping("no grouping"));
    }
}
