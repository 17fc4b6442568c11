package io.squall.runtime.agent;

import io.squall.utils.ManualClock;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Runs agents on the calling thread, step by step, on a {@link ManualClock}: no threads, no wall-clock
 * time, the same interleaving every run. A step calls each agent's {@code doWork} once, in the order they
 * were added; {@link #runUntilIdle()} steps until a whole step did no work; {@link #advance} moves the
 * clock and then runs until idle, so timers due by then fire. An exception thrown by an agent propagates
 * to the caller (after which the driver may only be closed). Single-threaded: use it from one thread.
 */
public final class DeterministicDriver implements AutoCloseable {
    /** A step bound for {@link #runUntilIdle()}: a topology that is still busy after this many is livelocked. */
    public static final int DEFAULT_MAX_STEPS = 100_000;

    private final ManualClock clock;
    private final List<Agent> agents = new ArrayList<>();
    private final int maxSteps;
    private boolean closed;

    /** A driver on {@code clock} that gives up after {@link #DEFAULT_MAX_STEPS} steps without idling. */
    public DeterministicDriver(ManualClock clock) {
        this(clock, DEFAULT_MAX_STEPS);
    }

    /** A driver on {@code clock} that gives up after {@code maxSteps} steps without idling. */
    public DeterministicDriver(ManualClock clock, int maxSteps) {
        if (maxSteps < 1) {
            throw new IllegalArgumentException("maxSteps must be at least 1, got " + maxSteps);
        }
        this.clock = clock;
        this.maxSteps = maxSteps;
    }

    /** The clock the driver advances. */
    public ManualClock clock() {
        return clock;
    }

    /** Starts an agent ({@code onStart}, now, on this thread) and includes it in every later step. */
    public void add(Agent agent) throws Exception {
        checkOpen();
        agent.onStart();
        agents.add(agent);
    }

    /** Closes agents added before ({@code onClose}, in the order given) and drops them from the steps. */
    public void remove(Collection<? extends Agent> toClose) {
        for (Agent a : toClose) {
            if (agents.remove(a)) {
                a.onClose();
            }
        }
    }

    /**
     * Calls {@code doWork} once on each agent.
     *
     * @return the work done in the step, zero when every agent was idle
     */
    public int step() throws Exception {
        checkOpen();
        int work = 0;
        for (int i = 0; i < agents.size(); i++) {
            work += agents.get(i).doWork();
        }
        return work;
    }

    /**
     * Steps until a step does no work.
     *
     * @return the number of steps that did work
     * @throws IllegalStateException if the agents are still busy after the step bound
     */
    public int runUntilIdle() throws Exception {
        for (int steps = 0; steps < maxSteps; steps++) {
            if (step() == 0) {
                return steps;
            }
        }
        throw new IllegalStateException("Agents " + names() + " still busy after " + maxSteps
                + " steps: a livelock, or a source that never runs dry (advance time in smaller steps)");
    }

    /** Moves the clock forward and runs until idle. */
    public void advance(Duration by) throws Exception {
        clock.advance(by);
        runUntilIdle();
    }

    /**
     * Moves the clock forward in increments of {@code tick}, running until idle after each, until {@code total}
     * has passed: timers that re-arm themselves fire as often as they would on a real clock.
     */
    public void advance(Duration total, Duration tick) throws Exception {
        if (tick.isZero() || tick.isNegative()) {
            throw new IllegalArgumentException("tick must be positive, got " + tick);
        }
        long left = total.toNanos();
        while (left > 0) {
            long d = Math.min(left, tick.toNanos());
            clock.advanceNanos(d);
            left -= d;
            runUntilIdle();
        }
    }

    private List<String> names() {
        List<String> n = new ArrayList<>();
        for (Agent a : agents) {
            n.add(a.name());
        }
        return n;
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("The driver is closed");
        }
    }

    /** Closes every agent still added. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        List<Agent> all = new ArrayList<>(agents);
        agents.clear();
        for (Agent a : all) {
            a.onClose();
        }
    }
}
