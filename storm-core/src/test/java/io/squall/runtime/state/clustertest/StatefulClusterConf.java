package io.squall.runtime.state.clustertest;

import io.squall.Config;

/** The configuration the stateful topologies of the cluster tests share; they differ in ackers and pending limit. */
public final class StatefulClusterConf {
    private StatefulClusterConf() {
    }

    /**
     * Two workers, checkpoints every 500 ms, a message timeout of 10 s (well above an interval plus a checkpoint's
     * duration), {@code ackers} ackers, {@code pending} tuples pending per spout task at most, and the state in
     * {@code provider} with its JSON configuration {@code providerConfig}.
     */
    public static Config conf(String provider, String providerConfig, int ackers, int pending) {
        Config c = new Config();
        c.setNumWorkers(2);
        c.setNumAckers(ackers);
        c.setMaxSpoutPending(pending);
        c.setMessageTimeoutSecs(10);
        c.put(Config.TOPOLOGY_STATE_CHECKPOINT_INTERVAL, 500);
        c.put(Config.TOPOLOGY_STATE_PROVIDER, provider);
        c.put(Config.TOPOLOGY_STATE_PROVIDER_CONFIG, providerConfig);
        return c;
    }
}
