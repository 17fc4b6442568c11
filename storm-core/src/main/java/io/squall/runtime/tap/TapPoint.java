package io.squall.runtime.tap;

/**
 * Where the executors of one component look for an open tap on one of its streams: a single volatile read per
 * emit, null while no tap is open, so a stream nobody taps costs nothing more.
 *
 * <p>Threads: written by {@link StreamTaps} under its lock; read by executor threads.
 */
public final class TapPoint {
    private volatile StreamTap tap;

    /** The open tap, or null. */
    public StreamTap tap() {
        return tap;
    }

    void set(StreamTap tap) {
        this.tap = tap;
    }
}
