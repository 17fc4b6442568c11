package io.squall.trident.testing;

import io.squall.task.IMetricsContext;
import io.squall.trident.state.State;
import io.squall.trident.state.StateFactory;
import io.squall.trident.state.StateType;
import io.squall.trident.state.map.IBackingMap;
import io.squall.trident.state.map.MapStates;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An in-memory map state that keeps at most {@code maxSize} keys, forgetting the least recently used one first;
 * like {@link MemoryMapState}, every partition of one factory shares one map in this process. Thread-safe.
 */
public final class LRUMemoryMapState implements IBackingMap<Object> {
    private static final Map<String, Map<List<Object>, Object>> MAPS = new ConcurrentHashMap<>();

    private final Map<List<Object>, Object> map;

    private LRUMemoryMapState(Map<List<Object>, Object> map) {
        this.map = map;
    }

    /** Makes LRU in-memory map states; opaque unless a type is given. */
    public static final class Factory implements StateFactory {
        private static final long serialVersionUID = 1L;

        private final String id = UUID.randomUUID().toString();
        private final int maxSize;
        private final StateType type;

        /** An opaque state of at most {@code maxSize} keys. */
        public Factory(int maxSize) {
            this(maxSize, StateType.OPAQUE);
        }

        /** A state of the given guarantee of at most {@code maxSize} keys. */
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
            return MapStates.build(type, new LRUMemoryMapState(map(id, maxSize)), 0);
        }

        @Override
        public StateType getStateType() {
            return type;
        }

        /** The current value of a key (unwrapped from its txid bookkeeping), or null if absent or forgotten. */
        public Object get(List<Object> key) {
            Map<List<Object>, Object> m = map(id, maxSize);
            synchronized (m) {
                return MapStates.unwrap(type, m.get(new ArrayList<>(key)));
            }
        }

        /** How many keys the state holds. */
        public int size() {
            Map<List<Object>, Object> m = map(id, maxSize);
            synchronized (m) {
                return m.size();
            }
        }

        private static Map<List<Object>, Object> map(String id, int maxSize) {
            return MAPS.computeIfAbsent(id, k -> new LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<List<Object>, Object> eldest) {
                    return size() > maxSize;
                }
            });
        }
    }

    @Override
    public List<Object> multiGet(List<List<Object>> keys) {
        List<Object> ret = new ArrayList<>(keys.size());
        synchronized (map) {
            for (List<Object> k : keys) {
                ret.add(map.get(k));
            }
        }
        return ret;
    }

    @Override
    public void multiPut(List<List<Object>> keys, List<Object> vals) {
        synchronized (map) {
            for (int i = 0; i < keys.size(); i++) {
                map.put(new ArrayList<>(keys.get(i)), vals.get(i));
            }
        }
    }
}
