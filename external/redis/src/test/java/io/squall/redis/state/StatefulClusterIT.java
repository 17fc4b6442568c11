package io.squall.redis.state;

import io.squall.runtime.state.StatefulBoltRunner;
import io.squall.runtime.state.StatefulClusterRun;
import io.squall.runtime.state.StatefulClusterRun.Result;
import io.squall.runtime.state.StatefulClusterRun.Step;
import io.squall.runtime.state.StatefulClusterRun.Topology;
import io.squall.runtime.state.StatefulTaskRunner;
import io.squall.runtime.state.StatefulWindowClusterRun;
import io.squall.runtime.state.clustertest.StatefulClusterWordCount;
import io.squall.state.KeyValueState;
import io.squall.state.StateProvider;
import io.squall.state.rocksdb.RocksDbKeyValueStateProvider;
import io.squall.testsupport.ClusterEvidence;
import io.squall.testsupport.ClusterLauncher;
import io.squall.testsupport.RedisServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The stateful word count on a real cluster with each durable provider: 100,000 sentences over two workers, each
 * worker killed with SIGKILL once mid-run, end with the exact counts in RocksDB (the databases the workers left
 * on disk) and in a real redis-server. Then the counter, two tasks, is rescaled to three tasks and to one with
 * {@code bin/squall rebalance NAME -e count=N} while more sentences flow, and the committed counts are exact after
 * each step (queried through Nimbus for both, and also read from Redis). Beside them, a sliding window with
 * {@code withPersistence()} and its state in Redis has the worker that holds it killed with SIGKILL mid-run and
 * shows every reading as it should ({@link StatefulWindowClusterRun}). The three topologies run side by side on one
 * cluster; the test lives in this module because it needs both providers.
 */
@Timeout(900) // about 5 minutes at a load average of 25 on 2 cores; a guard, not the expected time
@ExtendWith(ClusterEvidence.class)
class StatefulClusterIT {
    private static final int SENTENCES = 100_000;
    /** Sentences fed across each rescale: enough to have some in flight at the rebalance. */
    private static final int PER_RESCALE = 2_000;
    /** Readings through the window: 400 s of event time, a few seconds of checkpoints. */
    private static final int READINGS = 4_000;

    @Test
    void countsExactlyInRocksDbAndRedisWhenWorkersAreKilledTwiceMidRunAndTheCounterIsRescaled() throws Exception {
        try (RedisServer redis = RedisServer.start();
             ClusterLauncher cluster = ClusterLauncher.create("stateful-cluster-it")) {
            Path stateDir = cluster.base().resolve("state");
            String rocksDb = "stateful-cluster-rocksdb";
            Topology onDisk = new Topology(rocksDb, RocksDbKeyValueStateProvider.class.getName(),
                    "{\"dir\": \"" + stateDir + "\"}", conf -> counts(new RocksDbKeyValueStateProvider(), conf,
                    ns -> Files.isDirectory(stateDir.resolve(rocksDb).resolve(ns.replace('@', '_')))), false);
            String redisConfig = "{\"jedisPoolConfig\": {\"host\": \"127.0.0.1\", \"port\": " + redis.port()
                    + ", \"timeout\": 2000}}";
            Topology inRedis = new Topology("stateful-cluster-redis", RedisKeyValueStateProvider.class.getName(),
                    redisConfig, conf -> counts(new RedisKeyValueStateProvider(), conf, ns -> true), true);
            StatefulWindowClusterRun windows = new StatefulWindowClusterRun("stateful-windows-redis",
                    RedisKeyValueStateProvider.class.getName(), redisConfig, READINGS, StatefulClusterIT::windows);
            List<Result> results = StatefulClusterRun.run(cluster, SENTENCES, List.of(onDisk, inRedis),
                    List.of(3, 1), PER_RESCALE, List.of(windows));
            System.out.println("StatefulClusterIT: " + windows.summary());
            Map<String, Long> expected = StatefulClusterWordCount.expectedCounts(SENTENCES + 2 * PER_RESCALE);
            for (Result r : results) {
                assertEquals(List.of(2, 3, 1), r.steps().stream().map(Step::tasks).toList(),
                        r.name() + ": counter tasks before the rescales and after each");
                for (Step step : r.steps()) {
                    assertEquals(StatefulClusterWordCount.expectedCounts(step.sentences()), step.counts(),
                            r.name() + ": exact counts with " + step.tasks() + " counter tasks");
                }
                assertEquals(expected, r.counts(), r.name() + ": exact counts");
                assertTrue(r.refusals() >= 4, r.name() + ": checkpoints were held before each kill: "
                        + r.refusals());
                System.out.println("StatefulClusterIT: " + SENTENCES + " sentences, exact counts; " + r.summary());
            }
        }
    }

    /** The window bolt's committed state in Redis: each window's readings by end, and the total. */
    @SuppressWarnings("unchecked")
    private static Map<Long, Object> windows(Map<String, Object> conf) {
        Map<Long, Object> all = new TreeMap<>();
        for (int task = 1; task <= 8; task++) {
            var s = (RedisKeyValueState<Long, Object>) new RedisKeyValueStateProvider().newState(
                    StatefulTaskRunner.namespace("windows", task), conf, null);
            try (s) {
                s.forEach(e -> all.put(e.getKey(), e.getValue()));
            }
        }
        return all;
    }

    /**
     * The counter's committed counts, from the namespaces of its key groups that {@code exists} accepts; a word in
     * one group only.
     */
    @SuppressWarnings("unchecked")
    private static Map<String, Long> counts(StateProvider provider, Map<String, Object> conf,
                                            Predicate<String> exists) {
        Map<String, Long> all = new TreeMap<>();
        for (int group = 0; group < 128; group++) {
            String ns = StatefulBoltRunner.groupNamespace("count", group);
            if (!exists.test(ns)) {
                continue;
            }
            var s = (KeyValueState<String, Long>) provider.newState(ns, conf, null);
            s.forEach(e -> assertEquals(null, all.put(e.getKey(), e.getValue()), "a word in two groups: " + e));
            if (s instanceof AutoCloseable c) {
                try {
                    c.close();
                } catch (Exception e) {
                    throw new IllegalStateException("Cannot close the state " + ns, e);
                }
            }
        }
        return all;
    }
}
