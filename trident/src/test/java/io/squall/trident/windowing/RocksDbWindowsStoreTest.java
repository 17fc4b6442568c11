package io.squall.trident.windowing;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RocksDbWindowsStoreTest extends WindowsStoreContract {
    @TempDir
    Path dir;
    private int stores;

    @Override
    WindowsStore newStore() {
        return new RocksDbWindowsStoreFactory(dir.resolve("db" + stores++).toString()).create(Map.of());
    }

    @Test
    void keepsItsEntriesAcrossShutdownAndReopening() {
        RocksDbWindowsStoreFactory factory = new RocksDbWindowsStoreFactory(dir.resolve("durable").toString());
        WindowsStore store = factory.create(Map.of());
        store.put("w|0|7", new java.util.ArrayList<>(java.util.List.of(7L)));
        store.shutdown();
        WindowsStore again = factory.create(Map.of());
        assertEquals(java.util.List.of(7L), again.get("w|0|7"));
        again.shutdown();
    }
}
