package io.squall.runtime.state;

import io.squall.tuple.Tuple;

/**
 * What a stateful task keeps of the replay keys its committed checkpoints applied, to ack a replay of committed
 * updates without running the bolt: one {@link AppliedLog} per task, or one per key group for a keyed bolt
 * ({@link KeyGroupedLog}). Executor thread only.
 */
interface ReplayLog {
    /** Whether {@code input}'s updates are committed already; counts it against its attempt when so. */
    boolean skip(Tuple input);

    /** How many tuples were skipped since the task started. */
    long skipped();

    /** Stages under {@code txid} the replay keys of {@code applied}, the tuples whose updates the checkpoint holds. */
    void prepare(long txid, HeldAcks applied);

    /** Commits what {@link #prepare} staged under {@code txid} (again, after a recovery). */
    void commit(long txid);

    /** Forgets what was staged since the last commit. */
    void rollback();

    /**
     * The bytes the log holds in memory: its committed entries' keys (8 bytes per applied tuple, for the retention)
     * and its filter. Any thread (a gauge reads it).
     */
    long bytes();
}
