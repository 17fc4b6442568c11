package io.squall.runtime.agent;

import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;

/**
 * Waits until a set of running agents has settled: every one has completed a whole round of {@code doWork}
 * that found nothing to do (or is blocked where nothing but a clock advance wakes it), and none did any work
 * meanwhile. Nothing can then be in flight between them, since a message sent is work done by its sender and
 * work found by its receiver. With time simulated, this is the point at which a test may advance the clock
 * again. Used from a test's thread; reads the runners' counters only.
 */
public final class Quiescence {
    /** How long the waiting thread parks between looks at the counters. */
    private static final long LOOK_NANOS = 100_000;

    private Quiescence() {
    }

    /**
     * Waits until the runners have settled.
     *
     * @param blocked        whether a runner's thread is blocked until the clock moves (a simulated sleep)
     * @param deadlineNanos  the {@link System#nanoTime()} at which to give up
     * @return whether they settled before the deadline
     * @throws InterruptedException if the waiting thread is interrupted
     */
    public static boolean await(List<AgentRunner> runners, Predicate<Thread> blocked, long deadlineNanos)
            throws InterruptedException {
        int n = runners.size();
        long[] rounds = new long[n];
        long[] busy = new long[n];
        while (true) {
            for (int i = 0; i < n; i++) {
                busy[i] = runners.get(i).busyRounds();
                rounds[i] = runners.get(i).rounds();
                runners.get(i).wake();
            }
            // Two more rounds: the one running at the mark may have started before it; the next one did not.
            for (int i = 0; i < n; i++) {
                AgentRunner r = runners.get(i);
                while (!done(r, rounds[i] + 2, blocked)) {
                    if (System.nanoTime() - deadlineNanos > 0) {
                        return false;
                    }
                    r.wake();
                    LockSupport.parkNanos(LOOK_NANOS);
                    if (Thread.interrupted()) {
                        throw new InterruptedException("Interrupted waiting for executors to settle");
                    }
                }
            }
            boolean quiet = true;
            for (int i = 0; i < n; i++) {
                quiet &= runners.get(i).busyRounds() == busy[i];
            }
            if (quiet) {
                return true;
            }
        }
    }

    private static boolean done(AgentRunner r, long rounds, Predicate<Thread> blocked) {
        Thread t = r.thread();
        return t == null || !t.isAlive() || r.rounds() >= rounds || blocked.test(t);
    }
}
