package io.squall.runtime.state;

import io.squall.Config;
import io.squall.state.InMemoryKeyValueStateProvider;
import io.squall.state.KeyValueState;
import io.squall.state.StateProvider;
import io.squall.tuple.Fields;
import io.squall.tuple.MessageId;
import io.squall.tuple.Tuple;
import io.squall.tuple.TupleImpl;
import io.squall.utils.ManualClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The log of applied replay keys over the in-memory provider; {@link AppliedLogRocksDbTest} runs it on RocksDB. */
class AppliedLogTest {
    private static final long RETAIN_MS = 60_000;
    private static final AtomicInteger RUNS = new AtomicInteger();
    private final ManualClock clock = new ManualClock();
    private final String topology = "applied-log-" + RUNS.incrementAndGet();
    private KeyValueState<Object, Object> store;

    StateProvider provider() {
        return new InMemoryKeyValueStateProvider();
    }

    Map<String, Object> conf() {
        return Map.of();
    }

    /** The log's store as a restarted task opens it. */
    @SuppressWarnings("unchecked")
    private KeyValueState<Object, Object> open() {
        Map<String, Object> conf = new HashMap<>(conf());
        conf.put(Config.TOPOLOGY_NAME, topology);
        store = (KeyValueState<Object, Object>) provider().newState(AppliedLog.namespace("count-5"), conf, null);
        store.rollback();
        return store;
    }

    @BeforeEach
    void openStore() {
        open();
    }

    /** A tuple of a possible replay (its key flagged) with the test's key {@code key} (0: none). */
    private static Tuple tuple(long root, long key) {
        return new TupleImpl("split", "default", new Fields("word"), 1, List.of("w"),
                MessageId.of(root, 7L, new long[] {replayKey(key, true)}));
    }

    private static Tuple tuple(long[] roots, long[] keys) {
        long[] flagged = new long[keys.length];
        for (int i = 0; i < keys.length; i++) {
            flagged[i] = replayKey(keys[i], true);
        }
        return new TupleImpl("split", "default", new Fields("word"), 1, List.of("w"),
                MessageId.of(roots, new long[roots.length], flagged));
    }

    /** A first emit's tuple, its key not flagged. */
    private static Tuple firstEmit(long root, long key) {
        return new TupleImpl("split", "default", new Fields("word"), 1, List.of("w"),
                MessageId.of(root, 7L, new long[] {replayKey(key, false)}));
    }

    /** The key a tuple carries for the test's key {@code key}: distinct test keys stay distinct without the flag. */
    private static long replayKey(long key, boolean mayBeReplay) {
        return key == 0 ? 0 : key << 1 | (mayBeReplay ? 1 : 0);
    }

    /** A log whose checkpoint 1 applied {@code applied}, committed, then read again as after a restart. */
    private AppliedLog committedAndReloaded(List<Tuple> applied) {
        AppliedLog log = new AppliedLog(store, clock, RETAIN_MS);
        log.prepare(1, applied);
        log.commit(1);
        return new AppliedLog(open(), clock, RETAIN_MS);
    }

    @Test
    void skipsAKeyAsOftenPerAttemptAsTheCommittedCheckpointsAppliedIt() {
        AppliedLog log = committedAndReloaded(List.of(tuple(1, 42), tuple(1, 42), tuple(1, 43)));
        assertTrue(log.skip(tuple(100, 42)));
        assertTrue(log.skip(tuple(100, 42)));
        assertFalse(log.skip(tuple(100, 42)), "a third tuple of the replay was never applied: it runs");
        assertTrue(log.skip(tuple(200, 42)), "another attempt of the same spout tuple starts again");
        assertTrue(log.skip(tuple(100, 43)));
        assertFalse(log.skip(tuple(100, 44)), "a key in no checkpoint runs");
        assertEquals(4, log.skipped());
    }

    @Test
    void keepsAKeyRepeatedOutOfARowAsOftenAsItCameInEightBytesATuple() {
        AppliedLog.Entry.KeyCounts counts = new AppliedLog.Entry.KeyCounts();
        long[] held = {42, 7, 99, 13, 42, 64, 5, 81, 30};
        for (long key : held) {
            counts.accept(replayKey(key, false));
        }
        AppliedLog.Entry entry = counts.toEntry(0);
        assertEquals(8L * held.length, entry.arrayBytes(), "one long per held tuple, no array of counts");
        assertEquals(2, entry.count(42 << 1));
        assertEquals(1, entry.count(99 << 1));
        assertEquals(0, entry.count(43 << 1));

        List<Tuple> applied = new ArrayList<>();
        for (long key : held) {
            applied.add(firstEmit(1, key));
        }
        AppliedLog log = committedAndReloaded(applied);
        assertTrue(log.skip(tuple(100, 42)));
        assertTrue(log.skip(tuple(100, 42)), "the repeat is read back from the store");
        assertFalse(log.skip(tuple(100, 42)));
        assertTrue(log.skip(tuple(100, 99)));
        assertFalse(log.skip(tuple(100, 99)));
    }

