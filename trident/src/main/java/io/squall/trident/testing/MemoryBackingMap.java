package io.squall.trident.testing;

import io.squall.trident.state.map.IBackingMap;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A backing map in a {@code HashMap}, for tests of map states built over an {@link IBackingMap}. */
public class MemoryBackingMap<T> implements IBackingMap<T> {
    private final Map<List<Object>, T> values = new HashMap<>();

    @Override
    public List<T> multiGet(List<List<Object>> keys) {
        List<T> ret = new ArrayList<>(keys.size());
        for (List<Object> k : keys) {
            ret.add(values.get(k));
        }
        return ret;
    }

    @Override
    public void multiPut(List<List<Object>> keys, List<T> vals) {
        for (int i = 0; i < keys.size(); i++) {
            values.put(new ArrayList<>(keys.get(i)), vals.get(i));
        }
    }
}
