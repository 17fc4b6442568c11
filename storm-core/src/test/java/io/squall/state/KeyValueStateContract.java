package io.squall.state;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * What every {@link KeyValueState} provider must do, whatever it stores in: reads see one's own changes at once,
 * {@code prepareCommit} then {@code commit} makes them durable, {@code rollback} returns to the last commit, and a
 * state opened again on the same namespace (as a task restarted elsewhere would) sees exactly the last committed
 * state. A provider's test extends this class and implements {@link #open}; the class is in squall-core's
 * test-jar so that providers in other modules run it too.
 */
public abstract class KeyValueStateContract {
    private final List<KeyValueState<String, Object>> opened = new ArrayList<>();
    private String namespace;

    /**
     * Opens the state saved under {@code namespace}, as a new task would (a new object, nothing shared with the
     * states opened before but the store). Each test uses namespaces that no other test uses.
     */
    protected abstract KeyValueState<String, Object> open(String namespace);

    @BeforeEach
    void nameNamespace(TestInfo test) {
        namespace = getClass().getSimpleName() + "-" + test.getTestMethod().orElseThrow().getName() + "-"
                + System.nanoTime();
    }

    @AfterEach
    void closeStates() throws Exception {
        for (KeyValueState<String, Object> s : opened) {
            if (s instanceof AutoCloseable c) {
                c.close();
            }
        }
    }

    /** The state of this test's namespace, opened anew. */
    protected KeyValueState<String, Object> state() {
        return state(namespace);
    }

    /** The state of {@code name} (made unique to this test), opened anew. */
    protected KeyValueState<String, Object> state(String name) {
        KeyValueState<String, Object> s = open(name.equals(namespace) ? name : namespace + "-" + name);
        opened.add(s);
        return s;
    }

    /** The state's entries, read through its iterator. */
    protected static Map<String, Object> contents(KeyValueState<String, Object> state) {
        Map<String, Object> all = new HashMap<>();
        state.forEach(e -> assertNull(all.put(e.getKey(), e.getValue()), "key returned twice: " + e.getKey()));
        return all;
    }

    @Test
    void anEmptyStateHasNoValues() {
        KeyValueState<String, Object> s = state();
        assertNull(s.get("a"));
        assertEquals(7L, s.get("a", 7L));
        assertFalse(s.iterator().hasNext());
        assertNull(s.delete("a"));
    }

    @Test
    void getSeesAPutAtOnceAndTheLastPutWins() {
        KeyValueState<String, Object> s = state();
        s.put("a", 1L);
        assertEquals(1L, s.get("a"));
        s.put("a", 2L);
        assertEquals(2L, s.get("a"));
        assertEquals(2L, s.get("a", 9L));
        s.put("list", List.of("x", "y"));
        assertEquals(List.of("x", "y"), s.get("list"));
    }

    @Test
    void deleteReturnsTheValueAndHidesTheKeyWhetherPendingOrCommitted() {
        KeyValueState<String, Object> s = state();
        s.put("committed", "c");
        s.prepareCommit(1);
        s.commit(1);
        s.put("pending", "p");
        assertEquals("p", s.delete("pending"));
        assertEquals("c", s.delete("committed"));
        assertNull(s.get("pending"));
        assertNull(s.get("committed"));
        assertEquals("d", s.get("committed", "d"));
        assertEquals(Map.of(), contents(s));
        s.prepareCommit(2);
        s.commit(2);
        assertEquals(Map.of(), contents(state()));
    }

    @Test
    void iteratingMergesCommittedStagedAndPendingChanges() {
        KeyValueState<String, Object> s = state();
        s.put("a", 1L);
        s.put("b", 1L);
        s.put("c", 1L);
        s.prepareCommit(1);
        s.commit(1);
        s.put("b", 2L);
        s.delete("c");
        s.prepareCommit(2);
        s.put("d", 3L);
        s.delete("a");
        assertEquals(Map.of("b", 2L, "d", 3L), contents(s));
    }

