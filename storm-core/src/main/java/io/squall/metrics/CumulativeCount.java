package io.squall.metrics;

import com.codahale.metrics.Counting;
import com.codahale.metrics.Gauge;

import java.util.function.LongSupplier;

/**
 * A count that only grows while its worker runs (tuples emitted, milliseconds congested), read from the
 * counter the runtime keeps. It is a {@link Gauge} so every Dropwizard reporter shows it, and {@link Counting}
 * so the Prometheus text types it {@code counter}, which lets {@code rate()} work on it. Thread-safe if the
 * supplier is.
 */
public final class CumulativeCount implements Gauge<Long>, Counting {
    private final LongSupplier count;

    /** A cumulative count read from {@code count}. */
    public CumulativeCount(LongSupplier count) {
        this.count = count;
    }

    @Override
    public Long getValue() {
        return count.getAsLong();
    }

    @Override
    public long getCount() {
        return count.getAsLong();
    }
}
