package io.squall.utils;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Storm's static helpers in {@code Utils} behave as Storm 2.7.1 documents them. */
class UtilsStormHelpersTest {

    @Test
    void unwrapToFindsTheFirstMatchingCauseAndExceptionCauseIsInstanceOfSaysWhetherThereIsOne() {
        IOException io = new IOException("disk");
        Exception outer = new RuntimeException(new IllegalStateException(io));
        assertSame(io, Utils.unwrapTo(IOException.class, outer));
        assertSame(outer, Utils.unwrapTo(RuntimeException.class, outer));
        assertNull(Utils.unwrapTo(InterruptedException.class, outer));
        assertNull(Utils.unwrapTo(IOException.class, null));
        assertTrue(Utils.exceptionCauseIsInstanceOf(IOException.class, outer));
        assertFalse(Utils.exceptionCauseIsInstanceOf(UncheckedIOException.class, outer));
    }

    @Test
    void wrapInRuntimeKeepsRuntimeExceptionsAndWrapsCheckedOnes() {
        IllegalArgumentException unchecked = new IllegalArgumentException();
        assertSame(unchecked, Utils.wrapInRuntime(unchecked));
        IOException checked = new IOException();
        RuntimeException wrapped = Utils.wrapInRuntime(checked);
        assertEquals(RuntimeException.class, wrapped.getClass());
        assertSame(checked, wrapped.getCause());
    }

    @Test
    void uuidIsARandomUuidString() {
        String a = Utils.uuid();
        assertEquals(a, UUID.fromString(a).toString());
        assertNotEquals(a, Utils.uuid());
    }

    @Test
    void hostnameIsTheLocalHostnameWhenNoneIsConfigured() throws Exception {
        assertEquals(Utils.localHostname(), Utils.hostname());
    }

    @Test
    void toByteArrayCopiesTheRemainingBytes() {
        ByteBuffer buf = ByteBuffer.wrap(new byte[] {1, 2, 3, 4, 5});
        buf.position(1).limit(4);
        assertArrayEquals(new byte[] {2, 3, 4}, Utils.toByteArray(buf));
        assertEquals(0, buf.remaining());
    }

    @Test
    void gzipAndGunzipRoundTrip() {
        byte[] data = "squall squall squall squall squall".repeat(100).getBytes(StandardCharsets.UTF_8);
        byte[] zipped = Utils.gzip(data);
        assertTrue(zipped.length < data.length);
        assertEquals(0x1f, zipped[0] & 0xff);
        assertEquals(0x8b, zipped[1] & 0xff);
        assertArrayEquals(data, Utils.gunzip(zipped));
        assertArrayEquals(new byte[0], Utils.gunzip(Utils.gzip(new byte[0])));
        assertThrows(RuntimeException.class, () -> Utils.gunzip(new byte[] {1, 2, 3}));
    }

    @Test
    void serializeToStringIsBase64AndRoundTrips() {
        HashMap<String, List<Integer>> value = new HashMap<>(Map.of("a", new ArrayList<>(List.of(1, 2))));
        String s = Utils.serializeToString(value);
        assertTrue(s.matches("[A-Za-z0-9+/=]+"), s);
        assertEquals(value, Utils.deserializeFromString(s, HashMap.class));
    }

    @Test
    void mergeCopiesFirstThenOtherWhichWins() {
        Map<String, Integer> first = Map.of("a", 1, "b", 2);
        Map<String, Integer> merged = Utils.merge(first, Map.of("b", 3, "c", 4));
        assertEquals(Map.of("a", 1, "b", 3, "c", 4), merged);
        assertEquals(Map.of("a", 1, "b", 2), first);
        Map<String, Integer> alone = Utils.merge(first, null);
        assertEquals(first, alone);
        alone.put("z", 0); // a new mutable map
    }

