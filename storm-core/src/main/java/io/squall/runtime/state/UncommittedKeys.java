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
 * <p>What it costs: nothing for the words of one spout tuple that reach the task in a row (the last key and root are
 * remembered); else one look-up in each part's filter, a cache line of a table about 4 bytes per key (a part holds a
 * checkpoint interval's keys: a few hundred kilobytes, which stay in the core's cache), where the exact map of keys
 * to roots (about 25 bytes per key, megabytes) cost a miss in memory for every spout tuple. Only a key the filter
 * answers "maybe" for (a key of the part, or about once in 1,500 others) is looked up in the map. An applied key goes
 * to the filter at once and to the map in batches ({@link Part}), whose inserts' misses overlap. With
 * {@code topology.state.check.every.tuple: false} a tuple whose key is not flagged as a possible replay is checked
 * only while a flagged one was applied in the same parts. Memory: about 30 bytes per distinct key applied since the
 * last commit, so bounded by the spouts' pending limits. Executor thread only.
 */
final class UncommittedKeys {
    /** The map's value for "no key": a root of 0 is stored as 1 (two roots then match once in 2^64). */
    private static final long NONE = 0;

    private Part pending = new Part();
    private Part prepared = new Part();
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
            long applied = pending.rootOf(key);
            if (applied != NONE && applied != root) {
                return true;
            }
            if (!prepared.isEmpty()) {
                applied = prepared.rootOf(key);
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
            Part empty = prepared;
            prepared = pending;
            pending = empty;
        } else {
            prepared.putAll(pending);
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

    /**
     * One part's keys and the root each was last applied with: exactly in a map, the newest {@link #BATCH} of them
     * still in a buffer on their way to it, and every key also in a {@link ReplayKeyFilter} that {@link #rootOf} asks
     * first. The filter is sized for twice the keys the part held when it was last cleared or made again, so a part
     * that takes about as many keys each interval makes it again only as its load grows.
     */
    private static final class Part {
        /** Keys buffered before they go to the map together: their look-ups' misses in memory then overlap. */
        private static final int BATCH = 256;

        private final Long2LongHashMap roots = new Long2LongHashMap(NONE);
        /** Key and root, in pairs, of the keys not in {@link #roots} yet, in the order applied. */
        private final long[] buffer = new long[2 * BATCH];
        private int buffered;
        private final ReplayKeyFilter filter = new ReplayKeyFilter(1024);

        void put(long key, long root) {
            if (!filter.hasRoomFor(1)) {
                refilter();
            }
            filter.add(key);
            buffer[2 * buffered] = key;
            buffer[2 * buffered + 1] = root;
            if (++buffered == BATCH) {
                flush();
            }
        }

        /** The root {@code key} was last applied with in this part, or {@link #NONE}. */
        long rootOf(long key) {
            if (!filter.mightContain(key)) {
                return NONE;
            }
            flush();
            return roots.get(key);
        }

        /** Moves the buffered keys to the map, the later of a key's roots last. */
        private void flush() {
            for (int i = 0; i < buffered; i++) {
                roots.put(buffer[2 * i], buffer[2 * i + 1]);
            }
            buffered = 0;
        }

        /** Makes the filter again, for twice the keys held. */
        private void refilter() {
            flush();
            filter.clear(ReplayKeyFilter.capacityFor(roots.size()));
            roots.forEachLong((key, root) -> filter.add(key));
        }

        /** Takes every key of {@code other}, whose roots come later than this part's. */
        void putAll(Part other) {
            other.flush();
            other.roots.forEachLong(this::put);
        }

        boolean isEmpty() {
            return buffered == 0 && roots.isEmpty();
        }

        int size() {
            flush();
            return roots.size();
        }

        /** Forgets every key; the filter keeps room for twice as many as were held. */
        void clear() {
            int held = size();
            if (held == 0) {
                return; // The filter holds no key either: it keeps its size for the next interval's keys.
            }
            roots.clear();
            filter.clear(ReplayKeyFilter.capacityFor(held));
        }
    }
}
