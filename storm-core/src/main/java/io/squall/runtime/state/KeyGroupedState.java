package io.squall.runtime.state;

import io.squall.state.KeyValueState;
import io.squall.state.QueryableKeyValueState;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.function.Function;

/**
 * The {@link KeyValueState} a keyed stateful bolt's task hands its bolt: a view over one state per key group the
 * task owns (namespace {@code component@group} in the provider), so that a new owner of a group after a rescale
 * finds the group's state where the last commit left it.
 *
 * <p>While the bolt executes an input tuple, every read and write goes to the tuple's group ({@link #enter}), as
 * Flink scopes keyed state to the current key: the state's keys then live in the group its input was routed by,
 * whatever keys the bolt derives from the grouping values. Outside of one (in {@code initState}, a tick tuple, a
 * checkpoint hook) a read looks in every owned group and a write goes to the group that holds the key, or to
 * the task's first group for a new key. Checkpoints prepare and commit only the groups changed since the last
 * commit. Executor thread only, except the {@link QueryableKeyValueState} reads, which any thread may make.
 */
final class KeyGroupedState implements QueryableKeyValueState<Object, Object> {
    private final int first;
    private final KeyValueState<Object, Object>[] groups;
    private final boolean queryable;
    /** Groups (by index from {@link #first}) changed since the last prepare, and staged by the last prepare. */
    private final BitSet dirty = new BitSet();
    private final BitSet prepared = new BitSet();
    private long preparedTxid = -1;
    /** The index of the group of the tuple being executed, or -1. */
    private int current = -1;
    /** Whether a rollback has reset every group since the view was made (state objects may outlive a task). */
    private boolean rolledBackAll;
    private volatile int lastPreparedKeys;

    /**
     * Opens groups {@code first} (inclusive) to {@code end} (exclusive) of {@code component} through
     * {@code open}, which gives the state of a namespace.
     *
     * @throws IllegalStateException when the provider's state is not a {@link KeyValueState}
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static KeyGroupedState open(String component, int first, int end, Function<String, Object> open) {
        KeyValueState<Object, Object>[] states = new KeyValueState[end - first];
        for (int g = first; g < end; g++) {
            Object s = open.apply(namespace(component, g));
            if (!(s instanceof KeyValueState<?, ?> kv)) {
                throw new IllegalStateException("the state provider gives a " + s.getClass().getName() + ", not a "
                        + "KeyValueState, which a stateful bolt fed by fields groupings keeps by key group; use a "
                        + "key-value provider");
            }
            states[g - first] = (KeyValueState<Object, Object>) kv;
        }
        return new KeyGroupedState(first, states);
    }

    private KeyGroupedState(int first, KeyValueState<Object, Object>[] groups) {
        this.first = first;
        this.groups = groups;
        boolean q = true;
        for (KeyValueState<Object, Object> s : groups) {
            q &= s instanceof QueryableKeyValueState<?, ?>;
        }
        this.queryable = q;
    }

    /** The namespace of a key group's state in the provider. */
    static String namespace(String component, int group) {
        return component + "@" + group;
    }

    /**
     * Scopes reads and writes to {@code group} (-1: no group) until the next call.
     *
     * @return false when the task does not own {@code group}
     */
    boolean enter(int group) {
        if (group < 0) {
            current = -1;
            return true;
        }
        int index = group - first;
        current = index >= 0 && index < groups.length ? index : -1;
        return current >= 0;
    }

    /** The index, from the task's first group, of the group being executed, or -1. */
    int current() {
        return current;
    }

    /** How many groups the task owns. */
    int size() {
        return groups.length;
    }

    /** Whether every group's state can answer the dashboard's queries. */
    boolean queryable() {
        return queryable;
    }

    private int indexFor(Object key) {
        if (current >= 0) {
            return current;
        }
        for (int i = 0; i < groups.length; i++) {
            if (groups[i].get(key) != null) {
                return i;
            }
        }
        return 0;
    }

    @Override
    public void put(Object key, Object value) {
        int i = indexFor(key);
        groups[i].put(key, value);
        dirty.set(i);
    }

    @Override
    public Object get(Object key) {
        if (current >= 0) {
            return groups[current].get(key);
        }
        for (KeyValueState<Object, Object> s : groups) {
            Object v = s.get(key);
            if (v != null) {
                return v;
            }
        }
        return null;
    }

    @Override
    public Object get(Object key, Object defaultValue) {
        Object v = get(key);
        return v == null ? defaultValue : v;
    }

    @Override
    public Object delete(Object key) {
        int i = indexFor(key);
        dirty.set(i);
        return groups[i].delete(key);
    }

    @Override
    public void prepareCommit(long txid) {
        int keys = 0;
        for (int i = dirty.nextSetBit(0); i >= 0; i = dirty.nextSetBit(i + 1)) {
            groups[i].prepareCommit(txid);
            if (groups[i] instanceof QueryableKeyValueState<?, ?> q) {
                keys += q.lastPreparedKeys();
            }
        }
        lastPreparedKeys = keys;
        prepared.or(dirty);
        dirty.clear();
        preparedTxid = txid;
    }

    /**
     * Commits the groups the last prepare staged under {@code txid}; when this view staged none under it (a
     * recovery committing what a task before the restart or rescale prepared), every group, each committing only
     * if it staged {@code txid}.
     */
    @Override
    public void commit(long txid) {
        if (txid == preparedTxid) {
            for (int i = prepared.nextSetBit(0); i >= 0; i = prepared.nextSetBit(i + 1)) {
                groups[i].commit(txid);
            }
        } else {
            for (KeyValueState<Object, Object> s : groups) {
                s.commit(txid);
            }
        }
        prepared.clear();
        preparedTxid = -1;
    }

    @Override
    public void commit() {
        for (int i = dirty.nextSetBit(0); i >= 0; i = dirty.nextSetBit(i + 1)) {
            groups[i].commit();
        }
        dirty.clear();
    }

    /** Rolls back the groups changed since the last commit; the first time, every group. */
    @Override
    public void rollback() {
        BitSet touched = (BitSet) dirty.clone();
        touched.or(prepared);
        if (!rolledBackAll) {
            touched.set(0, groups.length);
            rolledBackAll = true;
        }
        for (int i = touched.nextSetBit(0); i >= 0; i = touched.nextSetBit(i + 1)) {
            groups[i].rollback();
        }
        dirty.clear();
        prepared.clear();
        preparedTxid = -1;
    }

    @Override
    public Iterator<Map.Entry<Object, Object>> iterator() {
        List<Iterator<Map.Entry<Object, Object>>> all = new ArrayList<>(groups.length);
        for (KeyValueState<Object, Object> s : groups) {
            all.add(s.iterator());
        }
        return new Iterator<>() {
            private int at;

            @Override
            public boolean hasNext() {
                while (at < all.size() && !all.get(at).hasNext()) {
                    at++;
                }
                return at < all.size();
            }

            @Override
            public Map.Entry<Object, Object> next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return all.get(at).next();
            }
        };
    }

    @Override
    @SuppressWarnings("unchecked")
    public Object committedValue(Object key) {
        for (KeyValueState<Object, Object> s : groups) {
            Object v = ((QueryableKeyValueState<Object, Object>) s).committedValue(key);
            if (v != null) {
                return v;
            }
        }
        return null;
    }

    @Override
    public long committedSize() {
        long n = 0;
        for (KeyValueState<Object, Object> s : groups) {
            n += ((QueryableKeyValueState<?, ?>) s).committedSize();
        }
        return n;
    }

    @Override
    public int lastPreparedKeys() {
        return lastPreparedKeys;
    }
}
