package io.squall.hdfs.trident.rotation;

import io.squall.trident.tuple.TridentTuple;

/** Never rotates. */
public class NoRotationPolicy implements FileRotationPolicy {
    private static final long serialVersionUID = 1L;

    @Override
    public boolean mark(TridentTuple tuple, long offset) {
        return false;
    }

    @Override
    public boolean mark(long offset) {
        return false;
    }

    @Override
    public void reset() {
    }

    @Override
    public void start() {
    }
}
