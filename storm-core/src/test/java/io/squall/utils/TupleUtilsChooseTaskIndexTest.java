package io.squall.utils;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TupleUtilsChooseTaskIndexTest {
    @Test
    void theIndexIsTheKeysDeepHashModuloTheTasksNeverNegative() {
        List<Object> keys = List.of("user-1", 7L);
        assertEquals(Math.floorMod(Arrays.deepHashCode(new Object[] {"user-1", 7L}), 5),
                TupleUtils.chooseTaskIndex(keys, 5));
        // Arrays' contents count, not their identity, as in Storm.
        assertEquals(TupleUtils.chooseTaskIndex(List.of((Object) new byte[] {1, 2}), 7),
                TupleUtils.chooseTaskIndex(List.of((Object) new byte[] {1, 2}), 7));
        assertEquals(1 % 4, TupleUtils.chooseTaskIndex(null, 4));
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            int index = TupleUtils.chooseTaskIndex(new ArrayList<>(List.of("user-" + i, (long) -i * 7919)), 7);
            assertTrue(index >= 0 && index < 7, "index " + index);
            seen.add(index);
        }
        assertEquals(Set.of(0, 1, 2, 3, 4, 5, 6), seen);
    }
}
