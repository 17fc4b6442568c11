package io.squall.trident.coordinator;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** What every coordinator store must do; each implementation's test extends this. */
abstract class CoordinatorStoreContract {
    /** A store for {@code txStateId}; a second call with the same id sees the same data. */
    abstract CoordinatorStore open(String txStateId);

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void startsWithNothingCommitted() {
        try (CoordinatorStore s = open(UUID.randomUUID().toString())) {
            assertEquals(0, s.committedTxid());
            assertNull(s.meta("p0", 1));
            assertNull(s.metaBefore("p0", 5));
        }
    }

    @Test
    void keepsTheCommittedTxidAcrossReopening() {
        String id = UUID.randomUUID().toString();
        try (CoordinatorStore s = open(id)) {
            s.setCommittedTxid(41);
            s.setCommittedTxid(42);
        }
        try (CoordinatorStore s = open(id)) {
            assertEquals(42, s.committedTxid());
        }
    }

    @Test
    void findsExactAndEarlierMetadataPerPartition() {
        try (CoordinatorStore s = open(UUID.randomUUID().toString())) {
            s.putMeta("p0", 3, bytes("p0-3"));
            s.putMeta("p0", 10, bytes("p0-10"));
            s.putMeta("kafka/topic-1", 7, bytes("p1-7"));
            assertArrayEquals(bytes("p0-3"), s.meta("p0", 3));
            assertNull(s.meta("p0", 4));
            Map.Entry<Long, byte[]> before = s.metaBefore("p0", 10);
            assertEquals(3L, before.getKey());
            assertArrayEquals(bytes("p0-3"), before.getValue());
            assertEquals(10L, s.metaBefore("p0", 11).getKey());
            assertNull(s.metaBefore("p0", 3));
            assertEquals(7L, s.metaBefore("kafka/topic-1", 100).getKey());
        }
    }

    @Test
    void replacesMetadataOfTheSameTxid() {
        try (CoordinatorStore s = open(UUID.randomUUID().toString())) {
            s.putMeta("p0", 5, bytes("first"));
            s.putMeta("p0", 5, bytes("second"));
            assertArrayEquals(bytes("second"), s.meta("p0", 5));
        }
    }

    @Test
    void prunesOnlyMetadataBelowTheTxid() {
        try (CoordinatorStore s = open(UUID.randomUUID().toString())) {
            for (long t = 1; t <= 5; t++) {
                s.putMeta("p2", t, bytes("m" + t));
            }
            s.pruneMetaBefore("p2", 4);
            assertNull(s.meta("p2", 3));
            assertArrayEquals(bytes("m4"), s.meta("p2", 4));
            assertEquals(4L, s.metaBefore("p2", 5).getKey());
            assertNull(s.metaBefore("p2", 4));
        }
    }
}
