package io.squall.runtime.state;

import io.squall.state.KeyValueState;
import io.squall.state.rocksdb.RocksDbKeyValueStateProvider;
import io.squall.runtime.state.clustertest.StatefulClusterWordCount;
import io.squall.testsupport.ClusterLauncher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The stateful word count on a real cluster with its state in RocksDB: 100,000 sentences over two workers, each
 * worker killed with SIGKILL once mid-run, end with the exact counts in the databases the workers left on disk.
 */
@Timeout(300)
class StatefulClusterIT {
    private static final int SENTENCES = 100_000;

    @Test
    void countsExactlyInRocksDbWhenWorkersAreKilledTwiceMidRun() throws Exception {
        String name = "stateful-cluster-rocksdb";
        try (ClusterLauncher cluster = ClusterLauncher.create("stateful-cluster-it")) {
            Path stateDir = cluster.base().resolve("state");
            StatefulClusterRun.Result r = StatefulClusterRun.run(cluster, name, SENTENCES,
                    RocksDbKeyValueStateProvider.class.getName(), "{\"dir\": \"" + stateDir + "\"}",
                    conf -> rocksDbCounts(stateDir.resolve(name), conf));
            assertEquals(StatefulClusterWordCount.expectedCounts(SENTENCES), r.counts());
            assertTrue(r.refusals() >= 4, "checkpoints were held before each kill: " + r.refusals());
            System.out.printf("StatefulClusterIT (RocksDB): %d sentences, workers killed at %s acked, exact counts; "
                    + "%.1f s in all%n", SENTENCES, r.ackedAtKills(), r.seconds());
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Long> rocksDbCounts(Path topologyDir, Map<String, Object> conf) {
        Map<String, Long> all = new TreeMap<>();
        for (int task = 1; task < 32; task++) {
            String ns = StatefulBoltRunner.namespace("count", task);
            if (!Files.isDirectory(topologyDir.resolve(ns))) {
                continue;
            }
            var s = (KeyValueState<String, Long>) new RocksDbKeyValueStateProvider().newState(ns, conf, null);
            s.forEach(e -> assertEquals(null, all.put(e.getKey(), e.getValue()), "a word in two tasks: " + e));
        }
        return all;
    }
}
