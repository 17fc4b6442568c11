package io.squall.streams;

import java.io.Serializable;

/**
 * The state {@code PairStream.updateStateByKey} keeps, to query with {@link Stream#stateQuery} or to follow as a
 * stream of updates with {@link #toPairStream()}.
 *
 * @param <K> the keys' type
 * @param <V> the states' type
 */
public class StreamState<K, V> implements Serializable {
    private static final long serialVersionUID = 1L;
    private final transient PairStream<K, V> stream;
    final transient Node node;

    StreamState(PairStream<K, V> stream) {
        this.stream = stream;
        this.node = stream.node;
    }

    /** The stream of updates: each key's new state, each time it changes. */
    public PairStream<K, V> toPairStream() {
        return stream;
    }
}
