package io.squall.runtime.state;

import io.squall.state.KeyValueState;
import io.squall.tuple.MessageId;
import io.squall.tuple.Tuple;
import io.squall.utils.Clock;
import org.agrona.collections.Long2LongHashMap;

import java.io.Serializable;
import java.util.Collection;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongConsumer;

/**
 * The replay keys of the tuples whose updates a stateful task's recent checkpoints hold, kept in the provider
 * beside the task's state (namespace {@code component-task$applied}, one entry per checkpoint) and staged and
 * committed with it. It closes the commit-to-ack window: when a worker dies after a commit and before the acks of
 * the tuples it covers reach the spouts, the spouts replay those tuples under new roots but with the same replay
 * keys ({@link ReplayKeys}), and the task acks them without running the bolt, since their updates are committed.
 *
 * <p>A key is skipped as often per attempt (per root id) as the committed checkpoints applied it: a spout tuple
 * that sent three tuples to this task, two of them committed, has two of its replay's three skipped and the third
 * run. A tuple in several trees is skipped only when every one of its keys may be. A checkpoint's entry is
 * forgotten once it is older than twice the message timeout: by then a spout has replayed what it was not acked.
 * Executor thread only.
 */
final class AppliedLog implements ReplayLog {
    /** The suffix of the log's namespace after the state's. */
    static final String SUFFIX = "$applied";

    private final KeyValueState<Object, Object> store;
    private final Clock clock;
    private final long retainMillis;
    /** The committed entries in memory, by txid. */
    private final TreeMap<Long, Entry> entries = new TreeMap<>();
    /** Per key, how many of its tuples the committed entries applied. */
    private final Long2LongHashMap committed = new Long2LongHashMap(0);
    /** Per key, the root of the attempt being skipped and how many of its tuples were skipped. */
    private final Long2LongHashMap attemptRoot = new Long2LongHashMap(0);
    private final Long2LongHashMap attemptSkipped = new Long2LongHashMap(0);
    /** The entry staged by the last PREPARE, awaiting its COMMIT, or null. */
    private Entry prepared;
    private long preparedTxid = -1;
    private long skippedTotal;

    /**
     * A log over {@code store}, whose committed entries are read now (call after the store was rolled back to its
     * last commit).
     */
    AppliedLog(KeyValueState<Object, Object> store, Clock clock, long retainMillis) {
        this.store = store;
        this.clock = clock;
        this.retainMillis = retainMillis;
        for (Map.Entry<Object, Object> e : store) {
            if (e.getKey() instanceof Long txid && e.getValue() instanceof Entry entry) {
                entries.put(txid, entry);
                entry.addTo(committed, 1);
            }
        }
        forgetOld(clock.currentTimeMillis()); // The task may have been down for longer than the retention.
    }

    /** The namespace of the log of the state in {@code stateNamespace}. */
    static String namespace(String stateNamespace) {
        return stateNamespace + SUFFIX;
    }

    /**
     * Whether {@code input}'s updates are committed already, so it is to be acked without running the bolt; counts
     * it against its attempt when so.
     */
    @Override
    public boolean skip(Tuple input) {
        MessageId id = input.getMessageId();
        if (committed.isEmpty() || !id.hasReplayKeys()) {
            return false;
        }
        for (int i = 0; i < id.size(); i++) {
            long key = id.replayKey(i);
            long allowed = key == 0 ? 0 : committed.get(key);
            if (allowed == 0) {
                return false; // The common case, a tuple seen for the first time: one look-up.
            }
            long used = attemptRoot.get(key) == id.root(i) ? attemptSkipped.get(key) : 0;
            if (used >= allowed) {
                return false;
            }
        }
        for (int i = 0; i < id.size(); i++) {
            long key = id.replayKey(i);
            long used = attemptRoot.get(key) == id.root(i) ? attemptSkipped.get(key) : 0;
            attemptRoot.put(key, id.root(i));
            attemptSkipped.put(key, used + 1);
        }
        skippedTotal++;
        return true;
    }

    /** How many tuples were skipped since the task started. */
    @Override
    public long skipped() {
        return skippedTotal;
    }

    /**
     * Stages under {@code txid} the keys of {@code applied}, the tuples whose updates the checkpoint holds, and
     * forgets the entries older than the retention.
     */
    void prepare(long txid, Collection<Tuple> applied) {
        HeldAcks held = new HeldAcks();
        applied.forEach(t -> held.add(t, null));
        prepare(txid, held);
    }

