package io.squall.trident.state.map;

import io.squall.trident.testing.MemoryBackingMap;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class MicroBatchIBackingMapTest {
    /** Counts the keys of each call it gets. */
    private static final class Recording extends MemoryBackingMap<Object> {
        final List<Integer> gets = new ArrayList<>();
        final List<Integer> puts = new ArrayList<>();

        @Override
        public List<Object> multiGet(List<List<Object>> keys) {
            gets.add(keys.size());
            return super.multiGet(keys);
        }

        @Override
        public void multiPut(List<List<Object>> keys, List<Object> vals) {
            puts.add(keys.size());
            super.multiPut(keys, vals);
        }
    }

    private static List<List<Object>> keys(int n) {
        List<List<Object>> ret = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ret.add(List.of(i));
        }
        return ret;
    }

    @Test
    void splitsCallsIntoChunksInKeyOrder() {
        Recording backing = new Recording();
        MicroBatchIBackingMap.Options options = new MicroBatchIBackingMap.Options();
        options.maxMultiPutBatchSize = 2;
        options.maxMultiGetBatchSize = 3;
        MicroBatchIBackingMap<Object> map = new MicroBatchIBackingMap<>(options, backing);
        map.multiPut(keys(5), List.of("a", "b", "c", "d", "e"));
        assertEquals(List.of(2, 2, 1), backing.puts);
        assertEquals(List.of("a", "b", "c", "d", "e"), map.multiGet(keys(5)));
        assertEquals(List.of(3, 2), backing.gets);
    }

    @Test
    void passesCallsWholeByDefaultAndRefusesNegativeSizes() {
        Recording backing = new Recording();
        MicroBatchIBackingMap<Object> map = new MicroBatchIBackingMap<>(new MicroBatchIBackingMap.Options(), backing);
        map.multiPut(keys(4), List.of(1, 2, 3, 4));
        assertEquals(List.of(4), backing.puts);
        assertEquals(List.of(), map.multiGet(List.of()));
        MicroBatchIBackingMap.Options bad = new MicroBatchIBackingMap.Options();
        bad.maxMultiGetBatchSize = -1;
        assertThrows(IllegalArgumentException.class, () -> new MicroBatchIBackingMap<>(bad, backing));
    }
}
