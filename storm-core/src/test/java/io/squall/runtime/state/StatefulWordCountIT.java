package io.squall.runtime.state;

import io.squall.Await;
import io.squall.Config;
import io.squall.LocalCluster;
import io.squall.runtime.state.StatefulFixtures.Run;
import io.squall.runtime.state.StatefulFixtures.SentenceSpout;
import io.squall.runtime.state.StatefulFixtures.SplitBolt;
import io.squall.runtime.state.StatefulFixtures.WordCounter;
import io.squall.state.InMemoryKeyValueState;
import io.squall.state.InMemoryKeyValueStateProvider;
import io.squall.state.KeyValueState;
import io.squall.state.rocksdb.RocksDbKeyValueStateProvider;
import io.squall.topology.ExecutorInfo;
import io.squall.topology.RebalanceOptions;
import io.squall.topology.StormTopology;
import io.squall.topology.TopologyBuilder;
import io.squall.tuple.Fields;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A stateful word count on real threads: 100,000 sentences with bolts failing mid-sentence, with each
 * provider, ends with the exact counts; and a counter rescaled from 4 tasks on 2 executors to 3 tasks to 1 keeps
 * exact counts, in memory and in RocksDB.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class StatefulWordCountIT {
    private static final int SENTENCES = 100_000;

    @TempDir
    Path dir;

    @AfterEach
    void forget() {
        StatefulFixtures.RUNS.clear();
    }

    private static Config conf(String name) {
        Config conf = new Config();
        conf.setNumAckers(1);
        conf.setMaxSpoutPending(20_000);
        conf.setMessageTimeoutSecs(60);
        conf.put(Config.TOPOLOGY_STATE_CHECKPOINT_INTERVAL, 100);
        InMemoryKeyValueStateProvider.clear(name);
        return conf;
    }

    private static StormTopology wordCount(String run, int countExecutors) {
        TopologyBuilder b = new TopologyBuilder();
        b.setSpout("sentences", new SentenceSpout(run));
        b.setBolt("split", new SplitBolt(run), 2).shuffleGrouping("sentences");
        b.setBolt("count", new WordCounter(run), countExecutors).setNumTasks(4)
                .fieldsGrouping("split", new Fields("word"));
        return b.createTopology();
    }

    private static Run failingRun(String name) {
        Run r = new Run(StatefulFixtures.sentences(SENTENCES, 42));
        // Sparse enough for checkpoints to commit between failures: each failure rolls back its checkpoint.
        for (int i = 0; i < SENTENCES; i += 4999) {
            r.splitFailsOnce.add(i);
            r.countFailsOnce.add(i + 2500);
        }
        StatefulFixtures.RUNS.put(name, r);
        return r;
    }

    @Test
    void countsExactlyOnceInMemoryDespiteFailures() {
        String name = "stateful-wc-memory";
        Run r = failingRun(name);
        runToCompletion(name, conf(name), r);
        assertEquals(r.expectedCounts(), inMemoryCounts(name));
    }

    @Test
    void countsExactlyOnceInRocksDbDespiteFailures() {
        String name = "stateful-wc-rocksdb";
        Run r = failingRun(name);
        Config conf = conf(name);
        conf.put(Config.TOPOLOGY_STATE_PROVIDER, RocksDbKeyValueStateProvider.class.getName());
        conf.put(Config.TOPOLOGY_STATE_PROVIDER_CONFIG, "{\"dir\": \"" + dir + "\"}");
        runToCompletion(name, conf, r);
        assertEquals(r.expectedCounts(), rocksDbCounts(name, conf));
    }

    private static void runToCompletion(String name, Config conf, Run r) {
        try (LocalCluster cluster = new LocalCluster()) {
            cluster.submitTopology(name, conf, wordCount(name, 2));
            Await.until(Duration.ofSeconds(150), r::done, () -> "all sentences acked; acked " + r.acked.size());
            assertTrue(r.failures.get() >= 40, "injected failures replayed: " + r.failures.get());
            assertTrue(cluster.getErrors(name, "count").stream().anyMatch(e -> e.message().contains("injected")));
        }
    }

    /**
     * Four tasks on two executors, then three tasks, then one: each rebalance restarts the topology at its last
     * commit with the new task count, and the key groups' state moves to their new owners.
     */
    @Test
    void keepsExactCountsInMemoryWhenTheCounterIsRescaledToThreeThenOneTask() {
        String name = "stateful-wc-rescale";
        rescale(name, conf(name), () -> inMemoryCounts(name));
    }

    @Test
    void keepsExactCountsInRocksDbWhenTheCounterIsRescaledToThreeThenOneTask() {
        String name = "stateful-wc-rescale-rocksdb";
        Config conf = conf(name);
        conf.put(Config.TOPOLOGY_STATE_PROVIDER, RocksDbKeyValueStateProvider.class.getName());
        conf.put(Config.TOPOLOGY_STATE_PROVIDER_CONFIG, "{\"dir\": \"" + dir + "\"}");
        conf.put(Config.TOPOLOGY_STATE_KEY_GROUPS, 16);
        rescale(name, conf, () -> rocksDbCounts(name, conf, 16));
    }

    private static void rescale(String name, Config conf, Supplier<Map<String, Long>> counts) {
        Run r = new Run(StatefulFixtures.sentences(30_000, 9));
        r.released.set(10_000);
        StatefulFixtures.RUNS.put(name, r);
        try (LocalCluster cluster = new LocalCluster()) {
            cluster.submitTopology(name, conf, wordCount(name, 2));
            for (int tasks : new int[] {3, 1}) {
                awaitExact(r, counts);
                RebalanceOptions o = new RebalanceOptions();
                o.set_wait_secs(1);
                o.set_num_executors(Map.of("count", tasks));
                cluster.rebalance(name, o);
                Supplier<List<ExecutorInfo>> executors = () -> cluster.getTopologyInfo(name).get_executors().stream()
                        .filter(e -> e.get_component_id().equals("count")).map(e -> e.get_executor_info()).toList();
                Await.until(Duration.ofSeconds(30), () -> executors.get().size() == tasks,
                        () -> tasks + " count executors after the rebalance: " + executors.get());
                var count = executors.get();
                assertEquals(tasks, count.stream().mapToInt(e -> e.get_task_end() - e.get_task_start() + 1).sum(),
                        "count's tasks: " + count);
                r.released.addAndGet(10_000);
            }
            awaitExact(r, counts);
        }
    }

    private static void awaitExact(Run r, Supplier<Map<String, Long>> counts) {
        Await.until(Duration.ofSeconds(60), () -> r.done() && r.expectedCounts().equals(counts.get()),
                () -> "exact counts of " + r.released.get() + " sentences; acked " + r.acked.size() + ", counted "
                        + counts.get() + ", expected " + r.expectedCounts());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Long> inMemoryCounts(String topology) {
        Map<String, Long> all = new TreeMap<>();
        for (int group = 0; group < 128; group++) {
            var s = (InMemoryKeyValueState<String, Long>) InMemoryKeyValueStateProvider.existing(topology,
                    StatefulBoltRunner.groupNamespace("count", group));
            if (s != null) {
                all.putAll(s.committedEntries());
            }
        }
        return all;
    }

    private Map<String, Long> rocksDbCounts(String topology, Config conf) {
        return rocksDbCounts(topology, conf, 128);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Long> rocksDbCounts(String topology, Config conf, int groups) {
        Map<String, Long> all = new TreeMap<>();
        Map<String, Object> c = new HashMap<>(conf);
        c.put(Config.TOPOLOGY_NAME, topology);
        for (int group = 0; group < groups; group++) {
            String ns = StatefulBoltRunner.groupNamespace("count", group);
            var s = (KeyValueState<String, Long>) new RocksDbKeyValueStateProvider().newState(ns, c, null);
            s.forEach(e -> all.put(e.getKey(), e.getValue()));
        }
        return all;
    }
}
