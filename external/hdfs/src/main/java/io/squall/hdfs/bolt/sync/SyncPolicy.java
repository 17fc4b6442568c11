package io.squall.hdfs.bolt.sync;

import io.squall.tuple.Tuple;

import java.io.Serializable;

/**
 * Decides when an HDFS bolt syncs (hsync) its files. Tuples are acked only once the data they carry is synced, so
 * the policy also sets how long a tuple waits for its ack; a tick tuple syncs whatever is pending in between.
 * Called on the bolt's executor thread.
 */
public interface SyncPolicy extends Serializable {
    /**
     * Called after each tuple written.
     *
     * @param tuple  the tuple just written
     * @param offset the size of its file so far, in bytes
     * @return true when the bolt is to sync now
     */
    boolean mark(Tuple tuple, long offset);

    /** Called after a sync, so that the policy counts afresh. */
    void reset();
}