    /**
     * Stages under {@code txid} the keys of the tuples {@code applied} holds, whose updates the checkpoint holds,
     * and forgets the entries older than the retention.
     */
    @Override
    public void prepare(long txid, HeldAcks applied) {
        Entry.KeyCounts counts = new Entry.KeyCounts();
        applied.forEachReplayKey(counts);
        prepare(txid, counts);
    }

    /** Stages under {@code txid} the replay keys {@code applied} counted, and forgets the old entries. */
    void prepare(long txid, Entry.KeyCounts applied) {
        long now = clock.currentTimeMillis();
        forgetOld(now);
        prepared = Entry.of(now, applied);
        preparedTxid = txid;
        if (prepared != null) {
            store.put(txid, prepared);
        }
        store.prepareCommit(txid);
    }

    /** Whether the log holds a committed entry older than the retention, which the next prepare forgets. */
    boolean holdsExpired() {
        return !entries.isEmpty()
                && clock.currentTimeMillis() - entries.firstEntry().getValue().preparedAtMillis > retainMillis;
    }

    /** Drops the entries older than the retention (the deletes are staged with the next PREPARE). */
    private void forgetOld(long now) {
        for (Iterator<Map.Entry<Long, Entry>> it = entries.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Long, Entry> e = it.next();
            if (now - e.getValue().preparedAtMillis <= retainMillis) {
                break; // Entries are in txid order, so in time order too.
            }
            store.delete(e.getKey());
            Entry old = e.getValue();
            old.addTo(committed, -1);
            for (long key : old.keys) {
                if (!committed.containsKey(key)) {
                    attemptRoot.remove(key);
                    attemptSkipped.remove(key);
                }
            }
            it.remove();
        }
    }

    /** Commits what {@link #prepare} staged under {@code txid} (again, after a recovery: commits are idempotent). */
    @Override
    public void commit(long txid) {
        store.commit(txid);
        if (prepared != null && preparedTxid == txid) {
            entries.put(txid, prepared);
            prepared.addTo(committed, 1);
        }
        prepared = null;
    }

    /** Forgets what was staged since the last commit. */
    @Override
    public void rollback() {
        store.rollback();
        prepared = null;
    }

    /** The keys of one checkpoint's applied tuples and how many of each; a plain value for the provider. */
    static final class Entry implements Serializable {
        private static final long serialVersionUID = 1L;

        private long preparedAtMillis;
        private long[] keys;
        private int[] counts;

        /** For serialization frameworks. */
        private Entry() {
        }

        private Entry(long preparedAtMillis, long[] keys, int[] counts) {
            this.preparedAtMillis = preparedAtMillis;
            this.keys = keys;
            this.counts = counts;
        }

        /** The entry of the keys {@code applied} counted, or null when it counted none. */
        static Entry of(long now, KeyCounts applied) {
            Long2LongHashMap counts = applied.finish();
            if (counts.isEmpty()) {
                return null;
            }
            long[] keys = new long[counts.size()];
            int[] n = new int[counts.size()];
            int[] at = {0};
            counts.forEachLong((k, v) -> {
                keys[at[0]] = k;
                n[at[0]++] = (int) v;
            });
            return new Entry(now, keys, n);
        }

        /**
         * Counts replay keys (0: none). The tuples of one spout tuple tend to come in a row (a splitter emits a
         * sentence's words together), so a run of one key is counted first and added to the map once.
         */
        static final class KeyCounts implements LongConsumer {
            private final Long2LongHashMap counts = new Long2LongHashMap(0);
            private long runKey;
            private long run;

            @Override
            public void accept(long key) {
                if (key == runKey) {
                    run++;
                } else if (key != 0) {
                    addRun();
                    runKey = key;
                    run = 1;
                }
            }

            private void addRun() {
                if (runKey != 0) {
                    counts.put(runKey, counts.get(runKey) + run);
                }
            }

            Long2LongHashMap finish() {
                addRun();
                runKey = 0;
                run = 0;
                return counts;
            }
        }

        /** Adds ({@code sign} 1) or removes ({@code sign} -1) this entry's counts in {@code committed}. */
        void addTo(Long2LongHashMap committed, int sign) {
            for (int i = 0; i < keys.length; i++) {
                long n = committed.get(keys[i]) + sign * (long) counts[i];
                if (n > 0) {
                    committed.put(keys[i], n);
                } else {
                    committed.remove(keys[i]);
                }
            }
        }
    }
}
