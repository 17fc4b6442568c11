package io.squall.runtime.state;

import io.squall.Await;
import io.squall.testsupport.ClusterLauncher;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The steps the stateful cluster runs share ({@link StatefulClusterRun}, {@link StatefulWindowClusterRun}): submit a
 * topology from the test JAR with {@code bin/squall jar}, wait for its workers, kill one with SIGKILL, kill the
 * topology, and poll a condition without hogging the cores the workers share.
 */
final class ClusterSteps {
    private ClusterSteps() {
    }

    /**
     * Submits topology {@code name} by running {@code main} of {@code jar} with {@code name} and {@code args}, as
     * {@code bin/squall jar} does, and fails the test with the CLI's log when it fails.
     */
    static void submit(ClusterLauncher cluster, Path jar, Class<?> main, String name, String... args)
            throws InterruptedException {
        List<String> command = new ArrayList<>(List.of("jar", jar.toString(), main.getName(), name));
        command.addAll(List.of(args));
        Process submit = cluster.cli("submit-" + name, command.toArray(String[]::new));
        assertEquals(0, submit.waitFor(), () -> "submit failed: " + cluster.log("submit-" + name));
    }

    /** Waits for topology {@code name} to run {@code workers} workers; {@code why} tells what went wrong if not. */
    static void awaitWorkers(ClusterLauncher cluster, String name, int workers, Duration within,
                             Supplier<String> why) {
        Await.until(within, atMostEvery(() -> cluster.workerPids(name).size() == workers),
                () -> workers + " workers of " + name + ": " + cluster.workerPids() + "; " + why.get());
    }

    /** Kills worker {@code pid} with SIGKILL and waits for it to be gone. */
    static void killWorker(long pid) {
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly); // SIGKILL
        Await.until(Duration.ofSeconds(30), () -> ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true),
                () -> "worker " + pid + " dead");
    }

    /** Kills topology {@code name} at once with {@code bin/squall kill NAME -w 0}. */
    static void killTopology(ClusterLauncher cluster, String name) throws InterruptedException {
        assertEquals(0, cluster.cli("kill-" + name, "kill", name, "-w", "0").waitFor(),
                () -> cluster.log("kill-" + name));
    }

    /**
     * A condition checked at most every 200 ms (false in between): reading the records is not free, and the workers
     * share the machine's cores with the test. It ends the wait when the thread is interrupted (a run beside it
     * failed).
     */
    static BooleanSupplier atMostEvery(BooleanSupplier condition) {
        long[] next = {System.nanoTime()};
        return () -> {
            if (Thread.currentThread().isInterrupted()) {
                throw new IllegalStateException("interrupted");
            }
            long now = System.nanoTime();
            if (now - next[0] < 0) {
                return false;
            }
            next[0] = now + 200_000_000L;
            return condition.getAsBoolean();
        };
    }

    /** Seconds since {@code startNanos} (a {@link System#nanoTime()}). */
    static double secondsSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
