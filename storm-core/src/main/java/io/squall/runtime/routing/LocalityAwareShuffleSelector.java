package io.squall.runtime.routing;

import java.util.List;

/**
 * Shuffle that keeps tuples in the emitter's worker while its tasks there keep up (Storm 2's locality-aware
 * load-aware shuffle, with two scopes): it starts by choosing among the target tasks of this worker only; once
 * their mean {@link TaskLoad} reaches {@code higherBound} ({@code topology.localityaware.higher.bound}) it chooses
 * among every target task, and it goes back to the local ones once their mean load falls below {@code lowerBound}
 * ({@code topology.localityaware.lower.bound}). The gap between the bounds keeps it from flapping. Within a scope
 * the choice is load-aware ({@link LoadAwareShuffleSelector}). Storm's host and rack scopes are one scope here:
 * a tuple for another worker is serialized and sent whatever host that worker is on.
 *
 * <p>The scope is checked every {@value #CHECK_EVERY} choices (reading a load is a volatile read per task). Owned
 * by the emitting executor's thread.
 */
final class LocalityAwareShuffleSelector implements TaskSelector {
    /** Choices between two checks of the local tasks' load. */
    static final int CHECK_EVERY = 64;

    private final int[] local;
    private final TaskLoad load;
    private final double higherBound;
    private final double lowerBound;
    private final TaskSelector inWorker;
    private final TaskSelector everywhere;
    private boolean wide;
    private int untilCheck;

    /**
     * @param local   the target tasks in this worker: at least one, and not all of {@code targets}
     * @param targets every target task
     */
    LocalityAwareShuffleSelector(int[] local, int[] targets, TaskLoad load, double higherBound, double lowerBound) {
        if (local.length == 0 || local.length >= targets.length) {
            throw new IllegalArgumentException("Locality needs some but not all of " + targets.length
                    + " targets in this worker; got " + local.length);
        }
        this.local = local.clone();
        this.load = load;
        this.higherBound = higherBound;
        this.lowerBound = lowerBound;
        this.inWorker = local.length == 1 ? new ShuffleSelector(local) : new LoadAwareShuffleSelector(local, load);
        this.everywhere = new LoadAwareShuffleSelector(targets, load);
    }

    @Override
    public int select(List<Object> values, int[] out) {
        if (untilCheck-- == 0) {
            check();
        }
        return (wide ? everywhere : inWorker).select(values, out);
    }

    private void check() {
        untilCheck = CHECK_EVERY - 1;
        double sum = 0;
        for (int t : local) {
            sum += Math.min(1, Math.max(0, load.load(t)));
        }
        double mean = sum / local.length;
        if (!wide && mean >= higherBound) {
            wide = true;
        } else if (wide && mean < lowerBound) {
            wide = false;
        }
    }

    /** Whether it chooses among every target now, rather than the local ones only; for tests. */
    boolean wide() {
        return wide;
    }

    @Override
    public int maxTargets() {
        return 1;
    }
}
