package io.squall.runtime.queue;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * The worker's congestion state: a count of tokens held by congested queues and by producers with
 * messages they could not publish. Spouts do not call {@code nextTuple} while any token is held.
 * Thread-safe; {@link #isCongested()} is one volatile read, cheap enough for every spout loop.
 */
public final class Backpressure {
    private final AtomicInteger tokens = new AtomicInteger();

    /** Takes a token: something is congested. */
    public void raise() {
        tokens.incrementAndGet();
    }

    /** Returns a token. */
    public void lower() {
        tokens.decrementAndGet();
    }

    /** Whether anything in the worker is congested. */
    public boolean isCongested() {
        return tokens.get() > 0;
    }

    /** Number of tokens held, for metrics and tests. */
    public int tokens() {
        return tokens.get();
    }
}
