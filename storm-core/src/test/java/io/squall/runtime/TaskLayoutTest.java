package io.squall.runtime;

import io.squall.Constants;
import io.squall.testing.TestWordCounter;
import io.squall.testing.TestWordSpout;
import io.squall.runtime.state.StatefulFixtures.WordCounter;
import io.squall.topology.base.BaseStatefulWindowedBolt;
import io.squall.state.KeyValueState;
import io.squall.windowing.TupleWindow;
import io.squall.topology.StormTopology;
import io.squall.topology.TopologyBuilder;
import io.squall.tuple.Fields;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TaskLayoutTest {
    private static StormTopology topology() {
        TopologyBuilder b = new TopologyBuilder();
        b.setSpout("words", new TestWordSpout(), 2);
        b.setBolt("count", new TestWordCounter(), 2).setNumTasks(5).fieldsGrouping("words", new Fields("word"));
        return b.createTopology();
    }

    @Test
    void numbersTasksFromOneInComponentIdOrder() {
        TaskLayout l = new TaskLayout(topology(), 2);
        assertEquals(Map.of(1, Constants.ACKER_COMPONENT_ID, 2, Constants.ACKER_COMPONENT_ID, 3, "count", 4, "count",
                5, "count", 6, "count", 7, "count", 8, "words", 9, "words"), l.taskToComponent());
        assertEquals(9, l.maxTaskId());
        assertArrayEquals(new int[] {1, 2}, l.ackerTasks());
    }

    @Test
    void splitsTasksIntoContiguousRunsDifferingByAtMostOne() {
        TaskLayout l = new TaskLayout(topology(), 0);
        List<String> names = l.executors().stream().map(TaskLayout.ExecutorTasks::name).toList();
        assertEquals(List.of("count[1-3]", "count[4-5]", "words[6]", "words[7]"), names);
        assertArrayEquals(new int[0], l.ackerTasks());
    }

    @Test
    void aRebalanceChangesExecutorsButNotTasks() {
        TaskLayout l = new TaskLayout(topology(), 0, Map.of("count", 5));
        assertEquals(7, l.executors().size());
        assertEquals(7, l.maxTaskId());
        assertEquals("count[5]", l.executors().get(4).name());
        assertThrows(IllegalArgumentException.class, () -> new TaskLayout(topology(), 0, Map.of("count", 6)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new TaskLayout(topology(), 0, Map.of("nope", 1)));
        assertTrue(e.getMessage().contains("nope"), e.getMessage());
    }

    /** A keyed stateful counter and a stateful windowed bolt after it in component id order. */
    private static StormTopology stateful(boolean windowsAfter) {
        TopologyBuilder b = new TopologyBuilder();
        b.setSpout("words", new TestWordSpout(), 1);
        b.setBolt("count", new WordCounter("layout"), 2).fieldsGrouping("words", new Fields("word"));
        if (windowsAfter) {
            b.setBolt("windows", new Windows().withTumblingWindow(BaseStatefulWindowedBolt.Count.of(10)), 2)
                    .shuffleGrouping("words");
        }
        return b.createTopology();
    }

    private static final class Windows extends BaseStatefulWindowedBolt<KeyValueState<String, Long>> {
        @Override
        public void initState(KeyValueState<String, Long> state) {
        }

        @Override
        public void execute(TupleWindow window) {
        }
    }

    @Test
    void aRebalanceOfAKeyedStatefulBoltChangesItsTasks() {
        TaskLayout before = new TaskLayout(stateful(false), 1);
        TaskLayout after = new TaskLayout(stateful(false), 1, Map.of("count", 3));
        assertEquals(3, after.componentTasks("count").length);
        assertEquals(1, new TaskLayout(stateful(false), 1, Map.of("count", 1)).componentTasks("count").length);
        after.checkRescale(stateful(false), before, 128);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new TaskLayout(stateful(false), 1, Map.of("count", 9)).checkRescale(stateful(false), before, 8));
        assertTrue(e.getMessage().contains("'count' cannot have 9 tasks")
                && e.getMessage().contains("topology.state.key.groups = 8"), e.getMessage());
    }

    @Test
    void refusesToRenumberTheTasksOfAStatefulBoltKeptByTask() {
        TaskLayout before = new TaskLayout(stateful(true), 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new TaskLayout(stateful(true), 1, Map.of("count", 3)).checkRescale(stateful(true), before, 128));
        assertTrue(e.getMessage().contains("renumber the tasks of stateful component 'windows'"), e.getMessage());
        IllegalArgumentException past = assertThrows(IllegalArgumentException.class,
                () -> new TaskLayout(stateful(true), 1, Map.of("windows", 3)));
        assertTrue(past.getMessage().contains("can run on 1 to 2 executors"), past.getMessage());
    }

    private static List<List<String>> dealtNames(TaskLayout l, int n) {
        return l.deal(n).stream().map(g -> g.stream().map(TaskLayout.ExecutorTasks::name).toList()).toList();
    }

    @Test
    void dealsTheKthExecutorOfEveryComponentIntoOneGroupSoThatAPipelineStaysInOneWorker() {
        TopologyBuilder b = new TopologyBuilder();
        b.setSpout("spout", new TestWordSpout(), 1);
        b.setBolt("split", new TestWordCounter(), 1).shuffleGrouping("spout");
        b.setBolt("count", new TestWordCounter(), 2).fieldsGrouping("split", new Fields("word"));
        TaskLayout l = new TaskLayout(b.createTopology(), 0);
        assertEquals(List.of(List.of("count[1]", "split[3]", "spout[4]"), List.of("count[2]")), dealtNames(l, 2));

        TaskLayout wide = new TaskLayout(topology(), 2);
        assertEquals(List.of(List.of("__acker[1]", "count[3-5]", "words[8]"), List.of("__acker[2]", "count[6-7]",
                "words[9]")), dealtNames(wide, 2));
        assertEquals(List.of(List.of("__acker[1]", "__acker[2]", "count[3-5]", "count[6-7]", "words[8]",
                "words[9]")), dealtNames(wide, 1));
    }

    @Test
    void aGroupThatWouldBeEmptyTakesAnExecutorFromTheFullest() {
        TopologyBuilder b = new TopologyBuilder();
        b.setSpout("a", new TestWordSpout(), 1);
        b.setBolt("b", new TestWordCounter(), 1).shuffleGrouping("a");
        b.setBolt("c", new TestWordCounter(), 1).shuffleGrouping("b");
        TaskLayout l = new TaskLayout(b.createTopology(), 0);
        assertEquals(List.of(List.of("a[1]"), List.of("c[3]"), List.of("b[2]")), dealtNames(l, 3));
        assertThrows(IllegalArgumentException.class, () -> l.deal(4));
        assertThrows(IllegalArgumentException.class, () -> l.deal(0));
    }
}
