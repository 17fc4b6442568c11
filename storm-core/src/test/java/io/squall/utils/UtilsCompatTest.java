package io.squall.utils;

import io.squall.Await;
import io.squall.Config;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UtilsCompatTest {
    @Test
    void rotatingMapExpiresAnEntryAfterAllButOneRotationSinceItsLastPut() {
        List<String> expired = new ArrayList<>();
        RotatingMap<String, Integer> map = new RotatingMap<>(3, (k, v) -> expired.add(k + "=" + v));
        map.put("a", 1);
        map.rotate();
        map.put("b", 2);
        map.rotate();
        assertEquals(2, map.size());
        map.put("b", 3);                        // renewed: moves to the newest bucket
        assertEquals(Map.of("a", 1), map.rotate());
        assertEquals(List.of("a=1"), expired);
        assertFalse(map.containsKey("a"));
        assertEquals(3, map.get("b"));
        map.rotate();
        assertEquals(3, map.remove("b"));
        assertNull(map.remove("b"));
        assertEquals(0, map.size());
        assertThrows(IllegalArgumentException.class, () -> new RotatingMap<String, String>(1));
    }

    @Test
    @Timeout(20)
    void timeCacheMapExpiresEntriesOnItsOwnThread() {
        Map<String, String> expired = new ConcurrentHashMap<>();
        TimeCacheMap<String, String> map = new TimeCacheMap<>(1, 2, expired::put);
        try {
            map.put("k", "v");
            assertTrue(map.containsKey("k"));
            Await.until(Duration.ofSeconds(10), () -> expired.containsKey("k"), () -> "k did not expire");
            assertFalse(map.containsKey("k"));
            assertEquals(0, map.size());
        } finally {
            map.cleanup();
        }
    }

    @Test
    void objectReaderReadsLooseConfigValues() {
        assertEquals(3, ObjectReader.getInt("3"));
        assertEquals(5L, ObjectReader.getLong(5));
        assertEquals(0.5, ObjectReader.getDouble("0.5"));
        assertTrue(ObjectReader.getBoolean("true", false));
        assertEquals("x", ObjectReader.getString(null, "x"));
        assertEquals(List.of("a", "b"), ObjectReader.getStrings(List.of("a", "b")));
        assertEquals(List.of("a"), ObjectReader.getStrings("a"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ObjectReader.getInt(List.of()));
        assertTrue(e.getMessage().contains("to int"), e.getMessage());
    }

    @Test
    void utilsHelpersBehaveAsStormsDo() {
        assertEquals("a,b", Utils.join(List.of("a", "b"), ","));
        assertEquals(7, Utils.get(Map.of("k", 7), "k", 0));
        assertEquals(0, Utils.get(Map.<String, Integer>of(), "k", 0));
        assertTrue(Utils.isSystemId("__acker"));
        assertFalse(Utils.isSystemId("words"));
        assertEquals(List.of(1, 2), Utils.deserialize(Utils.serialize(new ArrayList<>(List.of(1, 2))), List.class));
        Map<String, Object> defaults = Utils.readDefaultConfig();
        assertEquals(30, defaults.get(Config.TOPOLOGY_MESSAGE_TIMEOUT_SECS));
        assertEquals(10, TupleUtils.putTickFrequencyIntoComponentConfig(null, 10).get(Config.TOPOLOGY_TICK_TUPLE_FREQ_SECS));
        assertThrows(RuntimeException.class, () -> Utils.findAndReadConfigFile("no-such-file.yaml", true));
        assertTrue(Utils.findAndReadConfigFile("no-such-file.yaml", false).isEmpty());
    }

    @Test
    void anAvailablePortIsThePreferredOneWhenFreeElseAnother() throws Exception {
        int free = Utils.getAvailablePort();
        assertTrue(free > 0, "a port: " + free);
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0)) {
            int other = Utils.getAvailablePort(taken.getLocalPort());
            assertTrue(other > 0 && other != taken.getLocalPort(), "another port than the taken one: " + other);
        }
        int preferred = Utils.getAvailablePort();
        assertEquals(preferred, Utils.getAvailablePort(preferred), "a free preferred port is taken as it is");
    }
}
