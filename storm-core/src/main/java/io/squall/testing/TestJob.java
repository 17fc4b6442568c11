package io.squall.testing;

import io.squall.ILocalCluster;

/** A test body run by {@code Testing.withLocalCluster} and friends with the cluster they made. */
@FunctionalInterface
public interface TestJob {
    /** Runs the test on {@code cluster}, which is shut down afterwards. */
    void run(ILocalCluster cluster) throws Exception;
}
