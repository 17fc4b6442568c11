package io.squall.runtime.state;

import io.squall.tuple.Tuple;

import java.util.BitSet;

/**
 * The applied logs of a keyed stateful bolt's task, one per key group it owns (namespace
 * {@code component@group$applied}), so that after a rescale the new owner of a group skips the replays whose
 * updates the group's previous owner committed. A tuple's replay keys go to the log of its group, which is also
 * the group its updates went to ({@link KeyGroupedState}). A checkpoint stages only the logs of groups that
 * applied tuples or hold entries old enough to forget. Executor thread only.
 */
final class KeyGroupedLog implements ReplayLog {
    private final KeyGroupedState state;
    private final AppliedLog[] logs;
    private final BitSet prepared = new BitSet();
    private long preparedTxid = -1;
    /** Each group's keys of the prepare in progress, kept from one prepare to the next. */
    private final GroupCounts byGroup;

    /** The logs of the groups of {@code state}, by index from its first group. */
    KeyGroupedLog(KeyGroupedState state, AppliedLog[] logs) {
        this.state = state;
        this.logs = logs;
        this.byGroup = new GroupCounts(logs.length);
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
        applied.forEachGroupAndReplayKey(byGroup);
        for (int i = 0; i < logs.length; i++) {
            AppliedLog.Entry.KeyCounts counts = byGroup.of(i);
            if (!counts.isEmpty() || logs[i].holdsExpired()) {
                logs[i].prepare(txid, counts);
                prepared.set(i);
            }
        }
        preparedTxid = txid;
    }

    @Override
    public void commit(long txid) {
        for (int i = 0; i < logs.length; i++) {
            if (txid != preparedTxid || prepared.get(i)) {
                logs[i].commit(txid);
            }
        }
        prepared.clear();
        preparedTxid = -1;
    }

    @Override
    public void rollback() {
        for (AppliedLog log : logs) {
            log.rollback();
        }
        prepared.clear();
        preparedTxid = -1;
    }

    /** Sorts held replay keys by the key group they updated; a group out of range is not the task's own. */
    private static final class GroupCounts implements HeldAcks.GroupKeyConsumer {
        private final AppliedLog.Entry.KeyCounts[] counts;

        GroupCounts(int groups) {
            counts = new AppliedLog.Entry.KeyCounts[groups];
            for (int i = 0; i < groups; i++) {
                counts[i] = new AppliedLog.Entry.KeyCounts();
            }
        }

        @Override
        public void accept(int group, long replayKey) {
            if (group >= 0 && group < counts.length) {
                counts[group].accept(replayKey);
            }
        }

        AppliedLog.Entry.KeyCounts of(int group) {
            return counts[group];
        }
    }
}
