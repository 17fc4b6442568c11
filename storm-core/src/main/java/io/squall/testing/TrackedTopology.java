package io.squall.testing;

import io.squall.ILocalCluster;
import io.squall.Testing;
import io.squall.topology.StormTopology;

/**
 * A topology whose progress a test can wait for: submit {@link #getTopology()} to the cluster, feed its
 * spouts, then {@link #trackedWait(int)} returns once the spouts have emitted that many more tuples and
 * every tuple sent so far has been processed. Made by {@code Testing.mkTrackedTopology}.
 */
public class TrackedTopology {
    private final StormTopology topology;
    private final ILocalCluster cluster;
    private long target;

    /** Tracks {@code origTopo} on {@code cluster} (a {@link io.squall.LocalCluster}). */
    public TrackedTopology(StormTopology origTopo, ILocalCluster cluster) {
        if (origTopo == null || cluster == null) {
            throw new IllegalArgumentException("A tracked topology needs a topology and a cluster");
        }
        // A copy of its own: the cluster finds the tracked worker by this object's identity.
        this.topology = origTopo.withComponents(origTopo.getComponents());
        this.cluster = cluster;
    }

    /** The topology to submit. */
    public StormTopology getTopology() {
        return topology;
    }

    /** The cluster it runs on. */
    public ILocalCluster getCluster() {
        return cluster;
    }

    /** Waits for one more spout emit and for the topology to be idle. */
    public void trackedWait() {
        trackedWait(1);
    }

    /** Waits for {@code amt} more spout emits and for the topology to be idle. */
    public void trackedWait(int amt) {
        trackedWait(amt, Testing.TEST_TIMEOUT_MS);
    }

    /**
     * Waits until the spouts have emitted {@code amt} more tuples than at the last wait and every tuple
     * sent has been executed.
     *
     * @throws IllegalStateException at the timeout, with the counts seen
     */
    public synchronized void trackedWait(int amt, int timeoutMs) {
        target += amt;
        Testing.awaitIdle(cluster, topology, target, timeoutMs);
    }

    /** Storm's tracked counts so far: {@code spout-emitted}, {@code transferred} or {@code processed}. */
    public int globalAmt(String key) {
        return (int) Testing.globalAmt(cluster, topology, key);
    }
}
