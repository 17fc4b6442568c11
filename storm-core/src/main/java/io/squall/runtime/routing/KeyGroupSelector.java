package io.squall.runtime.routing;

import java.util.List;

/**
 * A fields grouping into a keyed stateful bolt: same values, same key group, and the group's owner gets the tuple
 * (see {@link KeyGroups}), so a change of the bolt's task count moves whole groups.
 */
final class KeyGroupSelector implements TaskSelector {
    private final int[] targets;
    private final int[] fieldIndexes;
    private final int groups;

    KeyGroupSelector(int[] targets, int[] fieldIndexes, int groups) {
        this.targets = targets.clone();
        this.fieldIndexes = fieldIndexes.clone();
        this.groups = groups;
    }

    @Override
    public int select(List<Object> values, int[] out) {
        int group = KeyGroups.groupOf(values, fieldIndexes, groups);
        out[0] = targets[KeyGroups.owner(group, targets.length, groups)];
        return 1;
    }

    @Override
    public int maxTargets() {
        return 1;
    }
}
