package io.squall.runtime.routing;

import java.util.Arrays;
import java.util.List;

/** The target task with the lowest id gets every tuple. */
final class GlobalSelector implements TaskSelector {
    private final int target;

    GlobalSelector(int[] targets) {
        this.target = Arrays.stream(targets).min().orElseThrow();
    }

    @Override
    public int select(List<Object> values, int[] out) {
        out[0] = target;
        return 1;
    }

    @Override
    public int maxTargets() {
        return 1;
    }
}