    @Test
    void aLargeStateIsCommittedAndIteratedWhole() {
        KeyValueState<String, Object> s = state();
        Map<String, Object> expected = new HashMap<>();
        for (long i = 0; i < 2500; i++) {
            s.put("k" + i, i);
            expected.put("k" + i, i);
        }
        s.prepareCommit(1);
        s.commit(1);
        s.put("k0", -1L);
        expected.put("k0", -1L);
        assertEquals(expected, contents(s));
        expected.put("k0", 0L);
        assertEquals(expected, contents(state()));
        for (long i = 0; i < 1500; i++) {
            s.delete("k" + i);
            expected.remove("k" + i);
        }
        s.prepareCommit(2);
        s.commit(2);
        assertEquals(expected, contents(state()));
    }

    @Test
    void aStateOpenedAfterACommitSeesTheCommittedState() {
        KeyValueState<String, Object> s = state();
        s.put("a", 1L);
        s.put("b", "two");
        s.prepareCommit(1);
        s.commit(1);
        KeyValueState<String, Object> reopened = state();
        assertEquals(1L, reopened.get("a"));
        assertEquals("two", reopened.get("b"));
        assertEquals(Map.of("a", 1L, "b", "two"), contents(reopened));
    }

    @Test
    void aStateOpenedAfterAPrepareWithoutCommitSeesTheLastCommit() {
        KeyValueState<String, Object> s = state();
        s.put("a", 1L);
        s.prepareCommit(1);
        s.commit(1);
        s.put("a", 2L);
        s.put("b", 2L);
        s.prepareCommit(2);
        s.put("c", 3L);
        KeyValueState<String, Object> reopened = state();
        assertEquals(1L, reopened.get("a"));
        assertNull(reopened.get("b"));
        assertNull(reopened.get("c"));
        assertEquals(Map.of("a", 1L), contents(reopened));
    }

    @Test
    void changesMadeAfterAPrepareWaitForTheNextCheckpoint() {
        KeyValueState<String, Object> s = state();
        s.put("a", 1L);
        s.prepareCommit(1);
        s.put("b", 2L);
        s.commit(1);
        assertEquals(Map.of("a", 1L), contents(state()));
        assertEquals(Map.of("a", 1L, "b", 2L), contents(s));
        s.prepareCommit(2);
        s.commit(2);
        assertEquals(Map.of("a", 1L, "b", 2L), contents(state()));
    }

    @Test
    void aPutAfterAGetOfTheSameKeyStaysInItsCheckpointAcrossPrepareAndRollback() {
        KeyValueState<String, Object> s = state();
        String key = "a";
        s.put(key, 1L);
        assertEquals(1L, s.get(key));
        s.prepareCommit(1);
        s.put(key, 2L); // After the prepare: for checkpoint 2, not 1, though the last get found the key changed.
        assertEquals(2L, s.get(key));
        s.commit(1);
        assertEquals(Map.of("a", 1L), contents(state()));
        assertEquals(2L, s.get(key));
        s.put(key, 3L);
        s.rollback();
        s.put(key, (Long) s.get(key) + 10); // The last read was before the rollback: 1 committed, plus 10.
        assertEquals(11L, s.get(key));
        s.delete(key);
        assertNull(s.get(key));
        s.put(key, 12L);
        s.prepareCommit(2);
        s.commit(2);
        assertEquals(Map.of("a", 12L), contents(state()));
    }

    @Test
    void rollbackDropsStagedAndPendingChanges() {
        KeyValueState<String, Object> s = state();
        s.put("a", 1L);
        s.prepareCommit(1);
        s.commit(1);
        s.put("a", 2L);
        s.prepareCommit(2);
        s.put("b", 3L);
        s.delete("a");
        s.rollback();
        assertEquals(1L, s.get("a"));
        assertNull(s.get("b"));
        assertEquals(Map.of("a", 1L), contents(s));
        assertEquals(Map.of("a", 1L), contents(state()));
        s.put("c", 4L);
        s.prepareCommit(2);
        s.commit(2);
        assertEquals(Map.of("a", 1L, "c", 4L), contents(state()));
    }

    @Test
    void preparingTheSameTxidTwiceIsIdempotent() {
        KeyValueState<String, Object> s = state();
        s.put("a", 1L);
        s.prepareCommit(1);
        s.prepareCommit(1);
        s.commit(1);
        assertEquals(Map.of("a", 1L), contents(state()));
        assertEquals(Map.of("a", 1L), contents(s));
    }

