package io.squall.daemon.supervisor;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.TimeUnit;

/**
 * A worker JVM a supervisor launched for one port, with the assignment it runs. Owned by the supervisor's
 * sync thread.
 *
 * @param launchedAtMs when it was started, for the start timeout
 */
record WorkerProcess(String topologyId, long assignmentVersion, int port, Process process, long launchedAtMs) {
    private static final Logger LOG = LoggerFactory.getLogger(WorkerProcess.class);
    private static final long STOP_GRACE_MS = 3000;

    /** Whether it runs {@code topologyId} at {@code version}. */
    boolean runs(String topology, long version) {
        return topologyId.equals(topology) && assignmentVersion == version;
    }

    /** Asks the worker to stop, then kills it if it does not within a few seconds. */
    void stop() {
        process.destroy();
        try {
            if (!process.waitFor(STOP_GRACE_MS, TimeUnit.MILLISECONDS)) {
                LOG.warn("Worker {} on port {} did not stop in {} ms; killing it", topologyId, port, STOP_GRACE_MS);
                process.destroyForcibly();
                process.waitFor(STOP_GRACE_MS, TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
