package io.squall.trident.state.map;

import io.squall.trident.state.StateType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RocksDbMapStateTest extends MapStateContract {
    @TempDir
    Path dir;
    private final List<RocksDbMapState> opened = new ArrayList<>();

    @Override
    IBackingMap<Object> newBacking() {
        RocksDbMapState s = RocksDbMapState.open(dir.resolve("db" + opened.size()));
        opened.add(s);
        return s;
    }

    @AfterEach
    void closeAll() {
        opened.forEach(RocksDbMapState::close);
    }

    @Test
    @SuppressWarnings("unchecked")
    void valuesSurviveClosingAndReopening() throws Exception {
        RocksDbMapState.Factory f = new RocksDbMapState.Factory(dir.resolve("durable").toString(),
                StateType.OPAQUE);
        MapState<Object> s = (MapState<Object>) f.makeState(null, null, 0, 1);
        s.beginCommit(7L);
        s.multiPut(List.of(List.of("word", 1)), List.of(42L));
        s.commit(7L);
        ((AutoCloseable) s).close();
        MapState<Object> again = (MapState<Object>) f.makeState(null, null, 0, 1);
        assertEquals(42L, again.multiGet(List.of(List.of("word", 1))).get(0));
        ((AutoCloseable) again).close();
    }

    @Test
    void partitionsShareOneOpenDatabase() {
        RocksDbMapState a = RocksDbMapState.open(dir.resolve("shared"));
        RocksDbMapState b = RocksDbMapState.open(dir.resolve("shared"));
        a.multiPut(List.of(KEY), List.of("v"));
        a.close();
        assertEquals("v", b.multiGet(List.of(KEY)).get(0));
        b.close();
    }

    @Test
    void refusesValuesThatAreNotSerializable() {
        RocksDbMapState s = RocksDbMapState.open(dir.resolve("bad"));
        opened.add(s);
        Exception e = assertThrows(RuntimeException.class, () -> s.multiPut(List.of(KEY), List.of(new Object())));
        assertTrue(e.getMessage().contains("Serializable"), e.getMessage());
    }

    @Test
    void aFactoryNeedsADirectory() {
        assertThrows(IllegalArgumentException.class, () -> new RocksDbMapState.Factory(" ", StateType.OPAQUE));
    }
}