    @Test
    void preparingTheCommittedTxidAgainCommitsNothingAndLosesNothing() {
        KeyValueState<String, Object> s = state();
        s.put("a", 1L);
        s.prepareCommit(1);
        s.commit(1);
        s.put("b", 2L);
        s.prepareCommit(1);
        s.commit(1);
        assertEquals(Map.of("a", 1L), contents(state()));
        assertEquals(2L, s.get("b"));
        s.prepareCommit(2);
        s.commit(2);
        assertEquals(Map.of("a", 1L, "b", 2L), contents(state()));
    }

    @Test
    void committingTheSameTxidTwiceIsIdempotent() {
        KeyValueState<String, Object> s = state();
        s.put("a", 1L);
        s.prepareCommit(1);
        s.commit(1);
        s.commit(1);
        assertEquals(Map.of("a", 1L), contents(state()));
    }

    /**
     * A keyed bolt's task commits every one of its key groups' states when a COMMIT is repeated (a later step of
     * the first attempt failed) or recovers one: the groups its checkpoint did not touch staged nothing under that
     * txid, and for them the commit is nothing to do, not an error.
     */
    @Test
    void committingATxidNothingWasStagedUnderDoesNothing() {
        KeyValueState<String, Object> s = state();
        s.put("a", 1L);
        s.prepareCommit(1);
        s.commit(1);
        s.commit(2);
        s.put("b", 2L);
        s.prepareCommit(3);
        s.commit(3);
        state().commit(4);
        assertEquals(Map.of("a", 1L, "b", 2L), contents(state()));
        KeyValueState<String, Object> untouched = state("untouched");
        untouched.commit(3);
        assertEquals(Map.of(), contents(state("untouched")));
    }

    @Test
    void commitWithoutATxidMakesEveryChangeDurable() {
        KeyValueState<String, Object> s = state();
        s.put("a", 1L);
        s.prepareCommit(1);
        s.put("b", 2L);
        s.commit();
        assertEquals(Map.of("a", 1L, "b", 2L), contents(state()));
        s.put("c", 3L);
        s.prepareCommit(2);
        s.commit(2);
        assertEquals(Map.of("a", 1L, "b", 2L, "c", 3L), contents(state()));
    }

    @Test
    void namespacesAreIndependent() {
        KeyValueState<String, Object> one = state("one");
        KeyValueState<String, Object> two = state("two");
        one.put("a", 1L);
        two.put("a", 2L);
        one.prepareCommit(1);
        one.commit(1);
        two.prepareCommit(1);
        two.commit(1);
        assertEquals(1L, state("one").get("a"));
        assertEquals(2L, state("two").get("a"));
    }

    @Test
    void aValueThatCannotBeSerializedIsNamedInTheError() {
        KeyValueState<String, Object> s = state();
        RuntimeException e = assertThrows(RuntimeException.class, () -> {
            s.put("t", new Thread());
            s.prepareCommit(1);
            s.commit(1);
        });
        assertTrue(String.valueOf(e.getMessage()).contains("java.lang.Thread"), e.getMessage());
    }

    @Test
    void aQueryableStateShowsOtherThreadsItsLastCommitOnly() {
        KeyValueState<String, Object> s = state();
        assumeTrue(s instanceof QueryableKeyValueState<?, ?>, "the provider's state cannot be queried");
        @SuppressWarnings("unchecked")
        QueryableKeyValueState<String, Object> q = (QueryableKeyValueState<String, Object>) s;
        s.put("a", 1L);
        s.put("b", 2L);
        s.prepareCommit(1);
        s.commit(1);
        s.put("a", 10L);
        s.delete("b");
        s.put("c", 3L);
        s.prepareCommit(2);
        s.put("d", 4L);
        assertEquals(3, q.lastPreparedKeys(), "keys written by the last prepare");
        assertEquals(Map.of("a", 1L, "b", 2L), committedFromAnotherThread(q), "staged and pending not shown");
        s.commit(2);
        assertEquals(Map.of("a", 10L, "c", 3L), committedFromAnotherThread(q), "the new commit");
    }

    /** The committed values of keys a to d, read on another thread, as the dashboard's queries are. */
    private static Map<String, Object> committedFromAnotherThread(QueryableKeyValueState<String, Object> q) {
        return CompletableFuture.supplyAsync(() -> {
            Map<String, Object> m = new HashMap<>();
            for (String k : List.of("a", "b", "c", "d")) {
                Object v = q.committedValue(k);
                if (v != null) {
                    m.put(k, v);
                }
            }
            return m;
        }).join();
    }
}
