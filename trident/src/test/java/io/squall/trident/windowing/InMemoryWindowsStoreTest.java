package io.squall.trident.windowing;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class InMemoryWindowsStoreTest extends WindowsStoreContract {
    @Override
    WindowsStore newStore() {
        return new InMemoryWindowsStore();
    }

    @Test
    void inFrontOfAnotherStoreItHoldsUpToItsSizeAndWritesThrough() {
        InMemoryWindowsStore backing = new InMemoryWindowsStore();
        InMemoryWindowsStore front = new InMemoryWindowsStore(1, backing);
        front.put("a", 1);
        front.put("b", 2);
        assertEquals(2, backing.get("b"), "written through");
        assertEquals(2, front.get("b"), "read from the store behind when not held");
        front.remove("a");
        assertNull(backing.get("a"));
        front.shutdown();
        assertNull(backing.get("b"), "shutting down the front shuts down the store behind it");
    }

    @Test
    void theFactorysStoresShareTheirEntriesAndKeepThemPastShutdown() {
        InMemoryWindowsStoreFactory factory = new InMemoryWindowsStoreFactory();
        WindowsStore task0 = factory.create(Map.of());
        task0.put("w|0|1", "kept");
        task0.shutdown();
        assertEquals("kept", factory.create(Map.of()).get("w|0|1"));
        assertNull(new InMemoryWindowsStoreFactory().create(Map.of()).get("w|0|1"), "another factory, another map");
    }
}
