package io.squall.trident;

import io.squall.Config;
import io.squall.LocalCluster;

/** Runs a Trident topology in local mode for the length of a check. */
final class Run {
    private Run() {
    }

    /** A config for tests: a new batch every 2 ms at most, three in flight. */
    static Config conf() {
        Config conf = new Config();
        conf.put(Config.TOPOLOGY_TRIDENT_BATCH_EMIT_INTERVAL_MILLIS, 2);
        conf.setMaxSpoutPending(3);
        return conf;
    }

    static void run(TridentTopology topology, Runnable check) {
        run(topology, conf(), check);
    }

    static void run(TridentTopology topology, Config conf, Runnable check) {
        try (LocalCluster cluster = new LocalCluster()) {
            cluster.submitTopology("trident-test", conf, topology.build());
            check.run();
        }
    }
}
