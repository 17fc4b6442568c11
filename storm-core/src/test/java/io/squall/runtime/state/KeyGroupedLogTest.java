package io.squall.runtime.state;

import io.squall.state.InMemoryKeyValueState;
import io.squall.state.KeyValueState;
import io.squall.tuple.Fields;
import io.squall.tuple.MessageId;
import io.squall.tuple.Tuple;
import io.squall.tuple.TupleImpl;
import io.squall.utils.ManualClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The applied logs of a keyed task's key groups, which share one filter of their keys. */
class KeyGroupedLogTest {
    private static final long RETAIN_MS = 60_000;
    private final ManualClock clock = new ManualClock();
    /** The provider's states by namespace, as the in-memory provider keeps them across task restarts. */
    private final Map<String, InMemoryKeyValueState<Object, Object>> provider = new HashMap<>();

    private InMemoryKeyValueState<Object, Object> state(String namespace) {
        return provider.computeIfAbsent(namespace, n -> new InMemoryKeyValueState<>());
    }

    /** Groups {@code first} to {@code end} (exclusive) of the task and their logs, as a (re)started task opens them. */
    private KeyGroupedLog open(KeyGroupedState[] stateOut, int first, int end) {
        KeyGroupedState s = KeyGroupedState.open("count", first, end, this::state);
        s.rollback();
        List<KeyValueState<Object, Object>> stores = new ArrayList<>();
        for (int g = first; g < end; g++) {
            String namespace = AppliedLog.namespace(KeyGroupedState.namespace("count", g));
            InMemoryKeyValueState<Object, Object> store = state(namespace);
            store.rollback();
            stores.add(store);
        }
        stateOut[0] = s;
        return new KeyGroupedLog(s, stores, clock, RETAIN_MS);
    }

    /** A possible replay's tuple (its key flagged) of attempt {@code root} with the test's key {@code key}. */
    private static Tuple tuple(long root, long key) {
        return new TupleImpl("split", "default", new Fields("word"), 1, List.of("w"),
                MessageId.of(root, 7L, new long[] {key << 1 | 1}));
    }

    /** Whether the log skips a tuple of {@code key} in group {@code group}, as the task admits it. */
    private static boolean skips(KeyGroupedState state, KeyGroupedLog log, int group, long root, long key) {
        assertTrue(state.enter(group));
        return log.skip(tuple(root, key));
    }

    @Test
    void skipsAKeyOnlyInTheGroupsThatAppliedIt() {
        KeyGroupedState[] s = new KeyGroupedState[1];
        KeyGroupedLog log = open(s, 4, 8);
        HeldAcks held = new HeldAcks();
        held.add(tuple(1, 42), null, 0); // Group 4: the task's first.
        held.add(tuple(1, 42), null, 2); // Group 6.
        held.add(tuple(1, 43), null, 2);
        log.prepare(1, held);
        log.commit(1);
        assertTrue(skips(s[0], log, 4, 100, 42));
        assertFalse(skips(s[0], log, 5, 100, 42), "group 5 did not apply key 42: the filter's maybe is not a yes");
        assertTrue(skips(s[0], log, 6, 100, 42));
        assertTrue(skips(s[0], log, 6, 100, 43));
        assertFalse(skips(s[0], log, 4, 100, 43));
        assertEquals(3, log.skipped());
    }

