package io.squall.trident.testing;

import io.squall.task.IMetricsContext;
import io.squall.trident.state.ITupleCollection;
import io.squall.trident.state.State;
import io.squall.trident.state.StateFactory;
import io.squall.trident.state.StateType;
import io.squall.trident.state.ValueUpdater;
import io.squall.trident.state.map.IBackingMap;
import io.squall.trident.state.map.MapState;
import io.squall.trident.state.map.MapStates;
import io.squall.trident.state.map.RemovableMapState;
import io.squall.trident.state.snapshot.Snapshottable;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An in-memory map state for tests and examples. Every partition of one factory, and every topology
 * submitted with it in this process, shares one map, so a test can read the counts back with {@link Factory#get}
 * and a resubmitted topology continues from them.
 *
 * <p>Keys can be removed ({@link #multiRemove}). A removal is a write of an absent value through the state's txid
 * bookkeeping, so a replay of the batch that removed a key still finds the value before it; the key itself is
 * dropped from the map when a later batch begins its commit, unless something was written to it since.
 *
 * <p>An instance is confined to the task thread of its partition; the map the instances share is thread-safe.
 *
 * @param <T> the value type
 */
public final class MemoryMapState<T> implements Snapshottable<T>, ITupleCollection, MapState<T>,
        RemovableMapState<T> {
    private static final Map<String, Map<List<Object>, Object>> MAPS = new ConcurrentHashMap<>();

    private final StateType type;
    private final Map<List<Object>, Object> map;
    private final MapState<T> delegate;
    private final Snapshottable<T> single;
    /** The keys this state removed in the batch it is committing, dropped from the map once a later one begins. */
    private List<List<Object>> removed = new ArrayList<>();
    private Long lastTxid;

    /** An opaque state over the in-memory map named {@code id}, made empty on first use; as Storm's constructor. */
    public MemoryMapState(String id) {
        this(map(id), StateType.OPAQUE);
    }

    @SuppressWarnings("unchecked")
    private MemoryMapState(Map<List<Object>, Object> map, StateType type) {
        this.type = type;
        this.map = map;
        this.delegate = MapStates.build(type, new Backing(map), 0);
        // MapStates builds a SnapshottableMap: its single value is the one under the empty key.
        this.single = (Snapshottable<T>) delegate;
    }

    /** A state of guarantee {@code type} over {@code map}, which must be thread-safe; for the LRU state. */
    static <T> MemoryMapState<T> over(Map<List<Object>, Object> map, StateType type) {
        return new MemoryMapState<>(map, type);
    }

    private static Map<List<Object>, Object> map(String id) {
        return MAPS.computeIfAbsent(id, k -> new ConcurrentHashMap<>());
    }

    /** Makes in-memory map states; opaque unless a type is given, as in Storm. */
    public static final class Factory implements StateFactory {
        private static final long serialVersionUID = 1L;

        private final String id = UUID.randomUUID().toString();
        private final StateType type;

        /** An opaque in-memory state. */
        public Factory() {
            this(StateType.OPAQUE);
        }

        /** An in-memory state of the given guarantee. */
        public Factory(StateType type) {
            this.type = type;
        }

        @Override
        public State makeState(Map<String, Object> conf, IMetricsContext metrics, int partitionIndex,
                               int numPartitions) {
            return new MemoryMapState<>(map(id), type);
        }

        @Override
        public StateType getStateType() {
            return type;
        }

        /** The current value of a key (unwrapped from its txid bookkeeping), or null. */
        public Object get(List<Object> key) {
            return MapStates.unwrap(type, map(id).get(new ArrayList<>(key)));
        }

        /** Every key's current value; removed keys are not in it. */
        public Map<List<Object>, Object> snapshot() {
            Map<List<Object>, Object> ret = new HashMap<>();
            map(id).forEach((k, v) -> {
                Object value = MapStates.unwrap(type, v);
                if (value != null) {
                    ret.put(k, value);
                }
            });
            return ret;
        }
    }

    /**
     * {@inheritDoc} Also drops the keys removed by the batch committed before, if this is a new txid (a replay of the
     * same txid may still need their previous values) and nothing was written to them since.
     */
    @Override
    public void beginCommit(Long txid) {
        delegate.beginCommit(txid);
        if (txid == null || !txid.equals(lastTxid)) {
            for (List<Object> key : removed) {
                Object stored = map.get(key);
                if (stored != null && MapStates.unwrap(type, stored) == null) {
                    map.remove(key, stored);
                }
            }
        }
        removed = new ArrayList<>();
        lastTxid = txid;
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

    /** Removes the keys: they read as absent at once; see the class comment for when they leave the map. */
    @Override
    public void multiRemove(List<List<Object>> keys) {
        delegate.multiPut(keys, Collections.nCopies(keys.size(), null));
        for (List<Object> key : keys) {
            removed.add(new ArrayList<>(key));
        }
    }

    @Override
    public T get() {
        return single.get();
    }

    @Override
    @SuppressWarnings("rawtypes")
    public T update(ValueUpdater updater) {
        return single.update(updater);
    }

    @Override
    public void set(T o) {
        single.set(o);
    }

    /** Every key that has a value, as its values followed by the value. */
    @Override
    public Iterator<List<Object>> getTuples() {
        List<List<Object>> tuples = new ArrayList<>();
        map.forEach((k, v) -> {
            Object value = MapStates.unwrap(type, v);
            if (value != null) {
                List<Object> t = new ArrayList<>(k);
                t.add(value);
                tuples.add(t);
            }
        });
        return tuples.iterator();
    }

    /** The shared map as a backing map; an absent (null) value removes the key, as the map cannot hold null. */
    private static final class Backing implements IBackingMap<Object> {
        private final Map<List<Object>, Object> map;

        Backing(Map<List<Object>, Object> map) {
            this.map = map;
        }

        @Override
        public List<Object> multiGet(List<List<Object>> keys) {
            List<Object> ret = new ArrayList<>(keys.size());
            for (List<Object> k : keys) {
                ret.add(map.get(k));
            }
            return ret;
        }

        @Override
        public void multiPut(List<List<Object>> keys, List<Object> vals) {
            for (int i = 0; i < keys.size(); i++) {
                if (vals.get(i) == null) {
                    map.remove(keys.get(i));
                } else {
                    map.put(new ArrayList<>(keys.get(i)), vals.get(i));
                }
            }
        }
    }
}
