package io.squall.runtime.api;

import io.squall.utils.ManualClock;

import java.time.Duration;

/**
 * A topology whose executors run only when stepped, on the caller's thread, on a {@link ManualClock}.
 * Single-threaded: step it, read it and shut it down from one thread.
 */
public interface SimulatedTopology extends TopologyRuntime {
    /** The clock the topology runs on. */
    ManualClock clock();

    /** Runs one round of every executor; returns the work done, zero when all were idle. */
    int step() throws Exception;

    /** Steps until a round does no work; returns the number of rounds that did some. */
    int runUntilIdle() throws Exception;

    /** Moves the clock forward by {@code by} and runs until idle. */
    void advance(Duration by) throws Exception;

    /** Moves the clock forward by {@code total} in increments of {@code tick}, running until idle after each. */
    void advance(Duration total, Duration tick) throws Exception;
}
