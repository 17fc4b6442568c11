package io.squall.testsupport;

import java.io.UncheckedIOException;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * One daemon of a {@link ClusterLauncher} as a process (ZooKeeper, Nimbus, a supervisor), with the faults a
 * test inflicts on it: kill -9, SIGSTOP/SIGCONT, restart with the same arguments. Not thread-safe: one test
 * thread drives it.
 */
public final class Daemon {
    private final ClusterLauncher cluster;
    private final String name;
    private final Function<String, Process> launcher;
    private Process process;
    private int starts;

    /** A daemon that {@code launcher} starts, given the name of the log to write. */
    Daemon(ClusterLauncher cluster, String name, Function<String, Process> launcher) {
        this.cluster = cluster;
        this.name = name;
        this.launcher = launcher;
    }

    void start() {
        starts++;
        process = launcher.apply(logName());
    }

    /** The name of the current run's log: the daemon's name, then {@code -2}, {@code -3} for restarts. */
    public String logName() {
        return starts <= 1 ? name : name + "-" + starts;
    }

    /** The daemon's name. */
    public String name() {
        return name;
    }

    /** The current process. */
    public Process process() {
        return process;
    }

    /** Whether the current process is alive. */
    public boolean isAlive() {
        return process.isAlive();
    }

    /** Kills the process with SIGKILL and waits for it to end; what it started (workers) keeps running. */
    public void kill9() {
        process.destroyForcibly();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Kills the process and every process it started with SIGKILL. */
    public void kill9WithChildren() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        kill9();
    }

    /** Freezes the process (SIGSTOP). */
    public void pause() {
        ClusterLauncher.signal("STOP", process.pid());
    }

    /** Lets a frozen process run on (SIGCONT). */
    public void resume() {
        ClusterLauncher.signal("CONT", process.pid());
    }

    /** Kills the process if it is alive and starts it again with the same arguments, logging to a new file. */
    public void restart() {
        if (process.isAlive()) {
            kill9();
        }
        start();
    }

    /** The processes this daemon started that are alive now. */
    public Set<Long> childPids() {
        return process.children().filter(ProcessHandle::isAlive).map(ProcessHandle::pid).collect(Collectors.toSet());
    }

    /** What the current run logged so far. */
    public String log() {
        try {
            return cluster.log(logName());
        } catch (UncheckedIOException e) {
            throw new UncheckedIOException("No log of " + logName(), e.getCause());
        }
    }
}
