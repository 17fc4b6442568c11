package io.squall.runtime.routing;

import java.util.List;

/** Every target task gets every tuple. */
final class AllSelector implements TaskSelector {
    private final int[] targets;

    AllSelector(int[] targets) {
        this.targets = targets.clone();
    }

    @Override
    public int select(List<Object> values, int[] out) {
        System.arraycopy(targets, 0, out, 0, targets.length);
        return targets.length;
    }

    @Override
    public int maxTargets() {
        return targets.length;
    }
}
