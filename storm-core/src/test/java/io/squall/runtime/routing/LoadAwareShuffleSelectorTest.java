package io.squall.runtime.routing;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The load-aware shuffle, alone: what it picks for given queue loads. */
class LoadAwareShuffleSelectorTest {
    private static Map<Integer, Integer> choose(TaskSelector selector, int times) {
        Map<Integer, Integer> counts = new HashMap<>();
        int[] out = new int[1];
        for (int i = 0; i < times; i++) {
            assertEquals(1, selector.select(List.of(), out));
            counts.merge(out[0], 1, Integer::sum);
        }
        return counts;
    }

    @Test
    void atEqualLoadsItIsARoundRobinFromItsStart() {
        LoadAwareShuffleSelector s = new LoadAwareShuffleSelector(new int[] {4, 5, 6}, task -> 0.2, 1);
        int[] out = new int[1];
        int[] seen = new int[6];
        for (int i = 0; i < 6; i++) {
            s.select(List.of(), out);
            seen[i] = out[0];
        }
        assertEquals(List.of(5, 6, 4, 5, 6, 4), Arrays.stream(seen).boxed().toList());
    }

    @Test
    void aBusierTaskGetsProportionallyFewerTuples() {
        // Task 2's queue is 75% full, the others are empty: weights 100, 25, 100.
        TaskSelector s = new LoadAwareShuffleSelector(new int[] {1, 2, 3}, task -> task == 2 ? 0.75 : 0, 0);
        Map<Integer, Integer> counts = choose(s, 2_250);
        assertEquals(Map.of(1, 1_000, 2, 250, 3, 1_000), counts);
    }

    @Test
    void aFullQueueStillGetsATrickleSoItsLoadKeepsBeingSeen() {
        TaskSelector s = new LoadAwareShuffleSelector(new int[] {1, 2}, task -> task == 1 ? 1.0 : 0, 0);
        Map<Integer, Integer> counts = choose(s, 1_010);
        assertEquals(10, counts.get(1));
        assertEquals(1_000, counts.get(2));
    }

    @Test
    void theChoiceFollowsTheLoadAsItChanges() {
        double[] load = {0, 0, 0.9};
        TaskSelector s = new LoadAwareShuffleSelector(new int[] {0, 1, 2}, task -> load[task], 0);
        Map<Integer, Integer> before = choose(s, LoadAwareShuffleSelector.REFRESH_EVERY * 10);
        assertTrue(before.get(2) < before.get(0) / 5, "the loaded task gets little: " + before);
        load[2] = 0;
        load[0] = 0.9;
        Map<Integer, Integer> after = choose(s, LoadAwareShuffleSelector.REFRESH_EVERY * 10);
        assertTrue(after.get(0) < after.get(2) / 5, "once task 0 is the loaded one, it gets little: " + after);
    }

    @Test
    void loadsOutsideZeroToOneAreClamped() {
        TaskSelector s = new LoadAwareShuffleSelector(new int[] {1, 2}, task -> task == 1 ? 7 : -3, 0);
        Map<Integer, Integer> counts = choose(s, 101);
        assertEquals(Map.of(1, 1, 2, 100), counts);
    }
}