    @Test
    void skipsEveryKeyOfTheLastPrepareBeforeItsCommitWhateverTheOrderTheyWereHeldIn() {
        // The filter takes a commit's keys from the prepare's list for the whole task, not from the groups' entries:
        // keys repeated out of a row, negative keys, and a second prepare before the commit must all reach it.
        SplittableRandom random = new SplittableRandom(11);
        KeyGroupedState[] s = new KeyGroupedState[1];
        KeyGroupedLog log = open(s, 0, 4);
        HeldAcks held = new HeldAcks();
        for (int i = 0; i < 5_000; i++) {
            held.add(tuple(1, 1 + (random.nextLong() >>> 2)), null, random.nextInt(4));
        }
        log.prepare(1, held);
        log.commit(1); // Past the filter's first size: made again, with room for the next commit's keys.
        held.clear();
        long[] keys = new long[3_000];
        int[] groups = new int[keys.length];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = ReplayKeys.base(random.nextLong()) >> 1; // Either sign; tuple() flags it.
            groups[i] = random.nextInt(4);
        }
        for (int i = 0; i < keys.length; i++) {
            held.add(tuple(1, keys[i]), null, groups[i]);
            held.add(tuple(1, keys[(i * 7) % keys.length]), null, groups[(i * 7) % keys.length]); // Out of a row.
            if (i == keys.length / 2) {
                log.prepare(2, held); // No commit follows: the next prepare stages these tuples again.
            }
        }
        log.prepare(3, held);
        log.commit(3);
        for (int i = 0; i < keys.length; i++) {
            assertTrue(skips(s[0], log, groups[i], 500 + i, keys[i]), "key " + keys[i] + " of group " + groups[i]);
        }
    }

    @Test
    void skipsExactlyWhatEachGroupCommittedThroughFilterRebuildsExpiryAndARescale() {
        SplittableRandom random = new SplittableRandom(7);
        KeyGroupedState[] s = new KeyGroupedState[1];
        KeyGroupedLog log = open(s, 0, 8);
        int first = 0;
        // Per checkpoint, per group, how many tuples of each key it applied.
        Map<Long, Map<Integer, Map<Long, Integer>>> byTxid = new HashMap<>();
        Map<Long, Long> preparedAt = new HashMap<>();
        List<Long> seen = new ArrayList<>();
        long root = 1_000;
        for (long txid = 1; txid <= 20; txid++) {
            clock.advance(Duration.ofMillis(RETAIN_MS / 8));
            long now = clock.currentTimeMillis();
            HeldAcks held = new HeldAcks();
            Map<Integer, Map<Long, Integer>> applied = new HashMap<>();
            int sentences = 50 + random.nextInt(600); // Past the filter's first size: it is rebuilt larger.
            for (int i = 0; i < sentences; i++) {
                long key = random.nextInt(5) == 0 && !seen.isEmpty() ? seen.get(random.nextInt(seen.size()))
                        : 1 + (random.nextLong() >>> 2);
                seen.add(key);
                for (int w = random.nextInt(1, 5); w > 0; w--) { // A sentence's words, in several of the groups.
                    int group = first + random.nextInt(4);
                    held.add(tuple(1, key), null, group - first);
                    applied.computeIfAbsent(group, g -> new HashMap<>()).merge(key, 1, Integer::sum);
                }
            }
            log.prepare(txid, held);
            log.commit(txid);
            byTxid.put(txid, applied);
            preparedAt.put(txid, now);
            if (txid == 12) {
                first = 2; // A rescale: the task now owns groups 2 to 5; groups 2 and 3 keep their entries.
                log = open(s, 2, 6);
            }
            for (int probe = 0; probe < 300; probe++) {
                long key = random.nextBoolean() ? seen.get(random.nextInt(seen.size())) : 1 + (random.nextLong() >>> 2);
                int group = first + random.nextInt(4);
                long expected = 0;
                for (Map.Entry<Long, Long> t : preparedAt.entrySet()) {
                    if (now - t.getValue() <= RETAIN_MS) {
                        expected += byTxid.get(t.getKey()).getOrDefault(group, Map.of()).getOrDefault(key, 0);
                    }
                }
                long attempt = ++root;
                for (int k = 0; k < expected; k++) {
                    assertTrue(skips(s[0], log, group, attempt, key),
                            "key " + key + " applied " + expected + " times in group " + group);
                }
                assertFalse(skips(s[0], log, group, attempt, key),
                        "key " + key + " applied " + expected + " times in group " + group);
            }
        }
    }
}
