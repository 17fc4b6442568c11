package io.squall.runtime.tap;

import io.squall.metric.IEventLogger;
import io.squall.utils.Clock;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Samples the tuples one component emits on one stream while it is debugged (Storm's event logging): exactly
 * {@code percent} of them, spread evenly (the n-th tuple is taken when {@code floor(n * percent / 100)} grows), into
 * a buffer of at most {@link #CAPACITY} events that the worker's event logging drains to its loggers. An event that
 * finds the buffer full is dropped and counted. Threads: {@link #offer} from executor threads, lock-free;
 * {@link #drain} from one thread.
 */
public final class EventSampler {
    /** The most events kept between two drains. */
    public static final int CAPACITY = 10_000;

    private final String component;
    private final double percent;
    private final Clock clock;
    private final AtomicLong seen = new AtomicLong();
    private final Queue<IEventLogger.EventInfo> buffer = new ConcurrentLinkedQueue<>();
    private final AtomicInteger buffered = new AtomicInteger();
    private final AtomicLong dropped = new AtomicLong();

    /**
     * @throws IllegalArgumentException if {@code percent} is not in (0, 100]
     */
    public EventSampler(String component, double percent, Clock clock) {
        if (!(percent > 0 && percent <= 100)) {
            throw new IllegalArgumentException("A sampling percentage is above 0 and at most 100, got " + percent);
        }
        this.component = component;
        this.percent = percent;
        this.clock = clock;
    }

    /** The percentage sampled. */
    public double percent() {
        return percent;
    }

    /** Offers one emitted tuple of {@code task}, with its message id (a spout's) or null. Never blocks. */
    public void offer(int task, Object messageId, List<Object> values) {
        long n = seen.incrementAndGet();
        if ((long) (n * percent / 100) == (long) ((n - 1) * percent / 100)) {
            return;
        }
        if (buffered.incrementAndGet() > CAPACITY) {
            buffered.decrementAndGet();
            dropped.incrementAndGet();
            return;
        }
        buffer.offer(new IEventLogger.EventInfo(clock.currentTimeMillis(), component, task, messageId, values));
    }

    /** Takes every event buffered so far, oldest first. */
    public List<IEventLogger.EventInfo> drain() {
        List<IEventLogger.EventInfo> out = new ArrayList<>();
        IEventLogger.EventInfo e;
        while ((e = buffer.poll()) != null) {
            buffered.decrementAndGet();
            out.add(e);
        }
        return out;
    }

    /** Events dropped because the buffer was full. */
    public long dropped() {
        return dropped.get();
    }
}
