package io.squall.runtime.routing;

import io.squall.grouping.CustomStreamGrouping;
import io.squall.topology.GlobalStreamId;

import java.util.Arrays;
import java.util.List;

/** Asks a user grouping, and checks that every task it names is a target. */
final class CustomSelector implements TaskSelector {
    private final CustomStreamGrouping grouping;
    private final int emitterTask;
    private final int[] sortedTargets;
    private final GlobalStreamId stream;
    private final String consumer;

    CustomSelector(CustomStreamGrouping grouping, int emitterTask, int[] targets, GlobalStreamId stream,
                   String consumer) {
        this.grouping = grouping;
        this.emitterTask = emitterTask;
        this.sortedTargets = targets.clone();
        Arrays.sort(sortedTargets);
        this.stream = stream;
        this.consumer = consumer;
    }

    @Override
    public int select(List<Object> values, int[] out) {
        List<Integer> chosen = grouping.chooseTasks(emitterTask, values);
        if (chosen == null) {
            return 0;
        }
        if (chosen.size() > out.length) {
            throw new IllegalStateException("Custom grouping " + grouping.getClass().getName() + " on " + stream
                    + " chose " + chosen.size() + " tasks, more than the " + out.length + " tasks of '" + consumer + "'");
        }
        int n = 0;
        for (Integer t : chosen) {
            if (t == null || Arrays.binarySearch(sortedTargets, t) < 0) {
                throw new IllegalStateException("Custom grouping " + grouping.getClass().getName() + " on " + stream
                        + " chose task " + t + ", which is not a task of '" + consumer + "' "
                        + Arrays.toString(sortedTargets));
            }
            out[n++] = t;
        }
        return n;
    }

    @Override
    public int maxTargets() {
        return sortedTargets.length;
    }
}
