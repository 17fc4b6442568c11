package io.squall.grouping;

import io.squall.task.WorkerTopologyContext;
import io.squall.testing.TestWordSpout;
import io.squall.topology.GlobalStreamId;
import io.squall.topology.InvalidTopologyException;
import io.squall.LocalCluster;
import io.squall.topology.StormTopology;
import io.squall.topology.TopologyBuilder;
import io.squall.topology.base.BaseBasicBolt;
import io.squall.topology.BasicOutputCollector;
import io.squall.topology.OutputFieldsDeclarer;
import io.squall.tuple.Fields;
import io.squall.tuple.Tuple;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PartialKeyGroupingTest {
    static class Sink extends BaseBasicBolt {
        @Override
        public void execute(Tuple input, BasicOutputCollector collector) {
        }

        @Override
        public void declareOutputFields(OutputFieldsDeclarer declarer) {
        }
    }

    private static List<Integer> targets = List.of(2, 3, 4, 5, 6);

    private static PartialKeyGrouping prepared(Fields fields) {
        TopologyBuilder b = new TopologyBuilder();
        b.setSpout("words", new TestWordSpout());
        b.setBolt("sink", new Sink(), 5).partialKeyGrouping("words", new Fields("word"));
        StormTopology t = b.createTopology();
        Map<Integer, String> tasks = new HashMap<>(Map.of(1, "words"));
        targets.forEach(task -> tasks.put(task, "sink"));
        WorkerTopologyContext context = new WorkerTopologyContext(t, Map.of(), tasks, "t-1", 0, List.of(1, 2, 3, 4, 5, 6));
        PartialKeyGrouping g = new PartialKeyGrouping(fields);
        g.prepare(context, new GlobalStreamId("words", "default"), targets);
        return g;
    }

    @Test
    void eachKeyUsesAtMostTwoTasksAndAHotKeySplitsEvenlyOverBoth() {
        PartialKeyGrouping g = prepared(new Fields("word"));
        Map<Integer, Integer> hot = new HashMap<>();
        for (int i = 0; i < 1000; i++) {
            int task = g.chooseTasks(1, List.of("hot")).get(0);
            hot.merge(task, 1, Integer::sum);
        }
        assertEquals(2, hot.size(), "the hot key went to two tasks: " + hot);
        hot.values().forEach(n -> assertEquals(500, n, "two choices alternate when one key is all the load"));
        for (int k = 0; k < 200; k++) {
            Set<Integer> used = new HashSet<>();
            for (int i = 0; i < 20; i++) {
                int task = g.chooseTasks(1, List.of("key" + k)).get(0);
                assertTrue(targets.contains(task));
                used.add(task);
            }
            assertTrue(used.size() <= 2, "key" + k + " used " + used);
        }
    }

    @Test
    void candidatesAreTheSameForEveryEmitterAndDistinct() {
        for (int h = -1000; h < 1000; h++) {
            int[] c = PartialKeyGrouping.candidates(h, 5);
            assertNotEquals(c[0], c[1]);
            assertEquals(c[0], PartialKeyGrouping.candidates(h, 5)[0]);
        }
        int[] one = PartialKeyGrouping.candidates(42, 1);
        assertEquals(0, one[0]);
        assertEquals(0, one[1]);
    }

    @Test
    void anUnknownFieldIsRejectedWhenTheTopologyIsSubmitted() {
        TopologyBuilder b = new TopologyBuilder();
        b.setSpout("words", new TestWordSpout());
        b.setBolt("sink", new Sink(), 2).partialKeyGrouping("words", new Fields("nope"));
        StormTopology topology = b.createTopology();
        InvalidTopologyException e;
        try (LocalCluster cluster = new LocalCluster()) {
            e = assertThrows(InvalidTopologyException.class, () -> cluster.submitTopology("pkg", Map.of(), topology));
        }
        assertTrue(e.getMessage().contains("'nope'"), e.getMessage());
    }
}
