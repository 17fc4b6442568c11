package io.squall.runtime.routing;

import io.squall.runtime.TaskLayout;
import io.squall.task.WorkerTopologyContext;
import io.squall.testing.TestWordCounter;
import io.squall.testing.TestWordSpout;
import io.squall.topology.StormTopology;
import io.squall.topology.TopologyBuilder;
import io.squall.tuple.Fields;
import io.squall.utils.ManualClock;
import io.squall.utils.Utils;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RouterTest {
    /** words (task 7) feeds "local" (tasks 4-6) by localOrShuffle and "count" (tasks 1-3) by fields. */
    private static Router router(List<Integer> workerTasks) {
        TopologyBuilder b = new TopologyBuilder();
        b.setSpout("words", new TestWordSpout());
        b.setBolt("count", new TestWordCounter(), 3).fieldsGrouping("words", new Fields("word"));
        b.setBolt("local", new TestWordCounter(), 3).localOrShuffleGrouping("words");
        StormTopology t = b.createTopology();
        TaskLayout layout = new TaskLayout(t, 0);
        WorkerTopologyContext context = new WorkerTopologyContext(t, Map.of(), layout.taskToComponent(), "t", 0,
                workerTasks);
        return new Router(context, 7);
    }

    private static Set<Integer> targets(Route route, List<Object> values, int times) {
        Set<Integer> seen = new HashSet<>();
        int[] out = route.scratch();
        for (int i = 0; i < times; i++) {
            for (TaskSelector s : route.selectors()) {
                int n = s.select(values, out);
                for (int j = 0; j < n; j++) {
                    seen.add(out[j]);
                }
            }
        }
        return seen;
    }

    @Test
    void localOrShufflePrefersTheTasksOfThisWorker() {
        Route r = router(List.of(5, 7)).route(Utils.DEFAULT_STREAM_ID);
        Set<Integer> seen = targets(r, List.of("x"), 30);
        assertTrue(seen.contains(5), "the local task of 'local'");
        assertTrue(!seen.contains(4) && !seen.contains(6), "no remote task of 'local' while one is local: " + seen);
    }

    @Test
    void aLoadAwareShuffleKeepsToThisWorkerUnlessDisabledOrNoTaskIsLocal() {
        TopologyBuilder b = new TopologyBuilder();
        b.setSpout("words", new TestWordSpout());
        b.setBolt("split", new TestWordCounter(), 4).shuffleGrouping("words");
        StormTopology t = b.createTopology();
        TaskLayout layout = new TaskLayout(t, 0);
        int words = layout.taskToComponent().entrySet().stream().filter(e -> e.getValue().equals("words"))
                .findFirst().orElseThrow().getKey();
        List<Integer> split = layout.taskToComponent().entrySet().stream()
                .filter(e -> e.getValue().equals("split")).map(Map.Entry::getKey).sorted().toList();
        for (Map<String, Object> conf : List.<Map<String, Object>>of(Map.of(),
                Map.of(io.squall.Config.TOPOLOGY_DISABLE_LOADAWARE_MESSAGING, true))) {
            for (List<Integer> workerTasks : List.of(List.of(words, split.get(0), split.get(2)), List.of(words))) {
                WorkerTopologyContext context = new WorkerTopologyContext(t, conf, layout.taskToComponent(), "t", 0,
                        workerTasks);
                Route r = new Router(context, words, task -> 0.1, new ManualClock()).route(Utils.DEFAULT_STREAM_ID);
                Set<Integer> seen = targets(r, List.of("x"), 200);
                boolean local = conf.isEmpty() && workerTasks.size() > 1;
                assertEquals(local ? Set.of(split.get(0), split.get(2)) : Set.copyOf(split), seen,
                        "conf " + conf + ", worker tasks " + workerTasks);
            }
        }
    }

    @Test
    void localOrShuffleFallsBackToEveryTaskWhenNoneIsLocal() {
        Route r = router(List.of(7)).route(Utils.DEFAULT_STREAM_ID);
        Set<Integer> seen = targets(r, List.of("x"), 30);
        assertTrue(seen.containsAll(Set.of(4, 5, 6)), seen.toString());
    }

    @Test
    void fieldsGroupingIsAFunctionOfTheKey() {
        Route r = router(List.of(1, 2, 3, 4, 5, 6, 7)).route(Utils.DEFAULT_STREAM_ID);
        FieldsSelector fields = null;
        for (TaskSelector s : r.selectors()) {
            if (s instanceof FieldsSelector f) {
                fields = f;
            }
        }
        int[] out = new int[1];
        List<Integer> first = new ArrayList<>();
        for (String w : List.of("a", "b", "c", "d", "e")) {
            fields.select(List.of(w), out);
            first.add(out[0]);
        }
        for (int round = 0; round < 3; round++) {
            int i = 0;
            for (String w : List.of("a", "b", "c", "d", "e")) {
                fields.select(List.of(w), out);
                assertEquals(first.get(i++), out[0]);
            }
        }
        assertTrue(first.stream().allMatch(t -> t >= 1 && t <= 3));
    }

    @Test
    void namesTheStreamsAComponentDeclaresWhenAskedForAnother() {
        Router router = router(List.of(7));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> router.route("nope"));
        assertTrue(e.getMessage().contains("nope") && e.getMessage().contains("default"), e.getMessage());
        assertSame(router.route(Utils.DEFAULT_STREAM_ID), router.route(Utils.DEFAULT_STREAM_ID));
    }
}
