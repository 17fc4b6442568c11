package io.squall.runtime.api;

import io.squall.topology.TopologyInfo;

import java.util.Map;
import java.util.function.Predicate;

/**
 * A topology a {@link LocalRuntime} runs, in one or several in-process workers: what {@code LocalCluster} and
 * {@code Testing} read of it. Thread-safe. {@link #shutdown()} also stops its metrics and reporters, and may be
 * called again.
 */
public interface LocalTopologyRuntime extends TopologyRuntime {
    /**
     * How far a topology has got, summed over its workers.
     *
     * @param spoutEmitted tuples the spouts emitted
     * @param transferred  tuples sent to tasks
     * @param executed     tuples bolts executed
     * @param queued       messages waiting in receive and outbound queues
     */
    record Progress(long spoutEmitted, long transferred, long executed, long queued) { }

    /** When it started, by the runtime's clock. */
    long startMillis();

    /** Its workers. */
    int workerCount();

    /** Its tasks, ackers included. */
    int taskCount();

    /** Its executors, ackers included. */
    int executorCount();

    /** {@code topology.message.timeout.secs}. */
    int messageTimeoutSecs();

    /**
     * Checks that these executor counts fit the topology (each at most the component's tasks).
     *
     * @throws io.squall.topology.InvalidTopologyException naming the component that does not fit
     */
    void checkExecutorCounts(Map<String, Integer> executors);

    /**
     * Starts or stops debugging a component ({@code null} or empty: the whole topology) at {@code percent}: its
     * executors sample that share of what they emit to the event loggers.
     *
     * @throws IllegalArgumentException for a percentage not in (0, 100] when enabling
     */
    void debug(String component, boolean enable, double percent);

    /** Its executors, counts since it started and its components' last errors in Storm's terms. */
    TopologyInfo topologyInfo(String name, int uptimeSecs);

    /**
     * Counts for {@code Testing}: executed counts are read before sent ones, so it never shows more executed than
     * sent while tuples are in flight.
     */
    Progress progress();

    /**
     * Waits until every executor of every worker has run a whole round with nothing to do, or is a thread that
     * {@code blocked} says waits (asleep in simulated time), and none did work meanwhile.
     *
     * @return false if that did not happen by {@code deadlineNanos} ({@link System#nanoTime()})
     */
    boolean awaitQuiescent(Predicate<Thread> blocked, long deadlineNanos)
            throws InterruptedException;

    /**
     * An implementation object of type {@code type}: the first worker's built-in metrics or reporters, for the
     * daemons and tests that read more than the public API shows.
     *
     * @throws IllegalArgumentException if it has none of that type
     */
    <T> T unwrap(Class<T> type);

    /** Sets the topology's credentials in each of its workers (their tasks are told at their executors' next round). */
    void setCredentials(Map<String, String> credentials);
}
