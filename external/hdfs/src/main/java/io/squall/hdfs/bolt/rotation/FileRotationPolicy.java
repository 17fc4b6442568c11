package io.squall.hdfs.bolt.rotation;

import io.squall.tuple.Tuple;

import java.io.Serializable;

/**
 * Decides when an HDFS bolt closes its file and opens the next. The bolt keeps a {@link #copy()} per open file and
 * calls {@link #mark} on it after each tuple written to that file, on the bolt's executor thread.
 */
public interface FileRotationPolicy extends Serializable {
    /**
     * Called after each tuple written.
     *
     * @param tuple  the tuple just written
     * @param offset the size of the file so far, in bytes
     * @return true when the file is to be rotated now
     */
    boolean mark(Tuple tuple, long offset);

    /** Called after a rotation, so that the policy counts afresh. */
    void reset();

    /** A policy in its initial state, for one more open file. */
    FileRotationPolicy copy();
}
