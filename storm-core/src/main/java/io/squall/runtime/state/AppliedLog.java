package io.squall.runtime.state;

import io.squall.state.KeyValueState;
import io.squall.tuple.MessageId;
import io.squall.tuple.Tuple;
import io.squall.utils.Clock;
import org.agrona.collections.Long2LongHashMap;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
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
 *
 * <p>What it costs per tuple: a tuple whose keys are not flagged as possible replays ({@link ReplayKeys#mayBeReplay};
 * with {@code topology.state.check.every.tuple: false}, a message id's first emit) runs without a look-up. A flagged
 * one (every tuple by default) asks a {@link ReplayKeyFilter} of the committed entries' keys first: one cache line,
 * "no" for nearly every tuple that is not a replay. Only a "maybe" is counted exactly, from the entries (each sorted by
 * key, so a binary search each) until the log skips a real replay; then, while replays come, from counts per key
 * built from the entries (each entry once, when a flagged tuple needs it) and dropped again a retention after the
 * last skip. So a topology without replays never hashes its entries' keys. An entry is one checkpoint's keys, sorted
 * at its PREPARE: a key as often as held tuples carried it, or (when most keys came in runs) each once with its count.
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
    /**
     * The keys of {@link #entries} (and of entries forgotten since it was last cleared); shared with the logs of the
     * task's other key groups when {@link #ownsFilter} is false, their {@link KeyGroupedLog} then keeps it.
     */
    private final ReplayKeyFilter filter;
    private final boolean ownsFilter;
    /** How many keys {@link #entries} hold. */
    private long liveKeys;
    /** The bytes of {@link #entries}' arrays; read by the metrics thread. */
    private volatile long liveBytes;
    /**
     * Whether skips are counted from {@link #committed} (since a real replay was skipped, for a retention after the
     * last one) rather than by searching the entries.
     */
    private boolean exact;
    private long lastSkipMillis;
    /** Per key, how many of its tuples the committed entries applied, except those of {@link #uncounted}. */
    private final Long2LongHashMap committed = new Long2LongHashMap(0);
    /** The committed entries whose keys are not in {@link #committed} yet, by txid. */
    private final TreeMap<Long, Entry> uncounted = new TreeMap<>();
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
        this(store, clock, retainMillis, null);
    }

    /**
     * A log as {@link #AppliedLog(KeyValueState, Clock, long)} whose keys the caller adds to {@code shared} (a filter
     * of several logs' keys, which this log only asks), or with a filter of its own when {@code shared} is null.
     */
    AppliedLog(KeyValueState<Object, Object> store, Clock clock, long retainMillis, ReplayKeyFilter shared) {
        this.store = store;
        this.ownsFilter = shared == null;
        this.filter = ownsFilter ? new ReplayKeyFilter(1024) : shared;
        this.clock = clock;
        this.retainMillis = retainMillis;
        for (Map.Entry<Object, Object> e : store) {
            if (e.getKey() instanceof Long txid && e.getValue() instanceof Entry entry) {
                entry.sortByKey(); // An entry an older version wrote is in the order its tuples were held.
                entries.put(txid, entry);
                uncounted.put(txid, entry);
                liveKeys += entry.keys.length;
                liveBytes += entry.arrayBytes();
            }
        }
        forgetOld(clock.currentTimeMillis()); // The task may have been down for longer than the retention.
        if (ownsFilter) {
            rebuildFilter();
        }
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
        if (entries.isEmpty() || !id.hasReplayKeys()) {
            return false;
        }
        for (int i = 0; i < id.size(); i++) {
            long key = id.replayKey(i);
            if (!ReplayKeys.mayBeReplay(key)) {
                return false; // A first emit of its spout tuple (or no key): nothing of it can be committed.
            }
            if (!filter.mightContain(ReplayKeys.base(key))) {
                return false; // In no committed entry: not a replay of committed updates.
            }
        }
        for (int i = 0; i < id.size(); i++) {
            long key = ReplayKeys.base(id.replayKey(i));
            long allowed = applied(key);
            if (allowed == 0) {
                return false;
            }
            long used = attemptRoot.get(key) == id.root(i) ? attemptSkipped.get(key) : 0;
            if (used >= allowed) {
                return false;
            }
        }
        for (int i = 0; i < id.size(); i++) {
            long key = ReplayKeys.base(id.replayKey(i));
            long used = attemptRoot.get(key) == id.root(i) ? attemptSkipped.get(key) : 0;
            attemptRoot.put(key, id.root(i));
            attemptSkipped.put(key, used + 1);
        }
        skippedTotal++;
        lastSkipMillis = clock.currentTimeMillis();
        if (!exact) {
            exact = true; // Replays come in bursts (a lost commit's acks): count the next ones by hash look-ups.
            counts();
        }
        return true;
    }

    /** How many tuples with {@code key} the committed entries applied. */
    private long applied(long key) {
        if (exact) {
            return counts().get(key);
        }
        long n = 0;
        for (Entry e : entries.values()) {
            n += e.count(key);
        }
        return n;
    }

    /** The committed counts per key, with the entries committed since the last call added now. */
    private Long2LongHashMap counts() {
        if (!uncounted.isEmpty()) {
            for (Entry e : uncounted.values()) {
                e.addTo(committed, 1);
            }
            uncounted.clear();
        }
        return committed;
    }

    /** How many committed entries are not in the counts per key yet. */
    int uncountedEntries() {
        return uncounted.size();
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
        if (exact && now - lastSkipMillis > retainMillis) {
            // No replay for a retention: back to searching the entries on the filter's rare "maybe".
            exact = false;
            committed.clear();
            attemptRoot.clear();
            attemptSkipped.clear();
            uncounted.clear();
            uncounted.putAll(entries);
        }
        prepared = applied.toEntry(now);
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
            liveKeys -= old.keys.length; // The filter keeps its keys until it is rebuilt.
            liveBytes -= old.arrayBytes();
            if (uncounted.remove(e.getKey()) == null) {
                old.addTo(committed, -1);
                for (long key : old.keys) {
                    if (!committed.containsKey(key)) {
                        attemptRoot.remove(key);
                        attemptSkipped.remove(key);
                    }
                }
            }
            it.remove();
        }
    }

    /** Commits what {@link #prepare} staged under {@code txid} (again, after a recovery: commits are idempotent). */
    @Override
    public void commit(long txid) {
        Entry e = commitEntry(txid);
        if (e != null && ownsFilter) {
            if (filter.hasRoomFor(e.keys.length)) {
                filter.addAll(List.of(e.keys));
            } else {
                rebuildFilter();
            }
        }
    }

    /**
     * Commits as {@link #commit} without touching the filter; returns the entry committed now (its keys are for the
     * filter), or null when none.
     */
    Entry commitEntry(long txid) {
        store.commit(txid);
        Entry e = null;
        if (prepared != null && preparedTxid == txid) {
            e = prepared;
            entries.put(txid, e);
            uncounted.put(txid, e);
            liveKeys += e.keys.length;
            liveBytes += e.arrayBytes();
        }
        prepared = null;
        return e;
    }

    @Override
    public long bytes() {
        return liveBytes + (ownsFilter ? filter.bytes() : 0);
    }

    /** How many keys the entries in memory hold. */
    long liveKeys() {
        return liveKeys;
    }

    /** Adds the sorted keys of every entry in memory to {@code to}. */
    void collectKeys(List<long[]> to) {
        for (Entry e : entries.values()) {
            to.add(e.keys);
        }
    }

    /**
     * Makes the filter again from the entries' keys alone, sized for twice as many: the forgotten keys leave it, and
     * as many keys again are added before the next rebuild (so a key is added about twice in its life).
     */
    private void rebuildFilter() {
        filter.clear(ReplayKeyFilter.capacityFor(liveKeys));
        List<long[]> keys = new ArrayList<>(entries.size());
        collectKeys(keys);
        filter.addAll(keys);
    }

    /** Forgets what was staged since the last commit. */
    @Override
    public void rollback() {
        store.rollback();
        prepared = null;
    }

    /**
     * The keys of one checkpoint's applied tuples in ascending order, a plain value for the provider. Either each key
     * as often as tuples carried it ({@code counts} null; the usual case in a key group's log, where a repeat is rare
     * and out of a row) or each key once with its count (when most came in runs, as a sentence's words do in a task's
     * own log). Entries live for the retention, so they are most of what the young collections promote: 8 bytes per
     * applied tuple, not 12 (a key and a count for each of the many keys of an entry that holds one repeat).
     */
    static final class Entry implements Serializable {
        private static final long serialVersionUID = 1L;

        private long preparedAtMillis;
        private long[] keys;
        /** Per key, how many applied tuples carried it; null when each key was carried once (the usual case). */
        private int[] counts;

        /** For serialization frameworks. */
        private Entry() {
        }

        private Entry(long preparedAtMillis, long[] keys, int[] counts) {
            this.preparedAtMillis = preparedAtMillis;
            this.keys = keys;
            this.counts = counts;
        }

        /**
         * Counts replay keys (0: none) in runs, without their replay flags. The tuples of one spout tuple tend to
         * come in a row (a splitter emits a sentence's words together), so a run of one key takes one slot.
         * Reusable: {@link #toEntry} empties it.
         */
        static final class KeyCounts implements LongConsumer {
            private long[] keys = new long[64];
            private int[] counts = new int[64];
            private int size;
            /** The sum of the counts less their number: 0 when each is 1 (the usual case in a key group's log). */
            private int repeats;
            /** {@link KeySort#spread}'s bucket table, kept from one checkpoint to the next. */
            private int[] spreadTable;

            @Override
            public void accept(long replayKey) {
                long key = ReplayKeys.base(replayKey);
                if (key == 0) {
                    return;
                }
                if (size > 0 && keys[size - 1] == key) {
                    counts[size - 1]++;
                    repeats++;
                    return;
                }
                if (size == keys.length) {
                    keys = Arrays.copyOf(keys, size * 2);
                    counts = Arrays.copyOf(counts, size * 2);
                }
                keys[size] = key;
                counts[size++] = 1;
            }

            boolean isEmpty() {
                return size == 0;
            }

            /**
             * The entry of the keys counted, sorted by key, prepared at {@code now}, or null when none; then counts
             * afresh.
             */
            Entry toEntry(long now) {
                if (size == 0) {
                    return null;
                }
                Entry e;
                if (repeats <= size / 8) {
                    // Few runs (a key group's log): each key written as often as counted, after the runs' first
                    // keys, then spread into the entry in order (the sort is the copy); repeats stay repeated.
                    int n = size + repeats;
                    if (n > keys.length) {
                        keys = Arrays.copyOf(keys, n);
                        counts = Arrays.copyOf(counts, n);
                    }
                    for (int i = 0, at = size; at < n; i++) {
                        for (int c = 1; c < counts[i]; c++) {
                            keys[at++] = keys[i];
                        }
                    }
                    long[] each = new long[n];
                    spreadTable = KeySort.spread(keys, n, each, spreadTable);
                    e = new Entry(now, each, null);
                } else {
                    e = new Entry(now, Arrays.copyOf(keys, size), Arrays.copyOf(counts, size));
                    e.sortByKey();
                }
                size = 0;
                repeats = 0;
                return e;
            }
        }

        /** The bytes of the entry's arrays (its keys, and its counts when it has them). */
        long arrayBytes() {
            return 8L * keys.length + (counts == null ? 0 : 4L * counts.length);
        }

        /** How many keys the entry holds. */
        int keys() {
            return keys.length;
        }

        /** The keys, in ascending order; not a copy. */
        long[] sortedKeys() {
            return keys;
        }

        /** How many applied tuples carried {@code key}, by a binary search of the sorted keys. */
        int count(long key) {
            int i = Arrays.binarySearch(keys, key);
            if (i < 0) {
                return 0;
            }
            if (counts != null) {
                return counts[i];
            }
            int first = i;
            int end = i + 1;
            while (first > 0 && keys[first - 1] == key) {
                first--;
            }
            while (end < keys.length && keys[end] == key) {
                end++;
            }
            return end - first;
        }

        /**
         * Puts the keys in ascending order. With counts: each key once with the sum of its counts, and the counts
         * dropped when each is 1 (a third of the entry's memory, kept for the retention). Without: repeats kept.
         */
        void sortByKey() {
            int n = keys.length;
            boolean sorted = true;
            for (int i = 1; i < n && sorted; i++) {
                sorted = counts == null ? keys[i - 1] <= keys[i] : keys[i - 1] < keys[i];
            }
            if (sorted) {
                dropUnitCounts();
                return;
            }
            if (counts == null) {
                Arrays.sort(keys); // An entry written in the order its tuples were held (an older version's).
                return;
            }
            KeySort.sort(keys, counts, 0, n);
            int m = 0;
            for (int i = 0; i < n; i++) {
                if (m > 0 && keys[m - 1] == keys[i]) {
                    counts[m - 1] += counts[i];
                } else {
                    keys[m] = keys[i];
                    counts[m++] = counts[i];
                }
            }
            if (m < n) {
                keys = Arrays.copyOf(keys, m);
                counts = Arrays.copyOf(counts, m);
            }
            dropUnitCounts();
        }

        private void dropUnitCounts() {
            if (counts == null) {
                return;
            }
            for (int c : counts) {
                if (c != 1) {
                    return;
                }
            }
            counts = null;
        }

        /** Adds ({@code sign} 1) or removes ({@code sign} -1) this entry's counts in {@code committed}. */
        void addTo(Long2LongHashMap committed, int sign) {
            for (int i = 0; i < keys.length; i++) {
                long n = committed.get(keys[i]) + sign * (long) (counts == null ? 1 : counts[i]);
                if (n > 0) {
                    committed.put(keys[i], n);
                } else {
                    committed.remove(keys[i]);
                }
            }
        }
    }
}
