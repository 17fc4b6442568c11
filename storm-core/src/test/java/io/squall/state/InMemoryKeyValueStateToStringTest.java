package io.squall.state;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertTrue;

class InMemoryKeyValueStateToStringTest {
    @Test
    void toStringShowsTheCommittedEntriesAndThePendingChanges() {
        InMemoryKeyValueState<String, Integer> state = new InMemoryKeyValueState<>();
        state.put("a", 1);
        state.prepareCommit(1);
        state.commit(1);
        state.put("b", 2);
        state.put("c", 3);
        String s = state.toString();
        assertTrue(s.startsWith("InMemoryKeyValueState{"), s);
        assertTrue(s.contains("committedTxid=1") && s.contains("committed={a=1}") && s.contains("pendingChanges=2"), s);
    }
}
