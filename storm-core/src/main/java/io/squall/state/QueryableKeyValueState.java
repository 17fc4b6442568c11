package io.squall.state;

/**
 * A key-value state whose committed contents other threads may read while its task runs, for the dashboard's
 * state queries and the state-size metrics. Reads see the last commit, never changes in progress.
 */
public interface QueryableKeyValueState<K, V> extends KeyValueState<K, V> {
    /** The committed value of {@code key}, or null. Any thread. */
    V committedValue(K key);

    /** How many keys the committed state holds (an estimate for some backends). Any thread. */
    long committedSize();

    /** How many keys the last prepare staged: the size of the last checkpoint. */
    int lastPreparedKeys();
}
