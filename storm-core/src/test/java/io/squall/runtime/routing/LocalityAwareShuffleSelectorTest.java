package io.squall.runtime.routing;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LocalityAwareShuffleSelectorTest {
    private final double[] load = new double[8];

    private LocalityAwareShuffleSelector selector() {
        return new LocalityAwareShuffleSelector(new int[] {1, 2}, new int[] {1, 2, 3, 4}, t -> load[t], 0.8, 0.2);
    }

    private static Set<Integer> choose(TaskSelector s, int times) {
        Set<Integer> seen = new HashSet<>();
        int[] out = new int[1];
        for (int i = 0; i < times; i++) {
            assertEquals(1, s.select(List.of(), out));
            seen.add(out[0]);
        }
        return seen;
    }

    @Test
    void keepsToTheLocalTasksWhileTheyKeepUp() {
        load[1] = 0.7;
        load[2] = 0.7;
        assertEquals(Set.of(1, 2), choose(selector(), LocalityAwareShuffleSelector.CHECK_EVERY * 20));
    }

    @Test
    void widensWhenTheLocalTasksAreLoadedAndNarrowsOnlyOnceTheyAreNearlyIdle() {
        LocalityAwareShuffleSelector s = selector();
        load[1] = 0.9;
        load[2] = 0.8;
        choose(s, 1);
        assertTrue(s.wide());
        assertEquals(Set.of(1, 2, 3, 4), choose(s, LocalityAwareShuffleSelector.CHECK_EVERY));
        load[1] = 0.5;
        load[2] = 0.1;
        choose(s, LocalityAwareShuffleSelector.CHECK_EVERY * 3);
        assertTrue(s.wide(), "a mean load of 0.3 is between the bounds: no change");
        load[1] = 0.1;
        choose(s, LocalityAwareShuffleSelector.CHECK_EVERY);
        assertFalse(s.wide());
        assertEquals(Set.of(1, 2), choose(s, LocalityAwareShuffleSelector.CHECK_EVERY * 3));
    }

    @Test
    void needsSomeButNotAllTargetsLocal() {
        assertThrows(IllegalArgumentException.class,
                () -> new LocalityAwareShuffleSelector(new int[0], new int[] {1, 2}, t -> 0, 0.8, 0.2));
        assertThrows(IllegalArgumentException.class,
                () -> new LocalityAwareShuffleSelector(new int[] {1, 2}, new int[] {1, 2}, t -> 0, 0.8, 0.2));
    }
}
