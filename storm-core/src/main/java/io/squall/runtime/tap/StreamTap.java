package io.squall.runtime.tap;

import io.squall.utils.Clock;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * One open tap on one stream of one component in one worker. The component's executors {@link #offer} every
 * tuple they emit on the stream; a tuple is sampled when at least {@code 1 / maxPerSec} seconds have passed since
 * the previous sample (so samples spread evenly over time, at most {@code maxPerSec} a second), into a buffer of
 * {@link #CAPACITY} samples that a reader {@link #drain}s. A sample that finds the buffer full is dropped and
 * counted in {@link #dropped()}: the tap never blocks or slows an executor beyond a counter, a clock read and, for
 * a sample, one compare-and-set and one allocation.
 *
 * <p>Threads: {@link #offer} from any number of executor threads, lock-free; {@link #drain} from one reader thread
 * at a time.
 */
public final class StreamTap {
    /** The most samples kept between two drains. */
    public static final int CAPACITY = 256;

    /** A tuple sampled: when, by which task, its values (the emitted list itself, which must not be changed). */
    public record Sample(long timeMillis, int task, List<Object> values) { }

    private final Clock clock;
    private final int maxPerSec;
    private final long intervalNanos;
    private final AtomicLong nextSampleNanos;
    private final Queue<Sample> buffer = new ConcurrentLinkedQueue<>();
    private final AtomicInteger buffered = new AtomicInteger();
    private final LongAdder seen = new LongAdder();
    private final AtomicLong sampled = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();

    /**
     * A tap that samples at most {@code maxPerSec} tuples a second.
     *
     * @throws IllegalArgumentException if {@code maxPerSec} is not positive
     */
    public StreamTap(Clock clock, int maxPerSec) {
        if (maxPerSec < 1) {
            throw new IllegalArgumentException("A tap's maxPerSec must be at least 1, got " + maxPerSec);
        }
        this.clock = clock;
        this.maxPerSec = maxPerSec;
        this.intervalNanos = 1_000_000_000L / maxPerSec;
        this.nextSampleNanos = new AtomicLong(clock.nanoTime());
    }

    /** Offers one emitted tuple. Executor threads; never blocks. */
    public void offer(int task, List<Object> values) {
        seen.increment();
        long now = clock.nanoTime();
        long next = nextSampleNanos.get();
        // Another task of the component may win the same slot: then this tuple is simply not sampled.
        if (now - next < 0 || !nextSampleNanos.compareAndSet(next, now + intervalNanos)) {
            return;
        }
        if (buffered.incrementAndGet() > CAPACITY) {
            buffered.decrementAndGet();
            dropped.incrementAndGet();
            return;
        }
        sampled.incrementAndGet();
        buffer.offer(new Sample(clock.currentTimeMillis(), task, values));
    }

    /** Takes every sample buffered so far, oldest first. One reader thread at a time. */
    public List<Sample> drain() {
        List<Sample> out = new ArrayList<>(Math.min(buffered.get(), CAPACITY));
        Sample s;
        while ((s = buffer.poll()) != null) {
            buffered.decrementAndGet();
            out.add(s);
        }
        return out;
    }

    /** The most samples a second. */
    public int maxPerSec() {
        return maxPerSec;
    }

    /** Tuples emitted on the stream since the tap opened. */
    public long seen() {
        return seen.sum();
    }

    /** Tuples sampled into the buffer. */
    public long sampled() {
        return sampled.get();
    }

    /** Samples dropped because the reader had not drained the buffer. */
    public long dropped() {
        return dropped.get();
    }
}
