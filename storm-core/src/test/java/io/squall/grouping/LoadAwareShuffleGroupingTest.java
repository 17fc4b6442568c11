package io.squall.grouping;

import io.squall.grouping.LoadAwareShuffleGrouping.LocalityScope;
import io.squall.task.WorkerTopologyContext;
import io.squall.task.WorkerTopologyContext.Locations;
import io.squall.testing.TestWordCounter;
import io.squall.testing.TestWordSpout;
import io.squall.topology.GlobalStreamId;
import io.squall.topology.NodeInfo;
import io.squall.topology.StormTopology;
import io.squall.topology.TopologyBuilder;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Storm's load- and locality-aware shuffle as a custom grouping; Storm's Load and LoadMapping. */
class LoadAwareShuffleGroupingTest {
    private static final GlobalStreamId STREAM = new GlobalStreamId("words", "default");

    /**
     * The emitter's worker runs task 1 on host "a" (supervisor "s1", port 6700); task 2 is in another worker on
     * that host (port 6701), tasks 3 and 4 on host "b" (supervisor "s2").
     */
    private static WorkerTopologyContext context(Map<String, Object> conf) {
        TopologyBuilder b = new TopologyBuilder();
        b.setSpout("words", new TestWordSpout());
        b.setBolt("count", new TestWordCounter(), 4).shuffleGrouping("words");
        StormTopology t = b.createTopology();
        Map<Integer, String> taskToComponent = Map.of(1, "count", 2, "count", 3, "count", 4, "count", 5, "words");
        Map<Integer, NodeInfo> where = Map.of(
                1, new NodeInfo("s1", Set.of(6700L)), 5, new NodeInfo("s1", Set.of(6700L)),
                2, new NodeInfo("s1", Set.of(6701L)),
                3, new NodeInfo("s2", Set.of(6700L)), 4, new NodeInfo("s2", Set.of(6700L)));
        return new WorkerTopologyContext(t, conf, taskToComponent, "t", 6700, List.of(1, 5), null, null,
                new Locations("s1", where, Map.of("s1", "a", "s2", "b")));
    }

    private static LoadAwareShuffleGrouping prepared() {
        LoadAwareShuffleGrouping g = new LoadAwareShuffleGrouping();
        g.prepare(context(Map.of()), STREAM, List.of(1, 2, 3, 4));
        return g;
    }

    private static Map<Integer, Integer> shares(LoadAwareShuffleGrouping g, int choices) {
        Map<Integer, Integer> counts = new HashMap<>();
        for (int i = 0; i < choices; i++) {
            List<Integer> chosen = g.chooseTasks(5, List.of("x"));
            assertEquals(1, chosen.size());
            counts.merge(chosen.get(0), 1, Integer::sum);
        }
        return counts;
    }

    private static LoadMapping local(Map<Integer, Double> loads) {
        LoadMapping m = new LoadMapping();
        m.setLocal(loads);
        return m;
    }

    @Test
    void startsWithTheTasksOfItsWorkerThenWidensOneScopeAtATimeWhileTheyAreLoaded() {
        LoadAwareShuffleGrouping g = prepared();
        assertEquals(LocalityScope.WORKER_LOCAL, g.getCurrentScope());
        assertEquals(Map.of(1, 2000), shares(g, 2000));

        g.refreshLoad(local(Map.of(1, 0.5, 2, 0.0, 3, 0.0, 4, 0.0))); // Below the higher bound (0.8): stays.
        assertEquals(LocalityScope.WORKER_LOCAL, g.getCurrentScope());

        LoadMapping busy = local(Map.of(1, 0.9, 2, 0.9, 3, 0.0, 4, 0.0));
        g.refreshLoad(busy);
        assertEquals(LocalityScope.HOST_LOCAL, g.getCurrentScope());
        assertEquals(Set.of(1, 2), shares(g, 1000).keySet(), "the tasks of its host");
        g.refreshLoad(busy);
        // Its host's mean load is 0.9: on to the next scope with more tasks (a rack is every host here).
        assertEquals(LocalityScope.RACK_LOCAL, g.getCurrentScope());
        Map<Integer, Integer> wide = shares(g, g.getCapacity());
        assertEquals(Set.of(1, 2, 3, 4), wide.keySet());
        assertTrue(wide.get(3) > 4 * wide.get(1), "the idle tasks get most: " + wide);
        g.refreshLoad(busy);
        assertEquals(LocalityScope.RACK_LOCAL, g.getCurrentScope(), "its mean load is 0.45, its host's 0.9");
        g.refreshLoad(local(Map.of(1, 1.0, 2, 1.0, 3, 1.0, 4, 1.0)));
        assertEquals(LocalityScope.RACK_LOCAL, g.getCurrentScope(), "no wider scope holds more tasks");
    }

