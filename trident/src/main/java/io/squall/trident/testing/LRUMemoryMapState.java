package io.squall.trident.testing;

import io.squall.task.IMetricsContext;
import io.squall.trident.state.ITupleCollection;
import io.squall.trident.state.State;
import io.squall.trident.state.StateFactory;
import io.squall.trident.state.StateType;
import io.squall.trident.state.ValueUpdater;
import io.squall.trident.state.map.MapState;
import io.squall.trident.state.map.MapStates;
import io.squall.trident.state.snapshot.Snapshottable;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An in-memory map state that keeps at most {@code cacheSize} keys, forgetting the least recently used one first;
 * as Storm's, each partition of a {@link Factory} has a map of its own (named after the factory and the partition),
 * and a state made with the public constructor uses the map of its {@code id}. A forgotten key reads as absent, so
 * an aggregation over it starts again. The maps live in this process, so a resubmitted topology continues from them.
 * It is a {@link MemoryMapState} over a synchronized LRU map.
 *
 * <p>An instance is confined to the task thread of its partition; the maps are thread-safe, so tests may read them
 * while the topology runs.
 *
 * @param <T> the value type
 */
public class LRUMemoryMapState<T> implements Snapshottable<T>, ITupleCollection, MapState<T> {
    private static final Map<String, Map<List<Object>, Object>> MAPS = new ConcurrentHashMap<>();

    private final MemoryMapState<T> delegate;

    /** An opaque state over the LRU map named {@code id}, of at most {@code cacheSize} keys; as Storm's constructor. */
    public LRUMemoryMapState(int cacheSize, String id) {
        this(map(id, cacheSize), StateType.OPAQUE);
    }

    private LRUMemoryMapState(Map<List<Object>, Object> map, StateType type) {
        this.delegate = MemoryMapState.over(map, type);
    }

    /** The map named {@code id}, made with room for {@code cacheSize} keys at its first use. */
    private static Map<List<Object>, Object> map(String id, int cacheSize) {
        if (cacheSize < 1) {
            throw new IllegalArgumentException("LRUMemoryMapState needs a cache size of at least 1, got " + cacheSize);
        }
        return MAPS.computeIfAbsent(id, k -> Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<List<Object>, Object> eldest) {
                return size() > cacheSize;
            }
        }));
    }

    /** Makes LRU in-memory map states, one map of at most {@code maxSize} keys per partition; opaque, as Storm's. */
    public static class Factory implements StateFactory {
        private static final long serialVersionUID = 1L;

        private final String id = UUID.randomUUID().toString();
        private final int maxSize;
        private final StateType type;

        /** An opaque state of at most {@code maxSize} keys per partition. */
        public Factory(int maxSize) {
            this(maxSize, StateType.OPAQUE);
        }

        /** A state of the given guarantee of at most {@code maxSize} keys per partition. */
        public Factory(int maxSize, StateType type) {
            if (maxSize < 1) {
                throw new IllegalArgumentException("LRUMemoryMapState needs maxSize of at least 1, got " + maxSize);
            }
            this.maxSize = maxSize;
            this.type = type;
        }

        @Override
        public State makeState(Map<String, Object> conf, IMetricsContext metrics, int partitionIndex,
                               int numPartitions) {
            return new LRUMemoryMapState<>(map(id + "/" + partitionIndex, maxSize), type);
        }

        @Override
        public StateType getStateType() {
            return type;
        }

        /**
         * The current value of a key (unwrapped from its txid bookkeeping) in the partition that holds it, or null
         * if absent or forgotten. Reading it counts as a use of the key.
         */
        public Object get(List<Object> key) {
            List<Object> k = new ArrayList<>(key);
            for (Map<List<Object>, Object> m : partitionMaps()) {
                Object stored = m.get(k);
                if (stored != null) {
                    return MapStates.unwrap(type, stored);
                }
            }
            return null;
        }

        /** How many keys the partitions' maps hold together. */
        public int size() {
            return partitionMaps().stream().mapToInt(Map::size).sum();
        }

        private List<Map<List<Object>, Object>> partitionMaps() {
            List<Map<List<Object>, Object>> out = new ArrayList<>();
            MAPS.forEach((name, m) -> {
                if (name.startsWith(id + "/")) {
                    out.add(m);
                }
            });
            return out;
        }
    }

    @Override
    public void beginCommit(Long txid) {
        delegate.beginCommit(txid);
    }

    @Override
    public void commit(Long txid) {
        delegate.commit(txid);
    }

    @Override
    public List<T> multiGet(List<List<Object>> keys) {
        return delegate.multiGet(keys);
    }

    @Override
    @SuppressWarnings("rawtypes")
    public List<T> multiUpdate(List<List<Object>> keys, List<ValueUpdater> updaters) {
        return delegate.multiUpdate(keys, updaters);
    }

    @Override
    public void multiPut(List<List<Object>> keys, List<T> vals) {
        delegate.multiPut(keys, vals);
    }

    @Override
    public T get() {
        return delegate.get();
    }

    @Override
    @SuppressWarnings("rawtypes")
    public T update(ValueUpdater updater) {
        return delegate.update(updater);
    }

    @Override
    public void set(T o) {
        delegate.set(o);
    }

    /** Every key the map holds, as its values followed by the value, least recently used first. */
    @Override
    public Iterator<List<Object>> getTuples() {
        return delegate.getTuples();
    }
}
