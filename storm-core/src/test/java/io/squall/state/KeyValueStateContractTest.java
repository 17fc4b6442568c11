package io.squall.state;

import io.squall.Config;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** What every key-value state provider must do, run against each of them. */
abstract class KeyValueStateContractTest {
    private static int runs;

    /** A provider and the configuration that makes it keep state where this test says. */
    abstract StateProvider provider();

    abstract Map<String, Object> conf();

    private final String topology = "contract-" + getClass().getSimpleName() + "-" + (++runs);

    @SuppressWarnings("unchecked")
    KeyValueState<String, Long> state(String namespace) {
        Map<String, Object> conf = new HashMap<>(conf());
        conf.put(Config.TOPOLOGY_NAME, topology);
        return (KeyValueState<String, Long>) provider().newState(namespace, conf, null);
    }

    static Map<String, Long> entries(KeyValueState<String, Long> s) {
        return StreamSupport.stream(s.spliterator(), false).collect(Collectors.toMap(Map.Entry::getKey,
                Map.Entry::getValue));
    }

    @Test
    void aPutAfterAGetOfTheSameKeyGoesToTheCheckpointInProgress() {
        KeyValueState<String, Long> s = state("memo");
        String key = "a";
        s.put(key, 1L);
        assertEquals(1L, s.get(key));
        s.prepareCommit(1);
        s.put(key, 2L); // The last get found the key changed, but before the prepare: this is checkpoint 2's.
        s.commit(1);
        s.rollback();
        assertEquals(1L, s.get(key), "checkpoint 1 committed the value before its prepare");
        s.put(key, s.get(key) + 10);
        assertEquals(11L, s.get(key));
        s.rollback();
        assertEquals(1L, s.get(key));
        s.put(key, 5L);
        s.put(key, s.get(key) + 1);
        assertEquals(6L, s.get(key));
        s.delete(key);
        assertNull(s.get(key));
        s.prepareCommit(2);
        s.commit(2);
        s.rollback();
        assertNull(s.get(key), "the delete is committed");
    }

    @Test
    void readsItsOwnWritesBeforeAndAfterACommit() {
        KeyValueState<String, Long> s = state("rw");
        s.put("a", 1L);
        s.put("b", 2L);
        assertEquals(1L, s.get("a"));
        assertEquals(7L, s.get("zzz", 7L));
        s.prepareCommit(1);
        s.put("a", 10L);
        assertEquals(10L, s.get("a"));
        s.commit(1);
        assertEquals(10L, s.get("a"), "changes after the prepare stay");
        assertEquals(2L, s.delete("b"));
        assertNull(s.get("b"));
        assertEquals(Map.of("a", 10L), entries(s));
    }

    @Test
    void keepsOnlyCommittedChangesForTheNextOwner() {
        KeyValueState<String, Long> s = state("commit");
        s.put("a", 1L);
        s.put("b", 2L);
        s.prepareCommit(1);
        s.commit(1);
        s.put("a", 5L);
        s.delete("b");
        s.prepareCommit(2); // Prepared, never committed: a new owner must not see it after a rollback.
        KeyValueState<String, Long> next = state("commit");
        next.rollback();
        assertEquals(Map.of("a", 1L, "b", 2L), entries(next));
    }

    @Test
    void rollsBackToTheLastCommit() {
        KeyValueState<String, Long> s = state("rollback");
        s.put("a", 1L);
        s.prepareCommit(1);
        s.commit(1);
        s.put("a", 2L);
        s.put("c", 3L);
        s.prepareCommit(2);
        s.put("d", 4L);
        s.rollback();
        assertEquals(Map.of("a", 1L), entries(s));
        assertEquals(1L, s.get("a"));
        assertNull(s.get("c"));
    }

    @Test
    void aRecoveringOwnerCommitsWhatItsPredecessorPrepared() {
        KeyValueState<String, Long> s = state("recommit");
        s.put("a", 1L);
        s.put("gone", 9L);
        s.prepareCommit(1);
        s.commit(1);
        s.put("a", 2L);
        s.delete("gone");
        s.prepareCommit(2);
        KeyValueState<String, Long> next = state("recommit"); // The worker died after the prepare.
        next.commit(2);
        next.commit(2); // A commit repeated by recovery changes nothing.
        assertEquals(Map.of("a", 2L), entries(next));
    }

    @Test
    void keepsNamespacesApart() {
        KeyValueState<String, Long> one = state("one");
        KeyValueState<String, Long> two = state("two");
        one.put("k", 1L);
        one.commit();
        two.put("k", 2L);
        two.commit();
        assertEquals(1L, state("one").get("k"));
        assertEquals(2L, state("two").get("k"));
    }

    @Test
    void aRandomRunOfChangesCheckpointsAndRollbacksMatchesAModel() {
        KeyValueState<String, Long> s = state("random");
        java.util.SplittableRandom random = new java.util.SplittableRandom(12);
        Map<String, Long> committed = new HashMap<>();
        Map<String, Long> staged = null;
        Map<String, Long> now = new HashMap<>();
        long txid = 0;
        for (int step = 0; step < 20_000; step++) {
            // Keys from a window that moves, so that keys go unused for intervals and come back.
            String key = "k" + (step / 500 * 7 + random.nextInt(40)) % 120;
            int action = random.nextInt(100);
            if (action < 55) {
                long v = s.get(key, 0L) + 1; // A new key object each time, equal to the earlier ones.
                s.put(new String(key), v);
                now.put(key, v);
            } else if (action < 62) {
                assertEquals(now.get(key), s.delete(key), key);
                now.remove(key);
            } else if (action < 90) {
                assertEquals(now.get(key), s.get(key), "step " + step + ": " + key);
            } else if (action < 95) {
                s.prepareCommit(++txid);
                staged = new HashMap<>(now);
                if (random.nextInt(4) > 0) {
                    s.commit(txid);
                    committed = staged;
                    staged = null;
                }
            } else if (action < 97 && staged != null) {
                s.commit(txid);
                committed = staged;
                staged = null;
            } else if (action < 98) {
                s.rollback();
                now = new HashMap<>(committed);
                staged = null;
            }
        }
        assertEquals(now, entries(s));
        s.rollback();
        assertEquals(committed, entries(s));
    }
}
