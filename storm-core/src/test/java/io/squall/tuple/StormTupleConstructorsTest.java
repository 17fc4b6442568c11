package io.squall.tuple;

import io.squall.Config;
import io.squall.task.GeneralTopologyContext;
import io.squall.testing.TestWordSpout;
import io.squall.topology.BasicOutputCollector;
import io.squall.topology.OutputFieldsDeclarer;
import io.squall.topology.StormTopology;
import io.squall.topology.TopologyBuilder;
import io.squall.topology.base.BaseBasicBolt;
import io.squall.utils.Utils;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The way Storm's unit tests make the tuples they hand a bolt, as they compile after the import rewrite. */
class StormTupleConstructorsTest {
    /** Storm's most common pattern: an empty topology and a context that answers every stream's fields. */
    private static GeneralTopologyContext contextWithFields(String... fields) {
        return new GeneralTopologyContext(new TopologyBuilder().createTopology(), new Config(), new HashMap<>(),
                new HashMap<>(), new HashMap<>(), "") {
            @Override
            public Fields getComponentOutputFields(String componentId, String streamId) {
                return new Fields(fields);
            }
        };
    }

    /** Splits a sentence, as a Storm bolt under test. */
    static final class SplitBolt extends BaseBasicBolt {
        @Override
        public void execute(Tuple input, BasicOutputCollector collector) {
        }

        @Override
        public void declareOutputFields(OutputFieldsDeclarer declarer) {
            declarer.declare(new Fields("word"));
        }

        List<String> split(Tuple input) {
            return List.of(input.getStringByField("sentence").split(" "));
        }
    }

    @Test
    void aTupleMadeWithAnOverriddenContextReadsItsFieldsByName() {
        GeneralTopologyContext context = contextWithFields("sentence", "n");
        Tuple tuple = new TupleImpl(context, new Values("a b c", 3), "spout", 1, "default");
        assertEquals("a b c", tuple.getStringByField("sentence"));
        assertEquals(3, tuple.getIntegerByField("n"));
        assertEquals(List.of("a", "b", "c"), new SplitBolt().split(tuple));
        assertEquals("spout", tuple.getSourceComponent());
        assertEquals(1, tuple.getSourceTask());
        assertEquals("default", tuple.getSourceStreamId());
        assertTrue(tuple.getMessageId().isUnanchored());
        assertSame(context, ((TupleImpl) tuple).getContext());
    }

    @Test
    void theFieldsAndTasksMayComeFromStormsMaps() {
        Map<String, Map<String, Fields>> fields = Map.of("words", Map.of("default", new Fields("word"),
                "counts", new Fields("word", "count")));
        GeneralTopologyContext context = new GeneralTopologyContext(new StormTopology(), Map.of(),
                Map.of(7, "words"), Map.of("words", List.of(7, 8)), fields, "topo-1");
        assertEquals(new Fields("word", "count").toList(), context.getComponentOutputFields("words", "counts").toList());
        assertEquals(List.of(7, 8), context.getComponentTasks("words"));
        assertEquals("words", context.getComponentId(7));
        assertEquals(java.util.Set.of("default", "counts"), context.getComponentStreams("words"));
        Tuple t = new TupleImpl(context, new Values("x", 2L), "words", 7, "counts",
                MessageId.makeRootId(11L, 22L));
        assertEquals(2L, t.getLongByField("count"));
        assertEquals(Map.of(11L, 22L), t.getMessageId().getAnchorsToIds());
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
                () -> context.getComponentOutputFields("words", "other"));
        assertTrue(none.getMessage().contains("words:other"), none.getMessage());
    }

    @Test
    void theMapsDoNotHideTheTopologysOwnStreams() {
        TopologyBuilder b = new TopologyBuilder();
        b.setSpout("words", new TestWordSpout());
        GeneralTopologyContext context = new GeneralTopologyContext(b.createTopology(), Map.of(), Map.of(1, "words"),
                Map.of(), Map.of(), "t");
        assertEquals(List.of("word"), context.getComponentOutputFields("words", Utils.DEFAULT_STREAM_ID).toList());
        assertEquals(List.of(1), context.getComponentTasks("words"));
    }

    @Test
    void valuesThatDoNotMatchTheFieldsAreRefusedUnlessTheModeIsDistributed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new TupleImpl(contextWithFields("a", "b"), new Values("only one"), "c", 1, "s"));
        assertEquals("Tuple created with wrong number of fields. Expected 2 fields but got 1 fields", e.getMessage());

        Map<String, Object> distributed = Map.of(Config.STORM_CLUSTER_MODE, "distributed");
        GeneralTopologyContext unchecked = new GeneralTopologyContext(new StormTopology(), distributed, Map.of(),
                Map.of(), Map.of(), "t");
        TupleImpl t = new TupleImpl(unchecked, new ArrayList<>(List.of("v")), "c", 1, "s");
        assertEquals("v", t.getValue(0));
        assertNull(t.getFields()); // No fields declared: as in Storm, only asking for them fails.
    }

    @Test
    void aCopyHasTheSameSourceValuesTreesAndAckValue() {
        TupleImpl t = new TupleImpl(contextWithFields("w"), new Values("x"), "c", 3, "s", MessageId.makeRootId(5, 6));
        t.xorAckVal(0x55L);
        TupleImpl copy = new TupleImpl(t);
        assertEquals("c", copy.getSourceComponent());
        assertEquals(3, copy.getSourceTask());
        assertEquals("s", copy.getSourceStreamId());
        assertSame(t.getValues(), copy.getValues());
        assertEquals(t.getMessageId(), copy.getMessageId());
        assertEquals(0x55L, copy.ackVal());
        assertSame(t.getContext(), copy.getContext());
    }

    @Test
    void stormsMessageIdFactoriesMakeTheSameIdsAsSqualls() {
        assertSame(MessageId.unanchored(), MessageId.makeUnanchored());
        assertEquals(MessageId.of(1L, 2L), MessageId.makeRootId(1L, 2L));
        MessageId two = MessageId.makeId(new java.util.LinkedHashMap<>(Map.of(1L, 10L, 2L, 20L)));
        assertEquals(2, two.size());
        assertEquals(Map.of(1L, 10L, 2L, 20L), two.getAnchorsToIds());
        assertEquals(java.util.Set.of(1L, 2L), two.getAnchors());
        assertTrue(MessageId.makeId(Map.of()).isUnanchored());
        assertEquals(new java.util.Random(9).nextLong(), MessageId.generateId(new java.util.Random(9)));
    }
}
