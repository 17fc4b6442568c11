package io.squall.hdfs.trident.sync;

import io.squall.trident.tuple.TridentTuple;

import java.io.Serializable;

/**
 * When to sync, as storm-hdfs's Trident API has it. {@link io.squall.hdfs.trident.HdfsState} syncs at every commit
 * (a batch is durable before it counts as done), so it needs no sync policy.
 */
public interface SyncPolicy extends Serializable {
    /** Called for a tuple written; true when a sync is due. */
    boolean mark(TridentTuple tuple, long offset);

    /** Called after a sync. */
    void reset();
}
