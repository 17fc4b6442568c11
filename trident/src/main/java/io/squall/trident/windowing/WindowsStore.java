package io.squall.trident.windowing;

import java.util.NavigableMap;

/**
 * Keeps the batches of one window partition that can still matter, by txid. Used by one task thread.
 */
public interface WindowsStore extends AutoCloseable {
    /** Every kept batch, by txid. */
    NavigableMap<Long, WindowBatch> load();

    /** Keeps (or replaces) the batch of {@code txid}. */
    void put(long txid, WindowBatch batch);

    /** Drops the batches before {@code txid}. */
    void pruneBefore(long txid);

    /** Releases resources; the data stays. */
    @Override
    void close();
}