    @Test
    void reverseMapGroupsKeysByValue() {
        Map<String, Integer> m = new TreeMap<>(Map.of("a", 1, "b", 1, "c", 2));
        assertEquals(Map.of(1, List.of("a", "b"), 2, List.of("c")), Utils.reverseMap(m));
        assertTrue(Utils.reverseMap((Map<String, Integer>) null).isEmpty());
        List<List<Object>> assoc = List.of(List.of("a", 1), List.of("b", 1), List.of("c", 2));
        assertEquals(Map.of(1, List.of("a", "b"), 2, List.of("c")), Utils.reverseMap(assoc));
        assertTrue(Utils.reverseMap((List<List<Object>>) null).isEmpty());
    }

    @Test
    void readYamlFileReadsTheDocumentOrReturnsNull(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("x.yaml");
        Files.writeString(f, "a: 1\nb: [x, y]\n");
        assertEquals(Map.of("a", 1, "b", List.of("x", "y")), Utils.readYamlFile(f.toString()));
        assertNull(Utils.readYamlFile(dir.resolve("missing.yaml").toString()));
        Path unsafe = dir.resolve("unsafe.yaml");
        Files.writeString(unsafe, "!!java.io.File [\"/tmp\"]\n");
        assertNull(Utils.readYamlFile(unsafe.toString()));
    }

    @Test
    void parseJsonGivesJsonSimpleTypes() {
        Map<String, Object> m = Utils.parseJson("{\"n\": 5, \"d\": 1.5, \"s\": \"x\", \"l\": [1, 2], \"o\": {\"k\": true}}");
        assertEquals(5L, m.get("n"));
        assertEquals(1.5, m.get("d"));
        assertEquals("x", m.get("s"));
        assertEquals(List.of(1L, 2L), m.get("l"));
        assertEquals(Map.of("k", true), m.get("o"));
        assertTrue(Utils.parseJson(null).isEmpty());
        assertThrows(RuntimeException.class, () -> Utils.parseJson("{nope"));
    }

    @Test
    void toPositiveClearsTheSignBit() {
        assertEquals(5, Utils.toPositive(5));
        assertEquals(0, Utils.toPositive(0));
        assertEquals(Integer.MAX_VALUE, Utils.toPositive(-1));
        assertEquals(0, Utils.toPositive(Integer.MIN_VALUE));
        assertTrue(Utils.toPositive("some key".hashCode() | Integer.MIN_VALUE) >= 0);
    }

    @Test
    void integerDividedCountsPieceSizes() {
        assertEquals(Map.of(3, 2, 4, 1), Utils.integerDivided(10, 3));
        assertEquals(Map.of(2, 5), Utils.integerDivided(10, 5));
        assertEquals(Map.of(0, 2, 1, 3), Utils.integerDivided(3, 5));
    }

    @Test
    void partitionFixedCutsIntoNearEqualChunksLargestFirst() {
        List<Integer> ten = List.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
        assertEquals(List.of(List.of(1, 2, 3, 4), List.of(5, 6, 7), List.of(8, 9, 10)), Utils.partitionFixed(3, ten));
        assertEquals(List.of(List.of(1, 2), List.of(3, 4), List.of(5, 6), List.of(7, 8), List.of(9)),
                Utils.partitionFixed(5, ten.subList(0, 9)));
        assertEquals(List.of(List.of(1), List.of(2), List.of(3)), Utils.partitionFixed(5, List.of(1, 2, 3)));
        assertTrue(Utils.partitionFixed(0, ten).isEmpty());
        assertTrue(Utils.partitionFixed(3, null).isEmpty());
        assertTrue(Utils.partitionFixed(3, List.of()).isEmpty());
    }

    @Test
    void orAndNullToZero() {
        assertEquals("a", Utils.OR("a", "b"));
        assertEquals("b", Utils.OR(null, "b"));
        assertNull(Utils.OR(null, null));
        assertEquals(0.0, Utils.nullToZero(null));
        assertEquals(2.5, Utils.nullToZero(2.5));
    }

