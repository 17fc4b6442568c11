package io.squall.trident.planner;

import io.squall.trident.state.StateFactory;

import java.io.Serializable;

/** The serializable description of one operation, shipped with its bolt, that makes its {@link Processor}. */
interface ProcSpec extends Serializable {
    /** A fresh processor for one task. */
    Processor create();

    /** The state this operation updates, or null. */
    default StateFactory updatedState() {
        return null;
    }

    /** Whether the operation runs in the commit phase, once per batch in txid order (states and windows do). */
    default boolean commits() {
        return updatedState() != null;
    }
}
