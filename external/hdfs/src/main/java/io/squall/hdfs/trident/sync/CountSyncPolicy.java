package io.squall.hdfs.trident.sync;

import io.squall.trident.tuple.TridentTuple;

/** A sync after every {@code count} tuples. */
public class CountSyncPolicy implements SyncPolicy {
    private static final long serialVersionUID = 1L;
    private final int count;
    private int executeCount;

    /**
     * @throws IllegalArgumentException when {@code count} is below 1
     */
    public CountSyncPolicy(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("CountSyncPolicy needs a count of at least 1 tuple, not " + count);
        }
        this.count = count;
    }

    @Override
    public boolean mark(TridentTuple tuple, long offset) {
        executeCount++;
        return executeCount >= count;
    }

    @Override
    public void reset() {
        executeCount = 0;
    }
}