    @Test
    void countsKeysThatCameInRunsOnceEachWithTheirCount() {
        AppliedLog.Entry.KeyCounts counts = new AppliedLog.Entry.KeyCounts();
        for (long key : new long[] {42, 42, 42, 7, 7, 99}) {
            counts.accept(replayKey(key, false));
        }
        AppliedLog.Entry entry = counts.toEntry(0);
        assertEquals(3 * 8 + 3 * 4, entry.arrayBytes(), "mostly runs: each key once, with its count");
        assertEquals(3, entry.count(42 << 1));
        assertEquals(2, entry.count(7 << 1));
        assertEquals(1, entry.count(99 << 1));
    }

    @Test
    void skipsATupleInSeveralTreesOnlyWhenEveryKeyWasApplied() {
        AppliedLog log = committedAndReloaded(List.of(tuple(new long[] {1, 2}, new long[] {42, 43})));
        assertFalse(log.skip(tuple(new long[] {5, 6}, new long[] {42, 99})));
        assertFalse(log.skip(tuple(new long[] {5, 6}, new long[] {42, 0})), "0 is no key");
        assertTrue(log.skip(tuple(new long[] {5, 6}, new long[] {42, 43})));
    }

    @Test
    void forgetsWhatARollbackDiscardsAndRunsTuplesWithoutKeys() {
        AppliedLog log = new AppliedLog(store, clock, RETAIN_MS);
        log.prepare(1, List.of(tuple(1, 42)));
        log.rollback();
        log.commit(1);
        assertFalse(log.skip(tuple(100, 42)), "checkpoint 1 was rolled back");
        assertFalse(new AppliedLog(open(), clock, RETAIN_MS).skip(tuple(100, 42)));
        Tuple plain = new TupleImpl("split", "default", new Fields("word"), 1, List.of("w"), MessageId.of(1, 7));
        assertFalse(log.skip(plain));
    }

    @Test
    void forgetsACheckpointOlderThanTheRetention() {
        AppliedLog log = committedAndReloaded(List.of(tuple(1, 42)));
        clock.advance(Duration.ofMillis(RETAIN_MS / 2));
        log.prepare(2, List.of(tuple(1, 43)));
        log.commit(2);
        assertTrue(log.skip(tuple(100, 42)));
        clock.advance(Duration.ofMillis(RETAIN_MS / 2 + 1));
        log.prepare(3, List.of());
        log.commit(3);
        assertFalse(log.skip(tuple(200, 42)), "checkpoint 1 is past the retention");
        assertTrue(log.skip(tuple(200, 43)), "checkpoint 2 is not");
        assertFalse(new AppliedLog(open(), clock, RETAIN_MS).skip(tuple(300, 42)), "its entry was deleted");
        assertTrue(new AppliedLog(open(), clock, RETAIN_MS).skip(tuple(300, 43)));
        clock.advance(Duration.ofMillis(RETAIN_MS));
        assertFalse(new AppliedLog(open(), clock, RETAIN_MS).skip(tuple(400, 43)), "a restart after long forgets too");
    }

    @Test
    void reportsTheBytesItsEntriesHoldUntilTheyAreForgotten() {
        AppliedLog log = new AppliedLog(store, clock, RETAIN_MS);
        long filter = log.bytes();
        log.prepare(1, List.of(tuple(1, 42), tuple(2, 43), tuple(3, 44)));
        assertEquals(filter, log.bytes(), "a prepared entry is not held yet");
        log.commit(1);
        assertEquals(filter + 3 * 8, log.bytes(), "8 bytes per applied tuple");
        clock.advance(Duration.ofMillis(RETAIN_MS / 2));
        log.prepare(2, List.of(tuple(4, 45)));
        log.commit(2);
        assertEquals(filter + 4 * 8, log.bytes());
        clock.advance(Duration.ofMillis(RETAIN_MS / 2 + 1));
        log.prepare(3, List.of());
        log.commit(3);
        assertEquals(filter + 8, log.bytes(), "checkpoint 1 forgotten");
    }

