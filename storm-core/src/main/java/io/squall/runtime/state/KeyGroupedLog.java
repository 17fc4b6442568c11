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

    /** The logs of the groups of {@code state}, by index from its first group. */
    KeyGroupedLog(KeyGroupedState state, AppliedLog[] logs) {
        this.state = state;
        this.logs = logs;
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
        AppliedLog.Entry.KeyCounts[] byGroup = new AppliedLog.Entry.KeyCounts[logs.length];
        applied.forEachGroupAndReplayKey((group, key) -> {
            if (group >= 0 && group < byGroup.length) {
                if (byGroup[group] == null) {
                    byGroup[group] = new AppliedLog.Entry.KeyCounts();
                }
                byGroup[group].accept(key);
            }
        });
        for (int i = 0; i < logs.length; i++) {
            if (byGroup[i] != null || logs[i].holdsExpired()) {
                logs[i].prepare(txid, byGroup[i] == null ? new AppliedLog.Entry.KeyCounts() : byGroup[i]);
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
}
