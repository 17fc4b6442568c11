package io.squall.trident.planner;

import io.squall.trident.windowing.InMemoryWindowsStore;
import io.squall.trident.windowing.WindowBatch;
import io.squall.trident.windowing.WindowsStore;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;

class WindowBatchStoreTest {
    private static WindowBatch batch(long eventsBefore) {
        return new WindowBatch(0, 1, eventsBefore, List.of(), List.of(), List.of(), List.of(), List.of());
    }

    @Test
    void keepsBatchesByTxidUnderTheWindowsKeysAndPrunesTheOldOnes() {
        WindowsStore kv = new InMemoryWindowsStore();
        WindowBatchStore store = new WindowBatchStore(kv, "window-3", 1);
        for (long txid = 1; txid <= 4; txid++) {
            store.put(txid, batch(txid * 10));
        }
        store.put(2, batch(99));
        assertEquals(List.of(1L, 2L, 3L, 4L), List.copyOf(store.load().keySet()));
        assertEquals(99, store.load().get(2L).eventsBefore(), "a batch put again replaces the kept one");
        store.pruneBefore(3);
        assertEquals(List.of(3L, 4L), List.copyOf(store.load().keySet()));
        Set<String> keys = new TreeSet<>();
        kv.getAllKeys().forEach(keys::add);
        assertEquals(Set.of("window-3|1|3", "window-3|1|4", "window-3|1|txids"), keys);
        assertEquals(List.of(), List.copyOf(new WindowBatchStore(kv, "window-3", 0).load().keySet()),
                "another partition keeps its own batches");
    }
}
