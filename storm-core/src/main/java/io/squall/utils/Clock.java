package io.squall.utils;

/**
 * The time source of a topology: every timer, timeout, tick, window and latency in the runtime reads the
 * clock it was given, so a test can run a topology on simulated time ({@link ManualClock}).
 * Implementations are thread-safe; the system clock reads are as cheap as the JDK's.
 */
public interface Clock {
    /** The JVM's clocks: {@link System#nanoTime()} and {@link System#currentTimeMillis()}. */
    Clock SYSTEM = new Clock() {
        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public long currentTimeMillis() {
            return System.currentTimeMillis();
        }

        @Override
        public String toString() {
            return "Clock.SYSTEM";
        }
    };

    /** A monotonic reading in nanoseconds, only meaningful as a difference to another reading. */
    long nanoTime();

    /** Wall-clock time in epoch milliseconds. */
    long currentTimeMillis();
}
