package io.squall.state;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

class KeyValueChangesTest {
    private static List<String> stagedKeys(KeyValueChanges<String, Long> changes) {
        List<String> keys = new ArrayList<>();
        changes.forEachStaged((k, v) -> keys.add(k));
        return keys;
    }

    @Test
    void aKeyChangedInEveryIntervalKeepsTheKeyObjectItWasFirstPutWith() {
        KeyValueChanges<String, Long> changes = new KeyValueChanges<>();
        String first = new String("word");
        changes.put(first, 1L);
        changes.prepare(1);
        changes.clearPrepared();
        String second = new String("word");
        assertNotSame(first, second);
        changes.put(second, 2L);
        changes.prepare(2);
        assertSame(first, stagedKeys(changes).get(0));
        assertEquals(Map.of("word", 2L), changes.staged());
    }

    @Test
    void aKeyUnusedForAWholeIntervalIsForgottenAndReadFromTheBackendAgain() {
        KeyValueChanges<String, Long> changes = new KeyValueChanges<>(true);
        Map<String, Long> backend = new HashMap<>();
        AtomicInteger reads = new AtomicInteger();
        java.util.function.Function<String, Long> read = k -> {
            reads.incrementAndGet();
            return backend.get(k);
        };
        long txid = 0;
        for (int i = 0; i < 200; i++) {
            changes.put("old" + i, (long) i); // Enough keys that a sweep runs.
        }
        changes.prepare(++txid);
        changes.forEachStaged(backend::put);
        changes.clearPrepared();
        assertEquals(7L, changes.newest("old7", read));
        assertEquals(0, reads.get(), "a committed value is kept while its key is in use");
        for (int interval = 0; interval < 3; interval++) {
            for (int i = 0; i < 100; i++) {
                changes.put("new" + i, (long) interval);
            }
            changes.prepare(++txid);
            changes.forEachStaged(backend::put);
            changes.clearPrepared();
        }
        assertEquals(7L, changes.newest("old7", read));
        assertEquals(1, reads.get(), "a key unused for intervals is read from the backend");
        assertEquals(2L, changes.newest("new5", read));
        assertEquals(1, reads.get());
    }

    @Test
    void aDeletionIsCommittedAsAbsent() {
        KeyValueChanges<String, Long> changes = new KeyValueChanges<>(true);
        changes.put("a", 1L);
        changes.prepare(1);
        changes.clearPrepared();
        changes.delete("a");
        assertNull(changes.newest("a", k -> 1L));
        changes.prepare(2);
        Map<String, Long> staged = changes.staged();
        assertEquals(1, staged.size());
        assertNull(staged.get("a"));
        changes.clearPrepared();
        assertNull(changes.newest("a", k -> 1L), "the committed deletion is kept");
        changes.clear();
        assertEquals(1L, changes.newest("a", k -> 1L), "a rollback forgets what was kept");
    }
}
