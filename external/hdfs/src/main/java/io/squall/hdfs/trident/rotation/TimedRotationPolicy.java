package io.squall.hdfs.trident.rotation;

import io.squall.trident.tuple.TridentTuple;

/**
 * Rotates a file at the first commit after it has been open for an interval. Reads the clock when asked, on the
 * state's thread: no timer thread.
 */
public class TimedRotationPolicy implements FileRotationPolicy {
    private static final long serialVersionUID = 1L;
    private final long interval;
    private transient long startedAtMillis;

    /**
     * @throws IllegalArgumentException when the interval is not positive
     */
    public TimedRotationPolicy(float count, TimeUnit units) {
        this.interval = (long) (count * units.getMilliSeconds());
        if (interval <= 0) {
            throw new IllegalArgumentException("TimedRotationPolicy needs an interval above 0 ms, not " + interval);
        }
    }

    @Override
    public boolean mark(TridentTuple tuple, long offset) {
        return mark(offset);
    }

    @Override
    public boolean mark(long offset) {
        return System.currentTimeMillis() - startedAtMillis >= interval;
    }

    @Override
    public void reset() {
        startedAtMillis = System.currentTimeMillis();
    }

    @Override
    public void start() {
        startedAtMillis = System.currentTimeMillis();
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
