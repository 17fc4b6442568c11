package io.squall.trident.windowing;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** What every {@link WindowsStore} does; each store's test extends this. */
abstract class WindowsStoreContract {
    /** A fresh, empty store. */
    abstract WindowsStore newStore();

    private static Set<String> keys(WindowsStore store) {
        Set<String> ret = new TreeSet<>();
        store.getAllKeys().forEach(ret::add);
        return ret;
    }

    @Test
    void storesReadsAndRemovesByKey() {
        WindowsStore store = newStore();
        store.put("w|0|1", "one");
        store.putAll(List.of(new WindowsStore.Entry("w|0|2", List.of(2L)), new WindowsStore.Entry("w|0|3", "three")));
        assertEquals("one", store.get("w|0|1"));
        List<Object> values = new ArrayList<>();
        store.get(List.of("w|0|2", "nothing", "w|0|3")).forEach(values::add);
        assertEquals(Arrays.asList(List.of(2L), null, "three"), values);
        assertEquals(Set.of("w|0|1", "w|0|2", "w|0|3"), keys(store));
        store.put("w|0|1", "uno");
        assertEquals("uno", store.get("w|0|1"));
        store.remove("w|0|1");
        store.remove("never there");
        store.removeAll(List.of("w|0|2"));
        assertNull(store.get("w|0|1"));
        assertEquals(Set.of("w|0|3"), keys(store));
        store.shutdown();
    }

    @Test
    void refusesNullKeysAndValues() {
        WindowsStore store = newStore();
        assertThrows(IllegalArgumentException.class, () -> store.put(null, "v"));
        assertThrows(IllegalArgumentException.class, () -> store.put("k", null));
        assertThrows(IllegalArgumentException.class, () -> new WindowsStore.Entry("k", null));
        store.shutdown();
    }
}
