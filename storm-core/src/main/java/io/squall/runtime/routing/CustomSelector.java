package io.squall.runtime.routing;

import io.squall.grouping.CustomStreamGrouping;
import io.squall.grouping.Load;
import io.squall.grouping.LoadAwareCustomStreamGrouping;
import io.squall.grouping.LoadMapping;
import io.squall.topology.GlobalStreamId;
import io.squall.utils.Clock;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Asks a user grouping, and checks that every task it names is a target. A {@link LoadAwareCustomStreamGrouping} is
 * told the targets' loads before its first choice and then before a choice at least {@link #REFRESH_NANOS} after the
 * last time (Storm's worker refreshes them every second): the tasks of this worker by their receive queues' fill,
 * the others as the worker sees them ({@link TaskLoad}). Owned by the emitting executor's thread.
 */
final class CustomSelector implements TaskSelector {
    /** How often a load-aware grouping is told the loads. */
    static final long REFRESH_NANOS = 1_000_000_000L;

    private final CustomStreamGrouping grouping;
    private final int emitterTask;
    private final int[] sortedTargets;
    private final GlobalStreamId stream;
    private final String consumer;
    /** The grouping when it takes loads and the worker measures them, else null. */
    private final LoadAwareCustomStreamGrouping loadAware;
    private final TaskLoad load;
    private final boolean[] local;
    private final Clock clock;
    private final LoadMapping loads = new LoadMapping();
    private boolean refreshed;
    private long lastRefreshNanos;

    CustomSelector(CustomStreamGrouping grouping, int emitterTask, int[] targets, GlobalStreamId stream,
                   String consumer) {
        this(grouping, emitterTask, targets, stream, consumer, null, List.of(), null);
    }

    /**
     * @param load        the targets' loads for a load-aware grouping, or null to tell it none
     * @param workerTasks the tasks of this worker
     * @param clock       the executor's clock, for the refreshes (null when {@code load} is)
     */
    CustomSelector(CustomStreamGrouping grouping, int emitterTask, int[] targets, GlobalStreamId stream,
                   String consumer, TaskLoad load, List<Integer> workerTasks, Clock clock) {
        this.grouping = grouping;
        this.emitterTask = emitterTask;
        this.sortedTargets = targets.clone();
        Arrays.sort(sortedTargets);
        this.stream = stream;
        this.consumer = consumer;
        this.loadAware = load != null && grouping instanceof LoadAwareCustomStreamGrouping g ? g : null;
        this.load = load;
        this.local = new boolean[sortedTargets.length];
        for (int i = 0; i < sortedTargets.length; i++) {
            local[i] = workerTasks.contains(sortedTargets[i]);
        }
        this.clock = clock;
    }

    @Override
    public int select(List<Object> values, int[] out) {
        if (loadAware != null) {
            long now = clock.nanoTime();
            if (!refreshed || now - lastRefreshNanos >= REFRESH_NANOS) {
                refreshed = true;
                lastRefreshNanos = now;
                refreshLoad();
            }
        }
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

    private void refreshLoad() {
        Map<Integer, Double> here = new HashMap<>();
        Map<Integer, Load> there = new HashMap<>();
        for (int i = 0; i < sortedTargets.length; i++) {
            double l = Math.min(1, Math.max(0, load.load(sortedTargets[i])));
            if (local[i]) {
                here.put(sortedTargets[i], l);
            } else {
                there.put(sortedTargets[i], new Load(true, 0.0, l));
            }
        }
        loads.setLocal(here);
        loads.setRemote(there);
        loadAware.refreshLoad(loads);
    }

    @Override
    public int maxTargets() {
        return sortedTargets.length;
    }
}
