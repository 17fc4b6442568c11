package io.squall.utils;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Storm's clock for user code and tests: the system clock, or simulated time that moves only when a test
 * advances it. While simulating, time starts at 0 (epoch milliseconds and nanoseconds alike), a sleeping
 * thread waits until the simulated time reaches its wake-up time, and every {@code LocalCluster} created
 * runs its topologies on the same simulated clock, so message timeouts, tick tuples, time windows and
 * metrics buckets move only when the test advances time.
 *
 * <pre>{@code
 * try (Time.SimulatedTime t = new Time.SimulatedTime(); LocalCluster cluster = new LocalCluster()) {
 *     cluster.submitTopology("t", conf, topology);
 *     cluster.advanceClusterTime(40);      // forty simulated seconds, as fast as the topology can go
 * }
 * }</pre>
 *
 * <p>Thread-safe. There is one simulation per JVM: tests that simulate time must not run in parallel.
 */
public final class Time {
    /** How long a simulated sleeper waits before it looks at the clock again if nobody advanced it through here. */
    private static final long RECHECK_MS = 10;
    private static final Object LOCK = new Object();
    /** The simulated clock, or null when not simulating. Written under {@link #LOCK}. */
    private static volatile ManualClock simulated;
    /** Threads sleeping in simulated time, to their wake-up reading of the simulated clock in nanoseconds. */
    private static final Map<Thread, Long> SLEEPERS = new ConcurrentHashMap<>();
    /** Simulated nanoseconds each simulated sleep advances the clock by, 0 for none. */
    private static volatile long autoAdvanceNanos;

    private Time() {
    }

    /** Starts simulating time at 0. Prefer {@link SimulatedTime} in a try-with-resources. */
    public static void startSimulating() {
        startSimulating(0);
    }

    private static void startSimulating(long autoAdvance) {
        synchronized (LOCK) {
            SLEEPERS.clear();
            autoAdvanceNanos = autoAdvance;
            simulated = new ManualClock(0);
            LOCK.notifyAll();
        }
    }

    /** Stops simulating: time is the system's again, and threads still sleeping in simulated time are woken. */
    public static void stopSimulating() {
        synchronized (LOCK) {
            simulated = null;
            autoAdvanceNanos = 0;
            LOCK.notifyAll();
        }
    }

    /** Whether time is simulated. */
    public static boolean isSimulating() {
        return simulated != null;
    }

    /**
     * The clock this class reads: the simulated one while simulating, else {@link Clock#SYSTEM}. A local
     * cluster created while simulating runs on it.
     */
    public static Clock clock() {
        ManualClock c = simulated;
        return c == null ? Clock.SYSTEM : c;
    }

    /** A monotonic reading in nanoseconds (simulated: nanoseconds since the simulation started). */
    public static long nanoTime() {
        return clock().nanoTime();
    }

    /** The time in epoch milliseconds (simulated: milliseconds since the simulation started). */
    public static long currentTimeMillis() {
        return clock().currentTimeMillis();
    }

    /** The time in epoch seconds, as Storm's int. */
    public static int currentTimeSecs() {
        return (int) (currentTimeMillis() / 1000);
    }

    /** The time in epoch seconds. */
    public static long currentTimeSecsLong() {
        return currentTimeMillis() / 1000;
    }

    /** Seconds since {@code timeInSeconds} (epoch seconds). */
    public static int deltaSecs(int timeInSeconds) {
        return currentTimeSecs() - timeInSeconds;
    }

    /** Seconds since {@code timeInSeconds} (epoch seconds). */
    public static long deltaSecsLong(long timeInSeconds) {
        return currentTimeSecsLong() - timeInSeconds;
    }

    /** Milliseconds since {@code timeInMilliseconds} (epoch milliseconds). */
    public static long deltaMs(long timeInMilliseconds) {
        return currentTimeMillis() - timeInMilliseconds;
    }

    /** Nanoseconds to whole milliseconds. */
    public static long nanosToMillis(long nanos) {
        return nanos / 1_000_000;
    }

    /** Milliseconds to nanoseconds. */
    public static long millisToNanos(long millis) {
        return millis * 1_000_000;
    }

    /** Seconds to milliseconds. */
    public static long secsToMillis(int secs) {
        return 1000L * secs;
    }

    /** Fractional seconds to whole milliseconds. */
    public static long secsToMillisLong(double secs) {
        return (long) (1000 * secs);
    }

    /** Sleeps {@code ms} milliseconds of (possibly simulated) time. */
    public static void sleep(long ms) throws InterruptedException {
        if (ms > 0) {
            sleepUntilNanos(nanoTime() + millisToNanos(ms));
        }
    }

    /** Sleeps {@code secs} seconds of (possibly simulated) time. */
    public static void sleepSecs(long secs) throws InterruptedException {
        sleep(secs * 1000);
    }

