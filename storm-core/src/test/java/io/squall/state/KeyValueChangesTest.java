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
    void aCopyingBackendsCellsKeepCommittedValuesNoCallerCanChangeAndReadOthersEachTime() {
        KeyValueChanges<String, Object> changes = new KeyValueChanges<>(); // A backend that gives copies.
        Map<String, Object> backend = new HashMap<>(Map.of("read", 5L, "list", List.of(1)));
        AtomicInteger reads = new AtomicInteger();
        java.util.function.Function<String, Object> read = k -> {
            reads.incrementAndGet();
            Object v = backend.get(k);
            return v instanceof List<?> l ? new ArrayList<>(l) : v;
        };
        changes.put("count", 1L);
        changes.put("word", "w");
        changes.put("gone", 3L);
        changes.put("items", new ArrayList<>(List.of(1, 2)));
        changes.prepare(1);
        changes.forEachStaged(backend::put);
        changes.clearPrepared();
        changes.delete("gone");
        changes.prepare(2);
        changes.forEachStaged((k, v) -> backend.remove(k));
        changes.clearPrepared();
        assertEquals(1L, changes.newest("count", read));
        assertEquals("w", changes.newest("word", read));
        assertNull(changes.newest("gone", read));
        assertEquals(0, reads.get(), "committed immutable values and deletions are kept");
        assertEquals(5L, changes.newest("read", read)); // Keys never put have no cell: read each time.
        assertNull(changes.newest("absent", read));
        assertEquals(2, reads.get());
        @SuppressWarnings("unchecked")
        List<Integer> items = (List<Integer>) changes.newest("items", read);
        items.add(3); // A caller may change the copy it got; the next read is the backend's again.
        assertEquals(List.of(1, 2), changes.newest("items", read));
        assertEquals(List.of(1), changes.newest("list", read));
        assertEquals(List.of(1), changes.newest("list", read));
        assertEquals(6, reads.get(), "a mutable value is read from the backend each time");
        changes.clear(); // A rollback forgets every kept value.
        backend.put("count", 9L);
        assertEquals(9L, changes.newest("count", read));
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
