package io.squall.runtime.routing;

import java.util.List;

/**
 * Picks the target tasks of one subscription for each emitted tuple. One instance per emitting task and
 * subscription, used only by that task's executor thread, so implementations keep plain mutable state.
 */
public interface TaskSelector {
    /**
     * Writes the chosen task ids into {@code out} (which has room for every target task).
     *
     * @return how many were written
     */
    int select(List<Object> values, int[] out);

    /** The most tasks one call can choose. */
    int maxTargets();
}
