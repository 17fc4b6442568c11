package io.squall.hdfs.bolt.rotation;

import io.squall.tuple.Tuple;

/**
 * Rotates files at an interval: {@code new TimedRotationPolicy(1.0f, TimeUnit.MINUTES)}. The bolt checks the time
 * on its executor thread, at each tuple and at tick tuples it asks for at least as often as the interval (at most
 * once a second), so a file is rotated between its interval and about a second after; an idle bolt's files too.
 */
public class TimedRotationPolicy implements FileRotationPolicy {
    private static final long serialVersionUID = 1L;
    private final long interval;

    /**
     * @throws IllegalArgumentException when the interval is not positive
     */
    public TimedRotationPolicy(float count, TimeUnit units) {
        this((long) (count * units.getMilliSeconds()));
    }

    /** Rotates every {@code interval} milliseconds. */
    protected TimedRotationPolicy(long interval) {
        if (interval <= 0) {
            throw new IllegalArgumentException("TimedRotationPolicy needs an interval above 0 ms, not " + interval);
        }
        this.interval = interval;
    }

    /** Always false: the bolt rotates by the clock, not by the tuples. */
    @Override
    public boolean mark(Tuple tuple, long offset) {
        return false;
    }

    @Override
    public void reset() {
    }

    @Override
    public FileRotationPolicy copy() {
        return new TimedRotationPolicy(interval);
    }

    /** The interval, in milliseconds. */
    public long getInterval() {
        return interval;
    }

    /** Units of time. */
    public enum TimeUnit {
        SECONDS(1000L),
        MINUTES(60_000L),
        HOURS(3_600_000L),
        DAYS(86_400_000L);

        private final long milliSeconds;

        TimeUnit(long milliSeconds) {
            this.milliSeconds = milliSeconds;
        }

        /** Milliseconds in one unit. */
        public long getMilliSeconds() {
            return milliSeconds;
        }
    }
}
