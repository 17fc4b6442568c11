package io.squall.runtime.queue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * The worker's congestion state: a count of tokens held by congested queues and by producers with
 * messages they could not publish. Spouts do not call {@code nextTuple} while any token is held.
 * {@link #isCongested()} is one volatile read, cheap enough for every spout loop.
 *
 * <p>For metrics, each token is raised on behalf of a named queue (an executor's name): the state keeps,
 * per queue, how long it has held tokens, and, for the worker, how long anything was congested and which
 * queue congested first in each episode. That bookkeeping is under a lock, taken only when a token
 * changes hands (a congestion edge), never on the tuple path. Thread-safe.
 */
public final class Backpressure implements CongestionView {
    private final AtomicInteger tokens = new AtomicInteger();
    private final LongSupplier nanoClock;
    /** Guarded by {@code this}. */
    private final Map<String, Cause> causes = new HashMap<>();
    private long episodes;
    private long episodeStartNanos;
    private long congestedNanos;
    private String firstOfEpisode;
    /** Run when the last token is returned; see {@link #wakeOnRelief}. */
    private final List<Runnable> onRelief = new CopyOnWriteArrayList<>();

    /** What one queue contributed. Guarded by the enclosing state's lock. */
    private static final class Cause {
        int held;
        long sinceNanos;
        long totalNanos;
        long firstCount;
    }

    /** A congestion state timed by {@link System#nanoTime()}. */
    public Backpressure() {
        this(System::nanoTime);
    }

    /** A congestion state timed by {@code nanoClock}. */
    public Backpressure(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
    }

    /** What tokens taken without a queue name are recorded under: congestion reported by other workers. */
    public static final String REMOTE = "remote workers";

    /** Takes a token for congestion outside this worker's queues (another worker says it is congested). */
    public void raise() {
        raise(REMOTE);
    }

    /** Returns a token taken by {@link #raise()}. */
    public void lower() {
        lower(REMOTE);
    }

    /** Takes a token on behalf of queue {@code queue}: it is congested. */
    public synchronized void raise(String queue) {
        long now = nanoClock.getAsLong();
        Cause c = causes.computeIfAbsent(queue, k -> new Cause());
        if (c.held++ == 0) {
            c.sinceNanos = now;
        }
        if (tokens.getAndIncrement() == 0) {
            episodes++;
            episodeStartNanos = now;
            firstOfEpisode = queue;
            c.firstCount++;
        }
    }

    /** Returns a token taken by {@link #raise(String)} for the same queue. */
    public synchronized void lower(String queue) {
        long now = nanoClock.getAsLong();
        Cause c = causes.get(queue);
        if (c == null || c.held == 0) {
            throw new IllegalStateException("Queue " + queue + " returns a backpressure token it does not hold");
        }
        if (--c.held == 0) {
            c.totalNanos += now - c.sinceNanos;
        }
        if (tokens.decrementAndGet() == 0) {
            congestedNanos += now - episodeStartNanos;
            for (Runnable wake : onRelief) {
                wake.run();
            }
        }
    }

    @Override
    public void wakeOnRelief(Runnable wake) {
        onRelief.add(wake);
    }

    /** Whether anything in the worker is congested. */
    @Override
    public boolean isCongested() {
        return tokens.get() > 0;
    }

    /** Number of tokens held, for metrics and tests. */
    public int tokens() {
        return tokens.get();
    }

    /** A consistent copy of the congestion figures, the current episode included. */
    public synchronized Report report() {
        long now = nanoClock.getAsLong();
        Map<String, Long> byQueue = new TreeMap<>();
        Map<String, Long> first = new TreeMap<>();
        causes.forEach((name, c) -> {
            byQueue.put(name, (c.totalNanos + (c.held > 0 ? now - c.sinceNanos : 0)) / 1_000_000);
            if (c.firstCount > 0) {
                first.put(name, c.firstCount);
            }
        });
        boolean congested = tokens.get() > 0;
        long total = congestedNanos + (congested ? now - episodeStartNanos : 0);
        return new Report(congested, episodes, total / 1_000_000, firstOfEpisode, byQueue, first);
    }

    /**
     * Congestion figures.
     *
     * @param congested         whether anything is congested now
     * @param episodes          how many times the worker went from not congested to congested
     * @param congestedMs       total time anything was congested
     * @param lastFirstQueue    the queue that congested first in the latest episode, or null if none yet
     * @param congestedMsByQueue per queue, total time it held a token
     * @param firstCountByQueue per queue, in how many episodes it was the first to congest
     */
    public record Report(boolean congested, long episodes, long congestedMs, String lastFirstQueue,
                         Map<String, Long> congestedMsByQueue, Map<String, Long> firstCountByQueue) { }
}
