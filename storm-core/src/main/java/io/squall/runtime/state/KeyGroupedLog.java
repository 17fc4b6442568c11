package io.squall.runtime.state;

import io.squall.state.KeyValueState;
import io.squall.tuple.Tuple;
import io.squall.utils.Clock;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;

/**
 * The applied logs of a keyed stateful bolt's task, one per key group it owns (namespace
 * {@code component@group$applied}), so that after a rescale the new owner of a group skips the replays whose
 * updates the group's previous owner committed. A tuple's replay keys go to the log of its group, which is also
 * the group its updates went to ({@link KeyGroupedState}). A checkpoint stages only the logs of groups that
 * applied tuples or hold entries old enough to forget.
 *
 * <p>The groups' logs share one {@link ReplayKeyFilter} of all their keys, kept here: a spout tuple's words reach a
 * task in several groups with the same replay key, and usually in a row, so the check of each word against its
 * group's log reads the one cache line its sentence's first word brought in, where a filter per group cost a miss in
 * memory per word. A shared filter answers "maybe" for a key another group applied; the group's log then searches
 * its own entries, so the answers are the same, only such rare look-ups cost more.
 *
 * <p>A commit adds a checkpoint's keys to the filter once per task, not once per group: a PREPARE also gathers the
 * held keys without the repeats of a spout tuple's tuples held in a row (a sentence's words, in several groups), and
 * spreads them in order ({@link KeySort#spread}); that list holds every key of the groups' entries, so the filter
 * answers as before with a quarter of the adds in the word count. Executor thread only.
 */
final class KeyGroupedLog implements ReplayLog {
    private final KeyGroupedState state;
    private final AppliedLog[] logs;
    private final BitSet prepared = new BitSet();
    private long preparedTxid = -1;
    /** Each group's keys of the prepare in progress, kept from one prepare to the next. */
    private final GroupCounts byGroup;

    private final ReplayKeyFilter filter;
    /** The held keys of the prepare in progress, without repeats in a row, in the order held. */
    private final TaskKeys taskKeys = new TaskKeys();
    /** The keys of {@link #taskKeys} in ascending order, the first {@link #sortedCount}: the filter's adds at commit. */
    private long[] sortedKeys = new long[0];
    private int sortedCount;
    private int[] spreadTable;

    /**
     * The logs of the groups of {@code state} over {@code stores} (by index from its first group, each rolled back to
     * its last commit), their committed entries read now.
     */
    KeyGroupedLog(KeyGroupedState state, List<KeyValueState<Object, Object>> stores, Clock clock, long retainMillis) {
        this.state = state;
        this.filter = new ReplayKeyFilter(1024);
        this.logs = new AppliedLog[stores.size()];
        for (int i = 0; i < logs.length; i++) {
            logs[i] = new AppliedLog(stores.get(i), clock, retainMillis, filter);
        }
        this.byGroup = new GroupCounts(logs.length, taskKeys);
        rebuildFilter();
    }

    /** Asks the log of the group {@link KeyGroupedState#enter} scoped the state to. */
    @Override
    public boolean skip(Tuple input) {
        int i = state.current();
        return i >= 0 && logs[i].skip(input);
    }

    @Override
    public long skipped() {
        long n = 0;
        for (AppliedLog log : logs) {
            n += log.skipped();
        }
        return n;
    }

    @Override
    public void prepare(long txid, HeldAcks applied) {
        taskKeys.clear();
        applied.forEachGroupAndReplayKey(byGroup);
        for (int i = 0; i < logs.length; i++) {
            AppliedLog.Entry.KeyCounts counts = byGroup.of(i);
            if (!counts.isEmpty() || logs[i].holdsExpired()) {
                logs[i].prepare(txid, counts);
                prepared.set(i);
            }
        }
        sortedCount = taskKeys.size;
        if (sortedKeys.length < sortedCount) {
            sortedKeys = new long[Math.max(sortedCount, sortedKeys.length + sortedKeys.length / 2)];
        }
        spreadTable = KeySort.spread(taskKeys.keys, sortedCount, sortedKeys, spreadTable);
        preparedTxid = txid;
    }

    @Override
    public void commit(long txid) {
        boolean ours = txid == preparedTxid;
        List<long[]> committed = new ArrayList<>();
        long keys = 0;
        for (int i = 0; i < logs.length; i++) {
            if (!ours || prepared.get(i)) {
                AppliedLog.Entry e = logs[i].commitEntry(txid);
                if (e != null) {
                    committed.add(e.sortedKeys());
                    keys += e.keys();
                }
            }
        }
        if (ours && !committed.isEmpty()) {
            // The prepare's keys once per task: they hold every committed entry's keys (the same held keys).
            if (filter.hasRoomFor(sortedCount)) {
                filter.addSorted(sortedKeys, sortedCount);
            } else {
                rebuildFilter();
            }
        } else if (filter.hasRoomFor(keys)) {
            filter.addAll(committed); // The groups' keys in one sweep of the table.
        } else {
            rebuildFilter();
        }
        prepared.clear();
        preparedTxid = -1;
    }

    /** Makes the shared filter again from the keys the logs hold now (see {@link AppliedLog}'s own rebuild). */
    private void rebuildFilter() {
        long live = 0;
        for (AppliedLog log : logs) {
            live += log.liveKeys();
        }
        filter.clear(ReplayKeyFilter.capacityFor(live));
        List<long[]> keys = new ArrayList<>();
        for (AppliedLog log : logs) {
            log.collectKeys(keys);
        }
        filter.addAll(keys);
    }

    @Override
    public long bytes() {
        long n = filter.bytes();
        for (AppliedLog log : logs) {
            n += log.bytes();
        }
        return n;
    }

    @Override
    public void rollback() {
        for (AppliedLog log : logs) {
            log.rollback();
        }
        prepared.clear();
        preparedTxid = -1;
    }

    /**
     * Sorts held replay keys by the key group they updated, and gathers them for the task; a group out of range is
     * not the task's own.
     */
    private static final class GroupCounts implements HeldAcks.GroupKeyConsumer {
        private final AppliedLog.Entry.KeyCounts[] counts;
        private final TaskKeys task;

        GroupCounts(int groups, TaskKeys task) {
            counts = new AppliedLog.Entry.KeyCounts[groups];
            for (int i = 0; i < groups; i++) {
                counts[i] = new AppliedLog.Entry.KeyCounts();
            }
            this.task = task;
        }

        @Override
        public void accept(int group, long replayKey) {
            if (group >= 0 && group < counts.length) {
                counts[group].accept(replayKey);
                task.accept(replayKey);
            }
        }

        AppliedLog.Entry.KeyCounts of(int group) {
            return counts[group];
        }
    }

    /** Replay keys without their flags (0: none), each not repeated in a row; reused from one prepare to the next. */
    private static final class TaskKeys {
        private long[] keys = new long[1024];
        private int size;

        void accept(long replayKey) {
            long key = ReplayKeys.base(replayKey);
            if (key == 0 || size > 0 && keys[size - 1] == key) {
                return;
            }
            if (size == keys.length) {
                keys = Arrays.copyOf(keys, size * 2);
            }
            keys[size++] = key;
        }

        void clear() {
            size = 0;
        }
    }
}
