package io.squall.metric.api;

import java.util.concurrent.atomic.AtomicLong;

/** A count reported and reset every bucket. Thread-safe. */
public class CountMetric implements IMetric {
    private final AtomicLong value = new AtomicLong();

    public CountMetric() {
    }

    /** Adds one. */
    public void incr() {
        value.incrementAndGet();
    }

    /** Adds {@code incrementBy}. */
    public void incrBy(long incrementBy) {
        value.addAndGet(incrementBy);
    }

    /** The count since the last read (a {@code Long}); resets it. */
    @Override
    public Object getValueAndReset() {
        return value.getAndSet(0);
    }
}
