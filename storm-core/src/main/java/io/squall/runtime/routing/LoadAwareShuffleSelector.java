package io.squall.runtime.routing;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Shuffle that sends less to busier tasks (Storm's load-aware shuffle): a smooth weighted round-robin whose
 * weights, refreshed every {@value #REFRESH_EVERY} choices, fall with each target's {@link TaskLoad}. With equal
 * loads it is a plain round-robin (each target once per cycle, from a rotating start); a target whose queue
 * is fuller than the others' gets proportionally fewer tuples, one whose queue is full gets almost none
 * (never none, so its load keeps being measured by what it is sent). Owned by the emitting executor's thread.
 */
final class LoadAwareShuffleSelector implements TaskSelector {
    /** Choices between two reads of the loads: reading them costs a volatile read per target. */
    static final int REFRESH_EVERY = 32;
    /** The weight of an idle target; a full one weighs 1. */
    static final int MAX_WEIGHT = 100;

    private final int[] targets;
    private final TaskLoad load;
    private final int[] weight;
    private final int[] current;
    private int totalWeight;
    private int untilRefresh;

    /** Over {@code targets}, starting at a random one so that emitters started together spread their first tuples. */
    LoadAwareShuffleSelector(int[] targets, TaskLoad load) {
        this(targets, load, ThreadLocalRandom.current().nextInt(targets.length));
    }

    /** Over {@code targets}, the first choice (at equal loads) being {@code targets[start]}. */
    LoadAwareShuffleSelector(int[] targets, TaskLoad load, int start) {
        this.targets = new int[targets.length];
        for (int i = 0; i < targets.length; i++) {
            this.targets[i] = targets[(start + i) % targets.length];
        }
        this.load = load;
        this.weight = new int[targets.length];
        this.current = new int[targets.length];
    }

    @Override
    public int select(List<Object> values, int[] out) {
        if (untilRefresh-- == 0) {
            refresh();
        }
        // Smooth weighted round-robin: every target gains its weight, the richest is chosen and pays the total.
        int best = 0;
        for (int i = 0; i < targets.length; i++) {
            current[i] += weight[i];
            if (current[i] > current[best]) {
                best = i;
            }
        }
        current[best] -= totalWeight;
        out[0] = targets[best];
        return 1;
    }

    private void refresh() {
        untilRefresh = REFRESH_EVERY - 1;
        totalWeight = 0;
        for (int i = 0; i < targets.length; i++) {
            double l = Math.min(1, Math.max(0, load.load(targets[i])));
            weight[i] = Math.max(1, (int) Math.round(MAX_WEIGHT * (1 - l)));
            totalWeight += weight[i];
        }
    }

    @Override
    public int maxTargets() {
        return 1;
    }
}
