package io.squall.bolt;

import io.squall.Testing;
import io.squall.task.IOutputCollector;
import io.squall.task.OutputCollector;
import io.squall.task.TopologyContext;
import io.squall.task.WorkerTopologyContext;
import io.squall.testing.MkTupleParam;
import io.squall.testing.TestPlannerSpout;
import io.squall.topology.StormTopology;
import io.squall.topology.TopologyBuilder;
import io.squall.topology.base.BaseWindowedBolt.Count;
import io.squall.tuple.Fields;
import io.squall.tuple.Tuple;
import io.squall.tuple.Values;
import io.squall.windowing.TupleWindowImpl;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JoinBoltTest {
    private final List<List<Object>> emitted = new ArrayList<>();
    private final List<Integer> anchorCounts = new ArrayList<>();

    private static Tuple tuple(String source, String fields, Object... values) {
        MkTupleParam p = new MkTupleParam();
        p.setComponent(source);
        p.setFields(fields.split(","));
        return Testing.testTuple(new Values(values), p);
    }

    private void run(JoinBolt bolt, String[] sources, Tuple... window) {
        TopologyBuilder b = new TopologyBuilder();
        var declarer = b.setBolt("join", bolt.withTumblingWindow(new Count(100)));
        Map<Integer, String> tasks = new HashMap<>(Map.of(1, "join"));
        int task = 2;
        for (String s : sources) {
            b.setSpout(s, new TestPlannerSpout(new Fields("id", "v")));
            declarer.fieldsGrouping(s, new Fields("id"));
            tasks.put(task++, s);
        }
        StormTopology t = b.createTopology();
        TopologyContext context = new TopologyContext(new WorkerTopologyContext(t, Map.of(), tasks, "t", 0,
                new ArrayList<>(tasks.keySet())), 1);
        bolt.prepare(Map.of(), context, new OutputCollector(new IOutputCollector() {
            @Override
            public List<Integer> emit(String streamId, Collection<Tuple> anchors, List<Object> tuple) {
                emitted.add(tuple);
                anchorCounts.add(anchors.size());
                return List.of();
            }

            @Override
            public void emitDirect(int taskId, String streamId, Collection<Tuple> anchors, List<Object> tuple) {
            }

            @Override
            public void ack(Tuple input) {
            }

            @Override
            public void fail(Tuple input) {
            }

            @Override
            public void resetTimeout(Tuple input) {
            }

            @Override
            public void reportError(Throwable error) {
            }
        }));
        bolt.execute(new TupleWindowImpl(List.of(window), List.of(window), List.of(), 0L, 1L));
    }

    @Test
    void innerJoinPairsEveryMatchAndDropsTheUnmatched() {
        JoinBolt bolt = new JoinBolt("users", "id").join("orders", "id", "users").select("id,name,item");
        run(bolt, new String[] {"users", "orders"},
                tuple("users", "id,name", 1, "ann"), tuple("users", "id,name", 2, "bob"),
                tuple("orders", "id,item", 1, "pen"), tuple("orders", "id,item", 1, "ink"),
                tuple("orders", "id,item", 3, "cup"));
        assertTrue(Testing.multiseteq(List.of(List.of(1, "ann", "pen"), List.of(1, "ann", "ink")), emitted));
        assertEquals(List.of(2, 2), anchorCounts, "each result is anchored to the tuples it joins");
    }

    @Test
    void leftJoinKeepsTheUnmatchedWithNullsAndChainsOnTheNamedPriorStream() {
        JoinBolt bolt = new JoinBolt("users", "id")
                .leftJoin("orders", "uid", "users")
                .leftJoin("ships", "user", "orders")        // ships.user = orders.uid, the key orders joined on
                .select("users:id, name, orders:item, ships:carrier.name");
        run(bolt, new String[] {"users", "orders", "ships"},
                tuple("users", "id,name", 1, "ann"), tuple("users", "id,name", 2, "bob"),
                tuple("orders", "uid,item", 1, "pen"),
                tuple("ships", "user,carrier", 1, Map.of("name", "dhl")));
        List<List<Object>> expected = new ArrayList<>();
        expected.add(List.of(1, "ann", "pen", "dhl"));
        expected.add(java.util.Arrays.asList(2, "bob", null, null));
        assertTrue(Testing.multiseteq(expected, emitted), emitted.toString());
    }

    @Test
    void declaresTheSelectorsAsFieldNamesAndRejectsMistakes() {
        JoinBolt bolt = new JoinBolt("a", "k").join("b", "k", "a").select("a:k, x.y").withOutputStream("joined");
        io.squall.topology.OutputFieldsGetter getter = new io.squall.topology.OutputFieldsGetter();
        bolt.declareOutputFields(getter);
        assertEquals(new Fields("a:k", "x.y"), getter.getFieldsDeclaration().get("joined").fields());
        assertThrows(IllegalArgumentException.class, () -> new JoinBolt("a", "k").join("b", "k", "c"));
        assertThrows(IllegalArgumentException.class, () -> new JoinBolt("a", "k").select("c:x"));
        assertThrows(IllegalArgumentException.class, () -> new JoinBolt("a", "k").join("b", "a:k", "a"));
        JoinBolt notSubscribed = new JoinBolt("a", "k").join("zzz", "k", "a").select("k");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> run(notSubscribed, new String[] {"a"}));
        assertTrue(e.getMessage().contains("'zzz'"), e.getMessage());
    }
}
