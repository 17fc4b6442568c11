package io.squall.trident.testing;

import io.squall.task.IMetricsContext;
import io.squall.trident.state.State;
import io.squall.trident.state.StateFactory;
import io.squall.trident.state.StateType;
import io.squall.trident.state.map.IBackingMap;
import io.squall.trident.state.map.MapStates;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An in-memory map state for tests and examples. Every partition of one factory, and every topology
 * submitted with it in this process, shares one map, so a test can read the counts back with {@link Factory#get}
 * and a resubmitted topology continues from them. Thread-safe.
 */
public final class MemoryMapState implements IBackingMap<Object> {
    private static final Map<String, Map<List<Object>, Object>> MAPS = new ConcurrentHashMap<>();

    private final Map<List<Object>, Object> map;

    private MemoryMapState(Map<List<Object>, Object> map) {
        this.map = map;
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
            return MapStates.build(type, new MemoryMapState(map(id)), 0);
        }

        @Override
        public StateType getStateType() {
            return type;
        }

        /** The current value of a key (unwrapped from its txid bookkeeping), or null. */
        public Object get(List<Object> key) {
            return MapStates.unwrap(type, map(id).get(new ArrayList<>(key)));
        }

        /** Every key's current value. */
        public Map<List<Object>, Object> snapshot() {
            Map<List<Object>, Object> ret = new HashMap<>();
            map(id).forEach((k, v) -> ret.put(k, MapStates.unwrap(type, v)));
            return ret;
        }

        private static Map<List<Object>, Object> map(String id) {
            return MAPS.computeIfAbsent(id, k -> new ConcurrentHashMap<>());
        }
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
            map.put(new ArrayList<>(keys.get(i)), vals.get(i));
        }
    }
}
