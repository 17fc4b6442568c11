package io.squall.runtime.state;

import io.squall.tuple.Fields;
import io.squall.tuple.MessageId;
import io.squall.tuple.Tuple;
import io.squall.tuple.TupleImpl;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UncommittedKeysTest {
    private static Tuple tuple(long root, long key) {
        return new TupleImpl("split", "default", new Fields("word"), 1, List.of("w"),
                MessageId.of(root, 7L, new long[] {key | 1}));
    }

    @Test
    void holdsBackAnotherAttemptOfAKeyAppliedSinceTheLastCommitUntilItsCommit() {
        UncommittedKeys keys = new UncommittedKeys();
        keys.record(tuple(11, 0x1000));
        assertFalse(keys.conflicts(tuple(11, 0x1000)), "the same attempt");
        assertTrue(keys.conflicts(tuple(12, 0x1000)), "another attempt");
        assertFalse(keys.conflicts(tuple(12, 0x2000)), "another key");
        keys.prepare();
        assertTrue(keys.conflicts(tuple(12, 0x1000)), "staged, not committed");
        keys.commit();
        assertFalse(keys.conflicts(tuple(12, 0x1000)), "committed");
        assertEquals(0, keys.size());
    }

    @Test
    void forgetsEveryKeyAtARollback() {
        UncommittedKeys keys = new UncommittedKeys();
        for (long k = 1; k <= 5000; k++) {
            keys.record(tuple(k, k << 20));
            if (k == 2500) {
                keys.prepare();
            }
        }
        assertTrue(keys.conflicts(tuple(1, 4000L << 20)));
        assertTrue(keys.conflicts(tuple(2, 1000L << 20)));
        keys.rollback();
        assertFalse(keys.conflicts(tuple(1, 4000L << 20)));
        assertFalse(keys.conflicts(tuple(2, 1000L << 20)));
        assertEquals(0, keys.size());
    }

    /**
     * Random keys, attempts, prepares, commits and rollbacks, over intervals of up to 40,000 keys: every answer is the
     * one a map of each part's keys to the root applied last gives.
     */
    @Test
    void answersAsAnExactMapOfEachPartToTheRootAppliedLast() {
        SplittableRandom random = new SplittableRandom(12);
        UncommittedKeys keys = new UncommittedKeys();
        Map<Long, Long> pending = new HashMap<>();
        Map<Long, Long> prepared = new HashMap<>();
        long[] seen = new long[200_000];
        int seenCount = 0;
        for (int interval = 0; interval < 40; interval++) {
            int applied = random.nextInt(40_000);
            for (int i = 0; i < applied; i++) {
                long key;
                if (seenCount > 0 && random.nextInt(4) == 0) {
                    key = seen[random.nextInt(seenCount)]; // A key applied before: maybe still uncommitted.
                } else {
                    key = random.nextLong() & ~1L;
                    if (key == 0) {
                        continue;
                    }
                    if (seenCount < seen.length) {
                        seen[seenCount++] = key;
                    }
                }
                long root = 1 + random.nextInt(3);
                boolean expected = conflicts(pending, key, root) || conflicts(prepared, key, root);
                assertEquals(expected, keys.conflicts(tuple(root, key)), "key " + key + " root " + root);
                if (!expected) {
                    keys.record(tuple(root, key));
                    pending.put(key, root);
                }
            }
            switch (random.nextInt(6)) {
                case 0 -> {
                    keys.rollback();
                    pending.clear();
                    prepared.clear();
                }
                case 1 -> {
                    keys.prepare(); // A second PREPARE before the COMMIT of the first.
                    prepared.putAll(pending);
                    pending.clear();
                }
                default -> {
                    keys.commit();
                    prepared.clear();
                    keys.prepare();
                    prepared.putAll(pending);
                    pending.clear();
                }
            }
            assertEquals(pending.size() + prepared.size(), keys.size());
        }
    }

    private static boolean conflicts(Map<Long, Long> part, long key, long root) {
        Long applied = part.get(key);
        return applied != null && applied != root;
    }
}
