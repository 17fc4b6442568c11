package io.squall.runtime.state;

import io.squall.state.InMemoryKeyValueState;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KeyGroupedStateTest {
    /** The provider's states by namespace, as the in-memory provider keeps them across task restarts. */
    private final Map<String, InMemoryKeyValueState<Object, Object>> provider = new HashMap<>();

    private KeyGroupedState open(int first, int end) {
        return KeyGroupedState.open("count", first, end, ns -> provider.computeIfAbsent(ns,
                n -> new InMemoryKeyValueState<>()));
    }

    private static Map<Object, Object> entries(KeyGroupedState s) {
        Map<Object, Object> all = new TreeMap<>();
        s.forEach(e -> all.put(e.getKey(), e.getValue()));
        return all;
    }

    @Test
    void writesGoToTheGroupOfTheTupleBeingExecuted() {
        KeyGroupedState s = open(0, 4);
        s.rollback();
        assertTrue(s.enter(2));
        s.put("apple", 3L);
        assertTrue(s.enter(3));
        assertNull(s.get("apple"), "another group does not see it");
        s.put("pear", 1L);
        s.prepareCommit(1);
        s.commit(1);
        assertEquals(3L, provider.get("count@2").committedValue("apple"));
        assertEquals(1L, provider.get("count@3").committedValue("pear"));
        assertEquals(0, provider.get("count@0").committedSize());
        assertFalse(s.enter(4), "group 4 is not the task's");
        assertTrue(s.enter(-1));
        assertEquals(3L, s.get("apple"), "outside a tuple a read looks in every group");
        s.put("apple", 4L);
        s.put("fig", 9L);
        s.commit();
        assertEquals(4L, provider.get("count@2").committedValue("apple"), "a write goes to the group holding the key");
        assertEquals(9L, provider.get("count@0").committedValue("fig"), "a new key to the first group");
        assertEquals(3, s.committedSize());
    }

    @Test
    void newOwnersFindTheirGroupsAsOfTheLastCommitAndAPreparedCheckpointCanStillCommit() {
        KeyGroupedState before = open(0, 4);
        before.rollback();
        for (int g = 0; g < 4; g++) {
            before.enter(g);
            before.put("k" + g, (long) g);
        }
        before.prepareCommit(1);
        before.commit(1);
        before.enter(1);
        before.put("k1", 10L);
        before.prepareCommit(2); // The topology stops here: checkpoint 2 is prepared, not committed.
        before.enter(3);
        before.put("k3", 30L); // Not even prepared: lost, as any change after the last prepare.

        KeyGroupedState low = open(0, 2);
        KeyGroupedState high = open(2, 4);
        low.commit(2); // The recovery commits what was prepared.
        high.commit(2);
        low.rollback();
        high.rollback();
        assertEquals(Map.of("k0", 0L, "k1", 10L), entries(low));
        assertEquals(Map.of("k2", 2L, "k3", 3L), entries(high));
    }

    @Test
    void preparesOnlyTheGroupsChangedSinceTheLastCommit() {
        KeyGroupedState s = open(0, 4);
        s.rollback();
        s.enter(1);
        s.put("a", 1L);
        s.prepareCommit(1);
        s.commit(1);
        s.enter(2);
        s.put("b", 2L);
        s.prepareCommit(2);
        assertEquals(1, s.lastPreparedKeys());
        s.commit(2);
        assertEquals(1, provider.get("count@1").committedTxid(), "group 1 had nothing for checkpoint 2");
        assertEquals(2, provider.get("count@2").committedTxid());
        assertEquals(-1, provider.get("count@0").committedTxid());
    }
}
