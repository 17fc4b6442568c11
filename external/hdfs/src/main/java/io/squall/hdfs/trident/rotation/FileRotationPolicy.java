package io.squall.hdfs.trident.rotation;

import io.squall.trident.tuple.TridentTuple;

import java.io.Serializable;

/**
 * Decides when a Trident {@link io.squall.hdfs.trident.HdfsState} closes its file and opens the next. The state asks
 * {@link #mark(long)} when it commits a batch, so a file rotates between batches, never inside one. Called on the
 * state's task thread.
 */
public interface FileRotationPolicy extends Serializable {
    /** Called for a tuple written; true when the file is to be rotated. */
    boolean mark(TridentTuple tuple, long offset);

    /**
     * Called at each commit.
     *
     * @param offset the file's size, in bytes
     * @return true when the file is to be rotated now
     */
    boolean mark(long offset);

    /** Called after a rotation, so that the policy counts afresh. */
    void reset();

    /** Called once when the state is made. */
    void start();
}
