package io.squall.runtime.windowing;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The times a rollback failed hold the windows just before the earliest one not replayed yet, count tuples at the
 * same time one by one, and are given up at their deadline.
 */
class AwaitedReplaysTest {
    @Test
    void holdsJustBeforeTheEarliestTimeNotReplayedYet() {
        AwaitedReplays a = new AwaitedReplays(new long[]{3_000, 1_000, 2_000, 1_000, 99}, 4, 10_000);
        assertEquals(999, a.holdAt());
        assertFalse(a.arrived(1_500), "a newer tuple at another time is not a replay");
        assertTrue(a.arrived(1_000));
        assertEquals(999, a.holdAt(), "two tuples at 1000 failed; one came back");
        assertTrue(a.arrived(1_000));
        assertEquals(1_999, a.holdAt());
        assertFalse(a.arrived(1_000), "both came back");
        assertTrue(a.arrived(3_000));
        assertEquals(1_999, a.holdAt());
        assertEquals(1, a.remaining());
        assertTrue(a.arrived(2_000));
        assertTrue(a.isEmpty());
        assertEquals(Long.MAX_VALUE, a.holdAt());
    }

    @Test
    void givesUpAtItsDeadline() {
        AwaitedReplays a = new AwaitedReplays(new long[]{5}, 1, 30_000);
        assertFalse(a.expired(29_999));
        assertTrue(a.expired(30_000));
    }
}
