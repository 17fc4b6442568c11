package io.squall.runtime.state;

import io.squall.tuple.MessageId;
import io.squall.tuple.Tuple;
import org.agrona.collections.Long2LongHashMap;

/**
 * The replay keys of the tuples a stateful task applied since its last commit, each with the root of the attempt
 * that carried it, in two parts as the held acks are: those applied since the last PREPARE, and those that PREPARE
 * staged, awaiting their COMMIT. A tuple of another attempt of one of those spout tuples (a replay after a timeout,
 * or a first attempt delayed behind its replay) {@link #conflicts} with them: its spout tuple's updates are applied
 * but their fate is not known yet, so the task holds it back until it is ({@link StatefulTaskRunner}).
 *
 * <p>What it costs: one hash look-up per checked tuple and one insert per applied one, on the same slot of an open
 * addressing table (the insert finds the line the look-up brought in), none for the words of one spout tuple that
 * reach the task in a row (the last key and root are remembered). With {@code topology.state.check.every.tuple: false}
 * a tuple whose key is not flagged as a possible replay is checked only while a flagged one was applied in the same
 * parts. Memory: about 25 bytes per distinct key applied since the last commit, so bounded by the spouts' pending
 * limits. Executor thread only.
 */
final class UncommittedKeys {
    /** The map's value for "no key": a root of 0 is stored as 1 (two roots then match once in 2^64). */
    private static final long NONE = 0;

    private Long2LongHashMap pending = new Long2LongHashMap(NONE);
    private Long2LongHashMap prepared = new Long2LongHashMap(NONE);
    /** Whether a tuple flagged as a possible replay was recorded in {@link #pending}, in {@link #prepared}. */
    private boolean flaggedPending;
    private boolean flaggedPrepared;
    /** The last key recorded (0: none since the last change of parts) and the root it was recorded with. */
    private long lastKey;
    private long lastRoot;

    /** Notes that {@code input} was applied: its updates belong to the checkpoint after the next PREPARE. */
    void record(Tuple input) {
        MessageId id = input.getMessageId();
        if (!id.hasReplayKeys()) {
            return;
        }
        for (int i = 0; i < id.size(); i++) {
            long flagged = id.replayKey(i);
            long key = ReplayKeys.base(flagged);
            long root = root(id, i);
            if (key == 0 || key == lastKey && root == lastRoot) {
                continue;
            }
            pending.put(key, root);
            flaggedPending |= ReplayKeys.mayBeReplay(flagged);
            lastKey = key;
            lastRoot = root;
        }
    }

    /**
     * Whether {@code input} carries the replay key of a tuple applied since the last commit under another root: it
     * is another attempt of a spout tuple whose updates are applied and not committed yet.
     */
    boolean conflicts(Tuple input) {
        if (pending.isEmpty() && prepared.isEmpty()) {
            return false;
        }
        MessageId id = input.getMessageId();
        if (!id.hasReplayKeys()) {
            return false;
        }
        for (int i = 0; i < id.size(); i++) {
            long flagged = id.replayKey(i);
            long key = ReplayKeys.base(flagged);
            long root = root(id, i);
            if (key == 0 || key == lastKey && root == lastRoot
                    || !ReplayKeys.mayBeReplay(flagged) && !flaggedPending && !flaggedPrepared) {
                continue; // No key, the attempt recorded last, or a first emit while no replay was applied.
            }
            long applied = pending.get(key);
            if (applied != NONE && applied != root) {
                return true;
            }
            if (!prepared.isEmpty()) {
                applied = prepared.get(key);
                if (applied != NONE && applied != root) {
                    return true;
                }
            }
        }
        return false;
    }

    private static long root(MessageId id, int i) {
        long root = id.root(i);
        return root == NONE ? 1 : root;
    }

    /** PREPARE: what was applied since the last one is staged, to be committed or rolled back together. */
    void prepare() {
        if (prepared.isEmpty()) {
            Long2LongHashMap empty = prepared;
            prepared = pending;
            pending = empty;
        } else {
            pending.forEachLong(prepared::put);
            pending.clear();
        }
        flaggedPrepared |= flaggedPending;
        flaggedPending = false;
        lastKey = 0;
    }

    /** COMMIT: the staged part's updates are committed; what was applied since the PREPARE stays. */
    void commit() {
        prepared.clear();
        flaggedPrepared = false;
        lastKey = 0;
    }

    /** ROLLBACK or INITSTATE: every uncommitted update is gone. */
    void rollback() {
        pending.clear();
        prepared.clear();
        flaggedPending = false;
        flaggedPrepared = false;
        lastKey = 0;
    }

    /** How many distinct keys the two parts hold. */
    int size() {
        return pending.size() + prepared.size();
    }
}