    @Test
    void findOneReturnsTheFirstAcceptedElementOrMapEntry() {
        assertEquals("bb", Utils.findOne(x -> x.length() == 2, List.of("a", "bb", "cc")));
        assertNull(Utils.findOne(x -> x.length() == 3, List.of("a", "bb")));
        assertNull(Utils.findOne(x -> true, (List<String>) null));
        Map<String, Object> counts = new TreeMap<>(Map.of("a", 1, "b", 2));
        IPredicate<Object> two = e -> ((Map.Entry<?, ?>) e).getValue().equals(2);
        assertEquals(Map.entry("b", 2), Utils.findOne(two, counts));
    }

    @Test
    void isValidConfSaysWhetherAConfigurationSurvivesJson() {
        Map<String, Object> good = new HashMap<>();
        good.put("topology.workers", 2);
        good.put("ratio", 0.5f);
        good.put("servers", List.of("a", "b"));
        good.put("nested", Map.of("k", 1));
        good.put("none", null);
        assertTrue(Utils.isValidConf(good));
        Map<String, Object> bad = new HashMap<>(good);
        bad.put("an.object", new Object() { public int getX() { return 1; } });
        assertFalse(Utils.isValidConf(bad));
        bad.put("an.object", new Thread());
        assertFalse(Utils.isValidConf(bad));
    }

    @Test
    void smallHelpersOfStormsUtils() throws Exception {
        assertTrue(Utils.isValidKey("my-blob_1.txt"));
        assertFalse(Utils.isValidKey(".."));
        assertFalse(Utils.isValidKey("a/b"));
        assertEquals(String.valueOf(ProcessHandle.current().pid()), Utils.processPid());
        assertTrue(Utils.threadDump().contains(Thread.currentThread().getName()));
        assertEquals(Utils.localHostname(), Utils.memoizedLocalHostname());
        assertTrue(Utils.isLocalhostAddress("127.0.0.1") && Utils.isLocalhostAddress("localhost"));
        assertFalse(Utils.isLocalhostAddress("10.0.0.1"));
        Map<Integer, String> byTask = Map.of(3, "c", 5, "e", 1, "skipped");
        assertEquals(java.util.Arrays.asList("c", null, "e"), Utils.convertToArray(byTask, 3));
        IOException io = new IOException("disk");
        assertThrows(IOException.class, () -> Utils.unwrapAndThrow(IOException.class, new RuntimeException(io)));
        Utils.unwrapAndThrow(IOException.class, new RuntimeException("no cause"));
    }

    @Test
    void fileAndDirectoryChecks(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("f"), "x");
        assertTrue(Utils.checkFileExists(file.toString()) && Utils.checkFileExists(dir.toString()));
        assertTrue(Utils.checkDirExists(dir.toString()));
        assertFalse(Utils.checkDirExists(file.toString()));
        assertFalse(Utils.checkFileExists(dir.resolve("missing").toString()));
    }

    @Test
    void getTopologyIdAndGetComponentCommonOnALocalCluster() throws Exception {
        io.squall.topology.TopologyBuilder b = new io.squall.topology.TopologyBuilder();
        b.setSpout("words", new io.squall.testing.TestWordSpout(), 2);
        io.squall.topology.StormTopology topology = b.createTopology();
        assertEquals(2, Utils.getComponentCommon(topology, "words").get_parallelism_hint());
        assertThrows(IllegalArgumentException.class, () -> Utils.getComponentCommon(topology, "nope"));
        try (io.squall.LocalCluster cluster = new io.squall.LocalCluster()) {
            cluster.submitTopology("named", new io.squall.Config(), topology);
            String id = Utils.getTopologyId("named", cluster);
            assertTrue(id != null && id.startsWith("named"), id);
            assertNull(Utils.getTopologyId("other", cluster));
        }
    }
}
