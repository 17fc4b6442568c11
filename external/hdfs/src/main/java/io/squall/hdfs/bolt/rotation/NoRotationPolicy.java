package io.squall.hdfs.bolt.rotation;

import io.squall.tuple.Tuple;

/** Never rotates: one file per bolt task (and partition) until the bolt stops. */
public class NoRotationPolicy implements FileRotationPolicy {
    private static final long serialVersionUID = 1L;

    @Override
    public boolean mark(Tuple tuple, long offset) {
        return false;
    }

    @Override
    public void reset() {
    }

    @Override
    public FileRotationPolicy copy() {
        return this;
    }
}
