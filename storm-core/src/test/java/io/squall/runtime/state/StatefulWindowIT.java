package io.squall.runtime.state;

import io.squall.Await;
import io.squall.Config;
import io.squall.LocalCluster;
import io.squall.runtime.state.WindowFixtures.ReadingSpout;
import io.squall.runtime.state.WindowFixtures.Run;
import io.squall.runtime.state.WindowFixtures.WindowRecorder;
import io.squall.state.KeyValueState;
import io.squall.state.rocksdb.RocksDbKeyValueStateProvider;
import io.squall.topology.StormTopology;
import io.squall.topology.TopologyBuilder;
import io.squall.topology.base.BaseWindowedBolt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A persistent stateful windowed bolt on real threads with its state in RocksDB: the worker is stopped mid-run and
 * a new one started on the same disk (a worker restart on the same host). The windows resume with the tuples they
 * held, the spout replays only what the last checkpoint did not cover, and every window is evaluated with exactly
 * its tuples, its update applied to the state once.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class StatefulWindowIT {
    private static final long WINDOW_MS = 2_000;
    private static final int READINGS = 3_000;

    @TempDir
    Path dir;

    @AfterEach
    void forget() {
        WindowFixtures.RUNS.clear();
    }

    private Config conf() {
        Config conf = new Config();
        conf.setNumAckers(1);
        conf.setMaxSpoutPending(300);
        // The restarted windows wait a message timeout for replays (the spout here replays at once, on its restart).
        conf.setMessageTimeoutSecs(15);
        conf.put(Config.TOPOLOGY_STATE_CHECKPOINT_INTERVAL, 100);
        conf.put(Config.TOPOLOGY_STATE_PROVIDER, RocksDbKeyValueStateProvider.class.getName());
        conf.put(Config.TOPOLOGY_STATE_PROVIDER_CONFIG, "{\"dir\": \"" + dir + "\"}");
        return conf;
    }

    private static StormTopology topology(String run) {
        TopologyBuilder b = new TopologyBuilder();
        b.setSpout("readings", new ReadingSpout(run));
        b.setBolt("windows", new WindowRecorder(run)
                .withTumblingWindow(BaseWindowedBolt.Duration.of((int) WINDOW_MS))
                .withTimestampField("ts")
                .withLag(BaseWindowedBolt.Duration.seconds(1))
                .withMessageIdField("id") // A stop between a commit and its acks replays tuples the windows hold.
                .withPersistence(), 1).shuffleGrouping("readings");
        return b.createTopology();
    }

    @Test
    void aPersistedWindowKeepsItsTuplesAcrossAWorkerRestart() {
        String name = "stateful-window-restart";
        Run r = new Run(READINGS);
        WindowFixtures.RUNS.put(name, r);
        try (LocalCluster cluster = new LocalCluster()) {
            cluster.submitTopology(name, conf(), topology(name));
            Await.until(Duration.ofSeconds(60), () -> r.acked.size() >= READINGS / 3,
                    () -> "a third of the readings acked; acked " + r.acked.size());
        } // The worker stops here, mid-window, with tuples no checkpoint covers.
        Set<Integer> ackedBefore = Set.copyOf(r.acked);
        int firedBefore = r.fired.size();
        assertTrue(!r.done(), "the restart comes before the end");
        r.emitted.clear();

        long lastEnd = (READINGS - 1) * WindowFixtures.STEP_MS / WINDOW_MS * WINDOW_MS - WINDOW_MS;
        Map<Long, List<Integer>> expected = r.expectedWindows(WINDOW_MS, lastEnd);
        try (LocalCluster cluster = new LocalCluster()) {
            cluster.submitTopology(name, conf(), topology(name));
            Await.until(Duration.ofSeconds(90), () -> r.done() && committedWindows(name).keySet()
                            .containsAll(expected.keySet()),
                    () -> "every reading acked and every window committed; acked " + r.acked.size());
        }
        assertTrue(r.emitted.stream().noneMatch(ackedBefore::contains), "nothing acked before the restart replays");
        Map<Long, List<Integer>> fired = new TreeMap<>();
        for (var w : r.fired) {
            List<Integer> before = fired.put(w.getKey(), w.getValue());
            assertTrue(before == null || before.equals(w.getValue()), "window " + w.getKey() + " fired with "
                    + before + ", then with " + w.getValue());
        }
        fired.keySet().removeIf(end -> end > lastEnd);
        assertEquals(expected, fired);
        assertTrue(r.fired.subList(firedBefore, r.fired.size()).stream().anyMatch(w ->
                        w.getValue().stream().anyMatch(ackedBefore::contains)
                                && w.getValue().stream().anyMatch(id -> !ackedBefore.contains(id))),
                "a window that straddles the restart");
        Map<Long, Object> state = committedWindows(name);
        Object total = state.remove(-1L);
        long sumOfFired = state.values().stream().flatMap(v -> ((List<?>) v).stream())
                .mapToLong(v -> ((Number) v).longValue()).sum();
        assertEquals(sumOfFired, total, "each window's update applied once");
        state.keySet().removeIf(end -> end > lastEnd);
        assertEquals(new TreeMap<Long, Object>(expected), state);
    }

    @SuppressWarnings("unchecked")
    private Map<Long, Object> committedWindows(String topology) {
        Map<String, Object> c = new HashMap<>(conf());
        c.put(Config.TOPOLOGY_NAME, topology);
        Map<Long, Object> all = new TreeMap<>();
        for (int task = 1; task < 10; task++) {
            String ns = StatefulBoltRunner.namespace("windows", task);
            if (!dir.resolve(topology).resolve(ns).toFile().isDirectory()) {
                continue;
            }
            var s = (KeyValueState<Long, Object>) new RocksDbKeyValueStateProvider().newState(ns, c, null);
            s.forEach(e -> all.put(e.getKey(), e.getValue()));
        }
        return all;
    }
}
