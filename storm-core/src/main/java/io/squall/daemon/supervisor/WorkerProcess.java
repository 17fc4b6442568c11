package io.squall.daemon.supervisor;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A worker JVM running one port's task groups: launched by this supervisor, or adopted from a previous run of
 * it (a supervisor that restarts keeps its id and takes over the workers still heartbeating). Owned by the
 * supervisor's sync thread.
 *
 * @param groupIds     the ids of the task groups it runs, sorted
 * @param process      the process when this supervisor launched it (for its exit code), else null
 * @param handle       the process
 * @param launchedAtMs when it was started or adopted, for the start timeout
 */
record WorkerProcess(String topologyId, List<Integer> groupIds, int port, Process process, ProcessHandle handle,
                     long launchedAtMs) implements WorkerSync.RunningWorker {
    private static final Logger LOG = LoggerFactory.getLogger(WorkerProcess.class);
    private static final long STOP_GRACE_MS = 3000;

    @Override
    public long pid() {
        return handle.pid();
    }

    @Override
    public String deathCause() {
        if (handle.isAlive()) {
            return null;
        }
        return process != null ? "it died with exit code " + process.exitValue() : "it died";
    }

    /** Asks the worker to stop, then kills it if it does not within a few seconds. */
    void stop() {
        handle.destroy();
        try {
            if (!handle.onExit().get(STOP_GRACE_MS, TimeUnit.MILLISECONDS).isAlive()) {
                return;
            }
        } catch (InterruptedException e) {
            handle.destroyForcibly();
            Thread.currentThread().interrupt();
            return;
        } catch (Exception e) {
            // The grace period passed: kill it below.
        }
        LOG.warn("Worker {} on port {} did not stop in {} ms; killing it", topologyId, port, STOP_GRACE_MS);
        handle.destroyForcibly();
        try {
            handle.onExit().get(STOP_GRACE_MS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.warn("Worker {} on port {} (pid {}) is still there after a kill", topologyId, port, handle.pid());
        }
    }
}