    /** Sleeps {@code nanos} nanoseconds of (possibly simulated) time. */
    public static void parkNanos(long nanos) throws InterruptedException {
        if (nanos > 0) {
            sleepUntilNanos(nanoTime() + nanos);
        }
    }

    /** Sleeps until {@link #currentTimeMillis()} reaches {@code targetTimeMs}. */
    public static void sleepUntil(long targetTimeMs) throws InterruptedException {
        ManualClock c = simulated;
        if (c == null) {
            long ms = targetTimeMs - System.currentTimeMillis();
            if (ms > 0) {
                Thread.sleep(ms);
            }
            return;
        }
        sleepUntilNanos(c.nanoTime() + millisToNanos(targetTimeMs - c.currentTimeMillis()));
    }

    /**
     * Sleeps until {@link #nanoTime()} reaches {@code targetTimeNanos}.
     *
     * @throws InterruptedException if interrupted, or if simulation stops while the thread sleeps in simulated time
     */
    public static void sleepUntilNanos(long targetTimeNanos) throws InterruptedException {
        ManualClock c = simulated;
        if (c == null) {
            long nanos = targetTimeNanos - System.nanoTime();
            if (nanos > 0) {
                TimeUnit.NANOSECONDS.sleep(nanos);
            }
            return;
        }
        Thread me = Thread.currentThread();
        SLEEPERS.put(me, targetTimeNanos);
        try {
            synchronized (LOCK) {
                while (c.nanoTime() < targetTimeNanos) {
                    if (simulated != c) {
                        throw new InterruptedException("Simulated time stopped while " + me.getName() + " slept in it");
                    }
                    if (autoAdvanceNanos > 0) {
                        c.advanceNanos(autoAdvanceNanos);
                        LOCK.notifyAll();
                        continue;
                    }
                    // Woken by advanceTime; the timeout covers a clock advanced directly, not through this class.
                    LOCK.wait(RECHECK_MS);
                }
            }
        } finally {
            SLEEPERS.remove(me);
        }
    }

    /**
     * Whether a thread is blocked in a simulated sleep that the current simulated time has not reached, or
     * has ended: a test waiting for a cluster to settle counts such threads as idle.
     *
     * @throws IllegalStateException if time is not simulated
     */
    public static boolean isThreadWaiting(Thread t) {
        ManualClock c = requireSimulating("isThreadWaiting");
        Long wake = SLEEPERS.get(t);
        return !t.isAlive() || wake != null && c.nanoTime() < wake;
    }

    /** Advances simulated time by {@code ms} milliseconds, waking the sleepers it reaches. */
    public static void advanceTime(long ms) {
        advanceTimeNanos(millisToNanos(ms));
    }

    /** Advances simulated time by {@code secs} seconds, waking the sleepers it reaches. */
    public static void advanceTimeSecs(long secs) {
        advanceTime(secs * 1000);
    }

    /**
     * Advances simulated time by {@code nanos} nanoseconds, waking the sleepers it reaches.
     *
     * @throws IllegalStateException    if time is not simulated
     * @throws IllegalArgumentException if {@code nanos} is negative
     */
    public static void advanceTimeNanos(long nanos) {
        if (nanos < 0) {
            throw new IllegalArgumentException("Simulated time only moves forward: cannot advance by " + nanos + " ns");
        }
        synchronized (LOCK) {
            requireSimulating("advanceTime").advanceNanos(nanos);
            LOCK.notifyAll();
        }
    }

    private static ManualClock requireSimulating(String what) {
        ManualClock c = simulated;
        if (c == null) {
            throw new IllegalStateException(what + " needs simulated time: start it with new Time.SimulatedTime() "
                    + "(or Time.startSimulating(), Testing.withSimulatedTime, "
                    + "LocalCluster.Builder.withSimulatedTime())");
        }
        return c;
    }

    /**
     * Simulated time for the extent of a try-with-resources block: starts at 0 when created, the system
     * clock again when closed.
     */
    public static final class SimulatedTime implements AutoCloseable {
        /** Starts simulating time at 0. */
        public SimulatedTime() {
            this(null);
        }

        /**
         * Starts simulating time at 0; with {@code advanceTimeMs}, each simulated sleep that has to wait advances
         * time by that many milliseconds, so code that sleeps in a loop makes progress without a test advancing it.
         */
        public SimulatedTime(Number advanceTimeMs) {
            long auto = advanceTimeMs == null ? 0 : millisToNanos(advanceTimeMs.longValue());
            if (auto < 0) {
                throw new IllegalArgumentException("SimulatedTime's auto-advance must not be negative, got "
                        + advanceTimeMs + " ms");
            }
            startSimulating(auto);
        }

        @Override
        public void close() {
            stopSimulating();
        }
    }
}
