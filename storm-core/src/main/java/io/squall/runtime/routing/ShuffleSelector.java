package io.squall.runtime.routing;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Round-robin over the targets from a random start: even load, no per-tuple randomness, and emitters
 * that start together do not all hit the same task first.
 */
final class ShuffleSelector implements TaskSelector {
    private final int[] targets;
    private int next;

    ShuffleSelector(int[] targets) {
        this.targets = targets.clone();
        this.next = ThreadLocalRandom.current().nextInt(targets.length);
    }

    @Override
    public int select(List<Object> values, int[] out) {
        out[0] = targets[next];
        if (++next == targets.length) {
            next = 0;
        }
        return 1;
    }

    @Override
    public int maxTargets() {
        return 1;
    }
}