    @Test
    void narrowsAgainOnceTheNarrowerScopeIsBelowTheLowerBound() {
        LoadAwareShuffleGrouping g = prepared();
        g.refreshLoad(local(Map.of(1, 1.0, 2, 1.0)));
        g.refreshLoad(local(Map.of(1, 1.0, 2, 1.0)));
        assertEquals(LocalityScope.RACK_LOCAL, g.getCurrentScope());
        g.refreshLoad(local(Map.of(1, 0.3, 2, 0.3, 3, 0.0, 4, 0.0)));
        assertEquals(LocalityScope.RACK_LOCAL, g.getCurrentScope(), "0.3 is not below the lower bound (0.2)");
        g.refreshLoad(local(Map.of(1, 0.1, 2, 0.1, 3, 0.0, 4, 0.0)));
        assertEquals(LocalityScope.HOST_LOCAL, g.getCurrentScope());
        g.refreshLoad(local(Map.of(1, 0.1, 2, 0.1, 3, 0.0, 4, 0.0)));
        assertEquals(LocalityScope.WORKER_LOCAL, g.getCurrentScope());
        assertEquals(Map.of(1, 500), shares(g, 500));
    }

    @Test
    void theBoundsComeFromTheTopologysConfiguration() {
        LoadAwareShuffleGrouping g = new LoadAwareShuffleGrouping();
        g.prepare(context(Map.of("topology.localityaware.higher.bound", 0.4,
                "topology.localityaware.lower.bound", 0.05)), STREAM, List.of(1, 2, 3, 4));
        g.refreshLoad(local(Map.of(1, 0.5, 2, 0.0, 3, 0.0, 4, 0.0)));
        assertEquals(LocalityScope.HOST_LOCAL, g.getCurrentScope());
        g.refreshLoad(local(Map.of(1, 0.1, 2, 0.0, 3, 0.0, 4, 0.0)));
        assertEquals(LocalityScope.HOST_LOCAL, g.getCurrentScope(), "0.1 is not below 0.05");
    }

    @Test
    void aTaskGetsAShareThatFallsWithItsLoadButNeverNone() {
        LoadAwareShuffleGrouping g = new LoadAwareShuffleGrouping();
        g.prepare(context(Map.of()), STREAM, List.of(3, 4)); // No target in its worker or host: every task.
        assertEquals(LocalityScope.RACK_LOCAL, g.getCurrentScope());
        assertEquals(Map.of(3, 500, 4, 500), shares(g, 1000), "equal shares before any load is known");

        LoadMapping m = new LoadMapping();
        m.setRemote(Map.of(3, new Load(true, 0.0, 0.5), 4, new Load(true, 0.0, 0.0)));
        g.refreshLoad(m);
        Map<Integer, Integer> counts = shares(g, 3000);
        assertEquals(1000, counts.get(3), 2.0, "50 parts of 150: " + counts);
        assertEquals(2000, counts.get(4), 2.0);

        m.setRemote(Map.of(3, new Load(true, 1.0, 0.0), 4, new Load(true, 0.0, 0.0)));
        g.refreshLoad(m);
        counts = shares(g, 1000);
        assertEquals(10, counts.get(3), "a full task gets 1 part of 101: " + counts);
    }

    @Test
    void threadsChoosingWhileLoadsAreRefreshedGetOnlyTargets() throws Exception {
        LoadAwareShuffleGrouping g = prepared();
        Thread refresher = new Thread(() -> {
            for (int i = 0; i < 2000; i++) {
                g.refreshLoad(local(Map.of(1, (i % 10) / 10.0, 2, 0.5)));
            }
        });
        refresher.start();
        for (int i = 0; i < 200_000; i++) {
            int t = g.chooseTasks(5, List.of("x")).get(0);
            assertTrue(t >= 1 && t <= 4, "task " + t);
        }
        refresher.join();
    }

    @Test
    void loadAndLoadMappingAsStorms() {
        Load measured = new Load(true, 0.25, 0.75);
        assertEquals(0.75, measured.getLoad());
        assertEquals(1.0, new Load(false, 0.0, 0.0).getLoad(), "not measured counts as full");

        LoadMapping m = new LoadMapping();
        assertEquals(1.0, m.get(7), "an unknown task");
        m.setLocal(Map.of(7, 0.5));
        m.setRemote(Map.of(8, measured, 7, new Load(true, 0.9, 0.9)));
        assertEquals(0.5, m.get(7), "this worker's measure first");
        assertEquals(0.0, m.getLoad(7).getConnectionLoad());
        assertEquals(0.75, m.get(8));
        m.setLocal(null);
        m.setRemote(null);
        assertEquals(1.0, m.get(7));
    }

    @Test
    void scopesNarrowAndWidenInStormsOrder() {
        assertEquals(LocalityScope.HOST_LOCAL, LocalityScope.downgrade(LocalityScope.WORKER_LOCAL));
        assertEquals(LocalityScope.EVERYTHING, LocalityScope.downgrade(LocalityScope.EVERYTHING));
        assertEquals(LocalityScope.RACK_LOCAL, LocalityScope.upgrade(LocalityScope.EVERYTHING));
        assertEquals(LocalityScope.WORKER_LOCAL, LocalityScope.upgrade(LocalityScope.WORKER_LOCAL));
        assertThrows(NullPointerException.class, () -> new LoadAwareShuffleGrouping().getCurrentScope());
    }
}
