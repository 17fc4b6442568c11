package io.squall.runtime.routing;

import io.squall.Config;
import io.squall.config.InvalidConfigException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KeyGroupsTest {
    @Test
    void everyTaskOwnsAContiguousRangeAndEveryGroupHasOneOwner() {
        for (int groups : new int[] {1, 7, 128}) {
            for (int tasks = 1; tasks <= groups; tasks++) {
                int next = 0;
                for (int i = 0; i < tasks; i++) {
                    int first = KeyGroups.firstGroup(i, tasks, groups);
                    int end = KeyGroups.firstGroup(i + 1, tasks, groups);
                    assertEquals(next, first, "ranges follow each other");
                    assertTrue(end > first, "each of " + tasks + " tasks owns a group of " + groups);
                    assertTrue(end - first <= (groups + tasks - 1) / tasks, "ranges differ by at most one");
                    for (int g = first; g < end; g++) {
                        assertEquals(i, KeyGroups.owner(g, tasks, groups), "group " + g + " of " + groups);
                    }
                    next = end;
                }
                assertEquals(groups, next, "the ranges cover every group");
            }
        }
    }

    @Test
    void aKeyKeepsItsGroupWhateverTheTaskCount() {
        int[] words = {0};
        int[] tasks = new int[] {11, 12, 13};
        KeyGroupSelector two = new KeyGroupSelector(new int[] {11, 12}, words, 128);
        KeyGroupSelector three = new KeyGroupSelector(tasks, words, 128);
        int[] out = new int[1];
        int[] perTask = new int[3];
        for (int k = 0; k < 10_000; k++) {
            List<Object> values = List.of("key-" + k);
            int group = KeyGroups.groupOf(values, words, 128);
            three.select(values, out);
            assertEquals(tasks[KeyGroups.owner(group, 3, 128)], out[0]);
            perTask[out[0] - 11]++;
            two.select(values, out);
            assertEquals(11 + KeyGroups.owner(group, 2, 128), out[0]);
        }
        for (int n : perTask) {
            assertTrue(n > 2500 && n < 4200, "keys spread over the tasks: " + java.util.Arrays.toString(perTask));
        }
    }

    @Test
    void readsAndChecksTheKeyGroupCount() {
        assertEquals(128, KeyGroups.count(Map.of()));
        assertEquals(16, KeyGroups.count(Map.of(Config.TOPOLOGY_STATE_KEY_GROUPS, 16)));
        for (Object bad : new Object[] {0, 40_000, "many", 2.5}) {
            InvalidConfigException e = assertThrows(InvalidConfigException.class,
                    () -> KeyGroups.count(Map.of(Config.TOPOLOGY_STATE_KEY_GROUPS, bad)));
            assertTrue(e.getMessage().contains("topology.state.key.groups must be a whole number from 1 to 32768"),
                    e.getMessage());
        }
    }
}