    @Test
    void runsAFirstEmitWithoutCountingTheCommittedKeys() {
        AppliedLog log = committedAndReloaded(List.of(tuple(1, 42), firstEmit(2, 43)));
        assertFalse(log.skip(firstEmit(100, 42)), "a first emit of a key cannot have been applied");
        assertEquals(1, log.uncountedEntries(), "nor does it make the log count its keys");
        assertTrue(log.skip(tuple(200, 43)), "a flagged replay is skipped, whether the first attempt was flagged");
        assertEquals(0, log.uncountedEntries());
        assertFalse(log.skip(tuple(200, 43)));
    }

    @Test
    void countsEachEntryOnceWhenAPossibleReplayComesAndForgetsItEitherWay() {
        AppliedLog log = committedAndReloaded(List.of(tuple(1, 42)));
        assertTrue(log.skip(tuple(100, 42)));
        clock.advance(Duration.ofMillis(RETAIN_MS / 2));
        log.prepare(2, List.of(firstEmit(1, 43), firstEmit(1, 43)));
        log.commit(2);
        assertEquals(1, log.uncountedEntries(), "checkpoint 2 waits for the next possible replay");
        assertTrue(log.skip(tuple(100, 43)));
        assertTrue(log.skip(tuple(100, 43)));
        assertFalse(log.skip(tuple(100, 43)), "checkpoint 2 counted once");
        log.prepare(3, List.of(firstEmit(1, 44)));
        log.commit(3);
        clock.advance(Duration.ofMillis(RETAIN_MS / 2 + 1));
        log.prepare(4, List.of());
        log.commit(4);
        assertFalse(log.skip(tuple(200, 42)), "checkpoint 1, counted, is forgotten");
        assertTrue(log.skip(tuple(200, 43)));
        assertTrue(log.skip(tuple(200, 44)), "checkpoint 3 is counted at its first possible replay");
        clock.advance(Duration.ofMillis(RETAIN_MS));
        log.prepare(5, List.of(firstEmit(1, 45)));
        log.commit(5);
        assertFalse(log.skip(tuple(300, 43)), "checkpoints 2 and 3 are forgotten");
        assertFalse(log.skip(tuple(300, 44)));
        assertTrue(log.skip(tuple(300, 45)));
        log.prepare(6, List.of(firstEmit(1, 46)));
        log.commit(6);
        clock.advance(Duration.ofMillis(RETAIN_MS + 1));
        log.prepare(7, List.of());
        assertEquals(0, log.uncountedEntries(), "checkpoint 6 is forgotten before it was ever counted");
        assertFalse(log.skip(tuple(400, 46)));
    }

    @Test
    void skipsExactlyTheCommittedKeysOfTheRetentionThroughFilterRebuildsExpiryAndARestart() {
        SplittableRandom random = new SplittableRandom(12);
        AppliedLog log = new AppliedLog(store, clock, RETAIN_MS);
        TreeMap<Long, Long> preparedAt = new TreeMap<>();
        Map<Long, Map<Long, Integer>> byTxid = new HashMap<>();
        List<Long> seen = new ArrayList<>();
        long root = 1_000;
        for (long txid = 1; txid <= 24; txid++) {
            clock.advance(Duration.ofMillis(RETAIN_MS / 10));
            long now = clock.currentTimeMillis();
            preparedAt.headMap(txid).entrySet().removeIf(e -> now - e.getValue() > RETAIN_MS);
            List<Tuple> applied = new ArrayList<>();
            Map<Long, Integer> counts = new HashMap<>();
            int n = 100 + random.nextInt(1_500); // Past the filter's first size: it is rebuilt larger.
            for (int i = 0; i < n; i++) {
                long key = random.nextInt(4) == 0 && !seen.isEmpty() ? seen.get(random.nextInt(seen.size()))
                        : 1 + (random.nextLong() >>> 2);
                seen.add(key);
                applied.add(firstEmit(1, key));
                counts.merge(key, 1, Integer::sum);
            }
            log.prepare(txid, applied);
            log.commit(txid);
            preparedAt.put(txid, now);
            byTxid.put(txid, counts);
            if (txid == 15) {
                log = new AppliedLog(open(), clock, RETAIN_MS);
            }
            for (int probe = 0; probe < 200; probe++) {
                long key = random.nextBoolean() ? seen.get(random.nextInt(seen.size())) : 1 + (random.nextLong() >>> 2);
                long expected = 0;
                for (long t : preparedAt.keySet()) {
                    expected += byTxid.get(t).getOrDefault(key, 0);
                }
                long attempt = ++root;
                for (int k = 0; k < expected; k++) {
                    assertTrue(log.skip(tuple(attempt, key)), "key " + key + " applied " + expected + " times");
                }
                assertFalse(log.skip(tuple(attempt, key)), "key " + key + " applied " + expected + " times");
            }
        }
    }
}
